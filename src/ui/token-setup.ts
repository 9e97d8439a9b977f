import type { PreparedSetup, SetupResult } from '../tokens/setup.js'
import { table } from './table.js'

/** Formatters for `ccip token setup` and its steps alone. */

/** `--dry-run --json`: each chain's token and pool (new ones at their expected address), then every transaction. */
export const planJson = (prepared: PreparedSetup) => ({
  token: prepared.symbol,
  chains: prepared.plan.chains,
  transactions: prepared.plan.steps.map((s) => ({
    chain: s.chain,
    phase: s.phase,
    action: s.action,
    to: s.to,
    ...(s.deploys === undefined ? {} : { deploys: s.deploys.what, expectedAddress: s.deploys.address }),
    data: s.data,
  })),
  notes: prepared.plan.notes,
})

export function renderPlan(prepared: PreparedSetup): string {
  const { plan, symbol } = prepared
  const pools = plan.chains.map((c) => [
    c.chain,
    c.token,
    c.pool === null ? '-' : `${c.pool}${c.poolIsNew ? ' (new)' : ''}`,
  ])
  const lines = [
    `${symbol}: ${plan.steps.length === 0 ? 'nothing to do' : `${plan.steps.length} transaction(s)`}`,
    '',
    table(['CHAIN', 'TOKEN', 'POOL'], pools),
  ]
  if (plan.steps.length > 0) {
    lines.push(
      '',
      table(
        ['CHAIN', 'STEP', 'TO', 'CALLDATA'],
        plan.steps.map((s) => [s.chain, s.action, s.to ?? '(deploy)', shortData(s.data)]),
      ),
    )
  }
  for (const note of plan.notes) lines.push(`note: ${note}`)
  return lines.join('\n')
}

/** Calldata in a table: a deployment's bytecode runs to kilobytes. */
const shortData = (data: string): string =>
  data.length <= 74 ? data : `${data.slice(0, 42)}…(${(data.length - 2) / 2} bytes)`

/** What is about to happen, on stderr before it does. */
export function progressLines(prepared: PreparedSetup): string[] {
  const n = prepared.plan.steps.length
  const chains = new Set(prepared.plan.steps.map((s) => s.chain))
  return n === 0 ? [] : [`${prepared.symbol}: sending ${n} transaction(s) on ${[...chains].join(', ')}…`]
}

/** `--json`: each chain's token and pool, every transaction sent, what is left for another command. */
export const resultJson = (result: SetupResult) => ({
  token: result.symbol,
  chains: result.chains.map((c) => ({ chain: c.chain, token: c.token, pool: c.pool })),
  transactions: result.done,
  notes: result.notes,
})

export function renderResult(result: SetupResult): string {
  const rows = result.chains.map((c) => [c.chain, c.token, c.pool ?? '-'])
  const lines = [
    result.done.length === 0
      ? `${result.symbol}: already set up, nothing sent`
      : `${result.symbol}: ${result.done.length} transaction(s) sent`,
    '',
    table(['CHAIN', 'TOKEN', 'POOL'], rows),
  ]
  if (result.done.length > 0)
    lines.push(
      '',
      table(
        ['CHAIN', 'DONE', 'TX'],
        result.done.map((d) => [d.chain, d.action, d.txHash]),
      ),
    )
  for (const note of result.notes) lines.push(`note: ${note}`)
  return lines.join('\n')
}
