import { isZeroAddress } from '../protocol/abi-words.js'
import type { PoolRemote, TokenOnChain } from '../tokens/inspect.js'
import type { TokenCheck, TokenShow } from '../tokens/show.js'
import { bucketText, tokenUnits } from './ratelimit.js'

/** Formatters for `ccip token show`. */

const orNone = (a: string) => (isZeroAddress(a) ? null : a)
const nameOf = (show: TokenShow, selector: bigint) => show.names[selector.toString()] ?? selector.toString()

/** `--json`: per chain the token, its registry entry (null for unset addresses) and its pool with named remotes. */
export const showJson = (show: TokenShow) => ({
  token: show.token,
  chains: show.chains.map((c) => ({
    chain: c.chain,
    selector: c.selector,
    token: c.token,
    registry: {
      address: c.registry.address,
      administrator: orNone(c.registry.administrator),
      pendingAdministrator: orNone(c.registry.pendingAdministrator),
      pool: orNone(c.registry.pool),
    },
    pool:
      c.pool === null
        ? null
        : { ...c.pool, remotes: c.pool.remotes.map((r) => ({ chain: nameOf(show, r.selector), ...r })) },
  })),
})

export function renderShow(show: TokenShow): string {
  return show.chains.map((c) => chainBlock(show, c)).join('\n\n')
}

function chainBlock(show: TokenShow, c: TokenOnChain): string {
  const t = c.token
  const d = t.decimals
  const lines = [
    `${c.chain}: ${t.symbol} ${t.address} (${d} decimals, supply ${tokenUnits(t.totalSupply, d)})`,
    `  owner ${t.owner ?? '-'}, CCIP admin ${t.ccipAdmin ?? '-'}`,
    `  registry: admin ${orNone(c.registry.administrator) ?? 'none'}${isZeroAddress(c.registry.pendingAdministrator) ? '' : `, pending ${c.registry.pendingAdministrator}`}, pool ${orNone(c.registry.pool) ?? 'none'}`,
  ]
  const p = c.pool
  if (p === null) return [...lines, '  pool: none'].join('\n')
  const unset = isZeroAddress(c.registry.pool) ? ' (not set in the registry)' : ''
  lines.push(`  pool ${p.address}${unset}: ${p.typeAndVersion}, owner ${p.owner}`)
  if (p.type === 'burn-mint') lines.push(`  may mint: ${yes(p.mayMint)}, may burn: ${yes(p.mayBurn)}`)
  if (p.liquidity !== undefined)
    lines.push(
      `  liquidity ${tokenUnits(p.liquidity.amount, d)} in ${p.liquidity.holder}${p.liquidity.poolAuthorized ? '' : ' (the pool may not use it)'}`,
    )
  if (p.remotes.length === 0) lines.push('  remotes: none')
  for (const r of p.remotes) lines.push(remoteLine(show, r, d))
  return lines.join('\n')
}

const yes = (v: boolean | null) => (v === null ? '?' : v ? 'yes' : 'NO')

function remoteLine(show: TokenShow, r: PoolRemote, decimals: number): string {
  const pools = r.remotePools.map(shortWord).join(', ') || 'none'
  return `  → ${nameOf(show, r.selector)}: pool ${pools}, token ${shortWord(r.remoteToken)}, out ${bucketText(r.outbound, decimals)}, in ${bucketText(r.inbound, decimals)}`
}

/** An ABI-encoded address word as the address; other encodings as they are. */
const shortWord = (hex: string): string => (/^0x0{24}[0-9a-f]{40}$/i.test(hex) ? `0x${hex.slice(26)}` : hex)

/** `token check --json`: the findings (the chains' state is `token show --json`). */
export const checkJson = (check: TokenCheck) => ({
  token: check.token,
  chains: check.chains.map((c) => c.chain),
  clean: check.findings.every((f) => f.severity === 'info'),
  findings: check.findings,
})

export function renderCheck(check: TokenCheck): string {
  const chains = check.chains.map((c) => c.chain).join(', ')
  if (check.findings.length === 0) return `${check.token} on ${chains}: no problems found`
  const order = { error: 0, warning: 1, info: 2 } as const
  const sorted = [...check.findings].sort((a, b) => order[a.severity] - order[b.severity])
  const lines = sorted.map((f) =>
    [
      `${f.severity.toUpperCase()} ${f.code} on ${f.chain}${f.remote === undefined ? '' : ` (→ ${f.remote})`}: ${f.problem}`,
      `  breaks: ${f.breaks}`,
      `  fix:    ${f.fix}`,
    ].join('\n'),
  )
  const count = (s: string) => check.findings.filter((f) => f.severity === s).length
  return [
    `${check.token} on ${chains}: ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} note(s)`,
    '',
    lines.join('\n\n'),
  ].join('\n')
}
