import type { HistoryTable } from '../history/join.js'
import { sentAt } from '../history/rows.js'
import { type Sums, sumAll, sumLanes } from './accumulate.js'
import type { Distribution, FeeTotal, LaneStats, StatsReport, Timeline, Totals } from './types.js'

/** What the chains say about the tokens the messages moved and paid with (chain-facts.ts). */
export interface TokenFacts {
  /** `chain:token` → symbol and decimals, when the token answers them. */
  tokens: ReadonlyMap<string, { symbol: string; decimals: number }>
  /** `chain:token` → the source FeeQuoter's USD price (18 decimals per 1e18 smallest units). */
  prices: ReadonlyMap<string, bigint>
  /** `chain` → its LINK and wrapped native token. */
  feeKinds: ReadonlyMap<string, { link: string; native: string }>
}

/** USD of `amount` at a FeeQuoter price (USD with 18 decimals per 1e18 smallest units): amount × price / 1e36, to the micro-dollar. */
export const usdOf = (amount: bigint, price: bigint): number => Number((amount * price) / 10n ** 30n) / 1e6

/** Latency histogram bucket edges (seconds): the charts' x axis. */
const LATENCY_EDGES = [1, 2, 5, 10, 30, 60, 300, 1800, 3600, Number.POSITIVE_INFINITY]
const TOP_FAILURES = 5
const TIMELINE_BUCKETS = 48

/** Per lane and in total: counts, volumes, fees, latency and failure reasons of the history's `rows`. */
export function aggregate(
  table: HistoryTable,
  rows: Int32Array,
  facts: TokenFacts,
): Omit<StatsReport, 'window' | 'holdings'> {
  const lanes = sumLanes(table, rows)
  const all = sumAll(lanes)
  const laneStats: LaneStats[] = lanes.map((lane) => ({
    source: lane.source,
    dest: lane.dest,
    version: lane.version,
    ...totals(lane, facts),
  }))
  laneStats.sort(
    (a, b) =>
      a.source.localeCompare(b.source) || a.dest.localeCompare(b.dest) || a.version.localeCompare(b.version),
  )
  return {
    lanes: laneStats,
    total: totals(all, facts),
    timeline: timeline(table, rows),
    latencyHistogram: histogram(all.endToEnd),
  }
}

function totals(sums: Sums, facts: TokenFacts): Totals {
  const fees = feeTotals(sums, facts)
  const priced = fees.filter((f) => f.usd !== null)
  return {
    messages: sums.messages,
    success: sums.success,
    failure: sums.failure,
    inFlight: sums.messages - sums.success - sums.failure,
    tokens: [...sums.tokens.values()]
      .map(({ chain, token, transfers, amount }) => {
        const info = facts.tokens.get(`${chain}:${token}`)
        return {
          chain,
          token,
          symbol: info?.symbol ?? null,
          decimals: info?.decimals ?? null,
          transfers,
          amount,
        }
      })
      .sort((a, b) => b.transfers - a.transfers),
    fees,
    feesUsd: priced.length === 0 ? null : priced.reduce((sum, f) => sum + (f.usd ?? 0), 0),
    latency: {
      sentToCommitted: distribution(sums.toCommit),
      committedToExecuted: distribution(sums.commitToExec),
      sentToExecuted: distribution(sums.endToEnd),
    },
    failures: [...sums.reasons]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
      .slice(0, TOP_FAILURES),
  }
}

function feeTotals(sums: Sums, facts: TokenFacts): FeeTotal[] {
  const fees = [...sums.fees.values()].map(({ chain, feeToken, amount }): FeeTotal => {
    const kinds = facts.feeKinds.get(chain)
    const info = facts.tokens.get(`${chain}:${feeToken}`)
    const price = facts.prices.get(`${chain}:${feeToken}`)
    return {
      chain,
      feeToken,
      symbol: info?.symbol ?? null,
      kind: feeToken === kinds?.link ? 'LINK' : feeToken === kinds?.native ? 'native' : 'other',
      decimals: info?.decimals ?? null,
      amount,
      usd: price !== undefined && price > 0n ? usdOf(amount, price) : null,
    }
  })
  return fees.sort((a, b) => a.chain.localeCompare(b.chain) || a.kind.localeCompare(b.kind))
}

/** Nearest-rank percentiles; null for no samples. */
export function distribution(samples: number[]): Distribution | null {
  if (samples.length === 0) return null
  const sorted = Float64Array.from(samples).sort()
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!
  return { count: sorted.length, p50: rank(0.5), p90: rank(0.9), max: sorted[sorted.length - 1]! }
}

function timeline(table: HistoryTable, rows: Int32Array): Timeline {
  if (rows.length === 0) return { start: 0, bucketSeconds: 60, counts: [] }
  let first = Number.POSITIVE_INFINITY
  let last = 0
  for (const k of rows) {
    const ts = sentAt(table, k)
    if (ts < first) first = ts
    if (ts > last) last = ts
  }
  const span = Math.max(1, last - first + 1)
  const bucketSeconds = Math.max(1, Math.ceil(span / TIMELINE_BUCKETS))
  const counts = new Array<number>(Math.ceil(span / bucketSeconds)).fill(0)
  for (const k of rows) {
    const i = Math.floor((sentAt(table, k) - first) / bucketSeconds)
    counts[i] = (counts[i] ?? 0) + 1
  }
  return { start: first, bucketSeconds, counts }
}

/** End-to-end latencies (seconds) in the charts' buckets. */
function histogram(endToEnd: readonly number[]): StatsReport['latencyHistogram'] {
  const buckets = LATENCY_EDGES.map((upTo) => ({ upTo, count: 0 }))
  for (const seconds of endToEnd) {
    const bucket = buckets.find((b) => seconds <= b.upTo)
    if (bucket !== undefined) bucket.count++
  }
  while (buckets.length > 1 && buckets.at(-1)?.count === 0) buckets.pop()
  // JSON has no Infinity: the open last bucket is written as null.
  return buckets.map((b) => ({ upTo: Number.isFinite(b.upTo) ? b.upTo : null, count: b.count }))
}
