import type { Distribution, StatsReport } from '../stats/types.js'
import { tokenUnits } from './ratelimit.js'
import { blockTime } from './status.js'
import { table } from './table.js'

const usd = (v: number | null): string =>
  v === null ? '-' : `$${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
const secs = (v: number | undefined): string => (v === undefined ? '-' : `${v} s`)
const amount = (v: bigint, decimals: number | null): string =>
  decimals === null ? v.toString() : tokenUnits(v, decimals)

/** `ccip stats` as text: lanes, latency, volume, fees, pools, failures. */
export function renderStats(r: StatsReport): string {
  if (r.total.messages === 0 && r.holdings.length === 0) return `No messages${windowText(r)}.`
  const lanes = table(
    ['lane', 'ccip', 'messages', 'success', 'failure', 'in flight', 'fees', 'p50', 'p90'],
    [
      ...r.lanes.map((l) => [
        `${l.source} → ${l.dest}`,
        l.version,
        String(l.messages),
        String(l.success),
        String(l.failure),
        String(l.inFlight),
        usd(l.feesUsd),
        secs(l.latency.sentToExecuted?.p50),
        secs(l.latency.sentToExecuted?.p90),
      ]),
      [
        'total',
        '',
        ...[r.total.messages, r.total.success, r.total.failure, r.total.inFlight].map(String),
        usd(r.total.feesUsd),
        secs(r.total.latency.sentToExecuted?.p50),
        secs(r.total.latency.sentToExecuted?.p90),
      ],
    ],
  )
  const phase = (name: string, d: Distribution | null) => [
    name,
    ...(d === null ? ['0', '-', '-', '-'] : [String(d.count), secs(d.p50), secs(d.p90), secs(d.max)]),
  ]
  const latency = table(
    ['phase (all lanes)', 'messages', 'p50', 'p90', 'max'],
    [
      phase('send → commit (1.6)', r.total.latency.sentToCommitted),
      phase('commit → execution (1.6)', r.total.latency.committedToExecuted),
      phase('send → execution', r.total.latency.sentToExecuted),
    ],
  )
  const parts = [`Lanes${windowText(r)}`, lanes, '', 'Latency', latency]
  if (r.total.tokens.length > 0)
    parts.push(
      '',
      'Token volume',
      table(
        ['chain', 'token', 'transfers', 'amount'],
        r.total.tokens.map((t) => [
          t.chain,
          t.symbol ?? t.token,
          String(t.transfers),
          amount(t.amount, t.decimals),
        ]),
      ),
    )
  if (r.total.fees.length > 0)
    parts.push(
      '',
      'Fees',
      table(
        ['chain', 'token', 'paid in', 'amount', 'USD'],
        r.total.fees.map((f) => [
          f.chain,
          f.symbol ?? f.feeToken,
          f.kind,
          amount(f.amount, f.decimals),
          usd(f.usd),
        ]),
      ),
    )
  if (r.holdings.length > 0)
    parts.push(
      '',
      'Pools',
      table(
        ['chain', 'token', 'pool', 'holds', 'USD'],
        r.holdings.map((h) => [
          h.chain,
          h.symbol ?? h.token,
          h.kind === 'lock-release' ? 'locked' : 'supply (burn/mint)',
          amount(h.amount, h.decimals),
          usd(h.usd),
        ]),
      ),
    )
  if (r.total.failures.length > 0)
    parts.push(
      '',
      'Top failures',
      table(
        ['messages', 'reason'],
        r.total.failures.map((f) => [String(f.count), f.reason]),
      ),
    )
  return parts.join('\n')
}

function windowText(r: StatsReport): string {
  const { since, until } = r.window
  if (since === null && until === null) return ''
  return ` (${since === null ? 'from the start' : `since ${blockTime(since)}`}${until === null ? '' : `, until ${blockTime(until)}`})`
}
