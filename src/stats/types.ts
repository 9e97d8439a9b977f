import type { CcipVersion } from '../protocol/lane-version.js'

/** Seconds between two phases over the messages that reached both. */
export interface Distribution {
  count: number
  p50: number
  p90: number
  max: number
}

/** Latency per phase, in seconds. 2.0 lanes have no commit: their two commit rows are null. */
export interface Latency {
  /** 1.6: send → the commit report covering it (blessed in the same report). */
  sentToCommitted: Distribution | null
  /** 1.6: commit → the execution that decided the state. */
  committedToExecuted: Distribution | null
  /** send → the execution that decided the state (both versions). */
  sentToExecuted: Distribution | null
}

export interface TokenVolume {
  /** The source chain of the transfers and the token's address there. */
  chain: string
  token: string
  symbol: string | null
  decimals: number | null
  transfers: number
  amount: bigint
}

export interface FeeTotal {
  chain: string
  feeToken: string
  symbol: string | null
  /** LINK, the chain's wrapped native token, or another fee token. */
  kind: 'LINK' | 'native' | 'other'
  decimals: number | null
  amount: bigint
  /** At the source FeeQuoter's current price for the fee token; null when it has none. */
  usd: number | null
}

export interface FailureReason {
  reason: string
  count: number
}

export interface Totals {
  messages: number
  success: number
  failure: number
  inFlight: number
  tokens: TokenVolume[]
  fees: FeeTotal[]
  /** Sum of the fees' USD values; null when no fee had a price. */
  feesUsd: number | null
  latency: Latency
  /** Most frequent first, at most 5. */
  failures: FailureReason[]
}

export interface LaneStats extends Totals {
  source: string
  dest: string
  version: CcipVersion
}

/** What a token's pool holds on a chain: lock/release pools' balance (value locked), burn/mint supply. */
export interface PoolHolding {
  chain: string
  token: string
  symbol: string | null
  decimals: number | null
  pool: string
  kind: 'lock-release' | 'burn-mint'
  /** lock-release: tokens held by the pool (or its lockbox); burn-mint: the token's total supply. */
  amount: bigint
  usd: number | null
}

/** Messages sent per time bucket, oldest first (for charts). */
export interface Timeline {
  /** Unix seconds of the first bucket's start. */
  start: number
  bucketSeconds: number
  counts: number[]
}

export interface StatsReport {
  /** The window read, unix seconds; `since` is where reading started on each chain. */
  window: { since: number | null; until: number | null }
  lanes: LaneStats[]
  total: Totals
  holdings: PoolHolding[]
  timeline: Timeline
  /** End-to-end latency (send → execution) of every executed message, in buckets up to `upTo` seconds (null: above the last edge), for charts. */
  latencyHistogram: { upTo: number | null; count: number }[]
}
