import type { HistoryMessage } from '../history/types.js'
import { isFinalState, MessageState } from '../protocol/status.js'
import type {
  Distribution,
  FailureReason,
  FeeTotal,
  LaneStats,
  Latency,
  StatsReport,
  Timeline,
  TokenVolume,
  Totals,
} from './types.js'

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

/** Per lane and in total: counts, volumes, fees, latency and failure reasons of `messages`. */
export function aggregate(
  messages: readonly HistoryMessage[],
  facts: TokenFacts,
): Omit<StatsReport, 'window' | 'holdings'> {
  const lanes = new Map<string, HistoryMessage[]>()
  for (const m of messages) {
    const key = `${m.sourceChain}\u0000${m.destChain}\u0000${m.version}`
    const list = lanes.get(key)
    if (list === undefined) lanes.set(key, [m])
    else list.push(m)
  }
  const laneStats: LaneStats[] = [...lanes.values()].map((list) => {
    const first = list[0]!
    return {
      source: first.sourceChain,
      dest: first.destChain,
      version: first.version,
      ...totals(list, facts),
    }
  })
  laneStats.sort(
    (a, b) =>
      a.source.localeCompare(b.source) || a.dest.localeCompare(b.dest) || a.version.localeCompare(b.version),
  )
  return {
    lanes: laneStats,
    total: totals(messages, facts),
    timeline: timeline(messages),
    latencyHistogram: histogram(messages),
  }
}

function totals(messages: readonly HistoryMessage[], facts: TokenFacts): Totals {
  let success = 0
  let failure = 0
  for (const m of messages) {
    if (m.state === MessageState.SUCCESS) success++
    else if (m.state === MessageState.FAILURE) failure++
  }
  const fees = feeTotals(messages, facts)
  const priced = fees.filter((f) => f.usd !== null)
  return {
    messages: messages.length,
    success,
    failure,
    inFlight: messages.length - success - failure,
    tokens: tokenVolumes(messages, facts),
    fees,
    feesUsd: priced.length === 0 ? null : priced.reduce((sum, f) => sum + (f.usd ?? 0), 0),
    latency: latency(messages),
    failures: failureReasons(messages),
  }
}

function tokenVolumes(messages: readonly HistoryMessage[], facts: TokenFacts): TokenVolume[] {
  const volumes = new Map<string, TokenVolume>()
  for (const m of messages) {
    for (const t of m.tokens) {
      const key = `${m.sourceChain}:${t.token}`
      let v = volumes.get(key)
      if (v === undefined) {
        const info = facts.tokens.get(key)
        v = {
          chain: m.sourceChain,
          token: t.token,
          symbol: info?.symbol ?? null,
          decimals: info?.decimals ?? null,
          transfers: 0,
          amount: 0n,
        }
        volumes.set(key, v)
      }
      v.transfers++
      v.amount += t.amount
    }
  }
  return [...volumes.values()].sort((a, b) => b.transfers - a.transfers)
}

function feeTotals(messages: readonly HistoryMessage[], facts: TokenFacts): FeeTotal[] {
  const fees = new Map<string, FeeTotal>()
  for (const m of messages) {
    const key = `${m.sourceChain}:${m.feeToken}`
    let f = fees.get(key)
    if (f === undefined) {
      const kinds = facts.feeKinds.get(m.sourceChain)
      const kind = m.feeToken === kinds?.link ? 'LINK' : m.feeToken === kinds?.native ? 'native' : 'other'
      const info = facts.tokens.get(key)
      f = {
        chain: m.sourceChain,
        feeToken: m.feeToken,
        symbol: info?.symbol ?? null,
        kind,
        decimals: info?.decimals ?? null,
        amount: 0n,
        usd: null,
      }
      fees.set(key, f)
    }
    f.amount += m.feeAmount
  }
  for (const f of fees.values()) {
    const price = facts.prices.get(`${f.chain}:${f.feeToken}`)
    if (price !== undefined && price > 0n) f.usd = usdOf(f.amount, price)
  }
  return [...fees.values()].sort((a, b) => a.chain.localeCompare(b.chain) || a.kind.localeCompare(b.kind))
}

function latency(messages: readonly HistoryMessage[]): Latency {
  const toCommit: number[] = []
  const commitToExec: number[] = []
  const endToEnd: number[] = []
  for (const m of messages) {
    if (m.committed !== undefined) toCommit.push(m.committed.timestamp - m.sent.timestamp)
    if (m.executed !== undefined && isFinalState(m.state)) {
      endToEnd.push(m.executed.timestamp - m.sent.timestamp)
      if (m.committed !== undefined) commitToExec.push(m.executed.timestamp - m.committed.timestamp)
    }
  }
  return {
    sentToCommitted: distribution(toCommit),
    committedToExecuted: distribution(commitToExec),
    sentToExecuted: distribution(endToEnd),
  }
}

/** Nearest-rank percentiles; null for no samples. */
export function distribution(samples: number[]): Distribution | null {
  if (samples.length === 0) return null
  const sorted = Float64Array.from(samples).sort()
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!
  return { count: sorted.length, p50: rank(0.5), p90: rank(0.9), max: sorted[sorted.length - 1]! }
}

function failureReasons(messages: readonly HistoryMessage[]): FailureReason[] {
  const counts = new Map<string, number>()
  for (const m of messages) {
    if (m.state !== MessageState.FAILURE) continue
    const reason = m.failureReason ?? 'unknown'
    counts.set(reason, (counts.get(reason) ?? 0) + 1)
  }
  return [...counts]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
    .slice(0, TOP_FAILURES)
}

function timeline(messages: readonly HistoryMessage[]): Timeline {
  if (messages.length === 0) return { start: 0, bucketSeconds: 60, counts: [] }
  let first = Number.POSITIVE_INFINITY
  let last = 0
  for (const m of messages) {
    first = Math.min(first, m.sent.timestamp)
    last = Math.max(last, m.sent.timestamp)
  }
  const span = Math.max(1, last - first + 1)
  const bucketSeconds = Math.max(1, Math.ceil(span / TIMELINE_BUCKETS))
  const counts = new Array<number>(Math.ceil(span / bucketSeconds)).fill(0)
  for (const m of messages) {
    const i = Math.floor((m.sent.timestamp - first) / bucketSeconds)
    counts[i] = (counts[i] ?? 0) + 1
  }
  return { start: first, bucketSeconds, counts }
}

function histogram(messages: readonly HistoryMessage[]): StatsReport['latencyHistogram'] {
  const buckets = LATENCY_EDGES.map((upTo) => ({ upTo, count: 0 }))
  for (const m of messages) {
    if (m.executed === undefined || !isFinalState(m.state)) continue
    const seconds = m.executed.timestamp - m.sent.timestamp
    const bucket = buckets.find((b) => seconds <= b.upTo)
    if (bucket !== undefined) bucket.count++
  }
  while (buckets.length > 1 && buckets.at(-1)?.count === 0) buckets.pop()
  // JSON has no Infinity: the open last bucket is written as null.
  return buckets.map((b) => ({ upTo: Number.isFinite(b.upTo) ? b.upTo : null, count: b.count }))
}
