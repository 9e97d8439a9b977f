import { CcipError } from '../errors.js'
import type { Chain, LogFilter, RawLog } from './chain.js'

/**
 * getLogs strategies over long ranges. Local nodes answer any range in one call; public RPCs cap
 * the range (or the result size) and answer with an error. Every helper here reads through
 * `logsWithin`, which learns a node's cap from its refusals (halving the window until one is
 * accepted) and remembers it on the Chain.
 */
type Query = Omit<LogFilter, 'fromBlock' | 'toBlock'>

/** First window tried once a node refused a whole range. */
const FALLBACK_WINDOW = 10_000
/** Below this a refusal is not about the range: it is the node's answer. */
const MIN_WINDOW = 100
/** Requests one search may spend on a chain before it gives up (an id that is not there). */
const DEFAULT_BUDGET = 200

/** Requests left to a search; shared by the windows of one search. */
export interface Budget {
  requests: number
}

/** All logs in [from, to] (to defaults to the head): one call, or windows if the node refuses it. */
export async function logsInRange(reader: Chain, query: Query, from: number, to?: number): Promise<RawLog[]> {
  const whole = await wholeRange(reader, {
    ...query,
    fromBlock: from,
    ...(to === undefined ? {} : { toBlock: to }),
  })
  return whole ?? logsWithin(reader, query, from, to ?? (await reader.head()))
}

/**
 * Logs matching a selective `query` anywhere on the chain: one call over the whole chain where
 * the node allows it (`complete`); else newest-first windows up to the first one with a hit,
 * within `budget` requests: recent messages are the common case, and walking up from genesis
 * in capped windows would take thousands of requests on a long chain.
 */
export async function searchChain(
  reader: Chain,
  query: Query,
  budget: Budget = { requests: DEFAULT_BUDGET },
): Promise<{ logs: RawLog[]; complete: boolean }> {
  const whole = await wholeRange(reader, { ...query, fromBlock: 0 })
  if (whole !== undefined) return { logs: whole, complete: true }
  for (let end = await reader.head(); end >= 0 && budget.requests > 0; ) {
    const start = Math.max(0, end - (reader.logRangeCap ?? FALLBACK_WINDOW) + 1)
    const logs = await logsWithin(reader, query, start, end, budget)
    if (logs.length > 0) return { logs, complete: false }
    end = start - 1
  }
  return { logs: [], complete: false }
}

export interface ScanOptions {
  /** First window size; windows double up to maxWindow (recent history is usually enough). */
  window: number
  maxWindow: number
  /** Never look below this block. */
  floor?: number
  /** Checked between windows: stop early (another search already found the answer). */
  stop?: () => boolean
  /** Requests the scan may spend (default 200): a capped node needs several per window. */
  budget?: Budget
}

/**
 * Newest-first search from `from` down to the floor: the first matching log of the first window
 * that has one (logs within a window are checked newest first too).
 */
export async function scanBackward(
  reader: Chain,
  query: Query,
  from: number,
  match: (log: RawLog) => boolean,
  opts: ScanOptions,
): Promise<RawLog | undefined> {
  const floor = opts.floor ?? 0
  const budget = opts.budget ?? { requests: DEFAULT_BUDGET }
  let window = opts.window
  for (let end = from; end >= floor && budget.requests > 0 && opts.stop?.() !== true; ) {
    const start = Math.max(floor, end - window + 1)
    const logs = await logsWithin(reader, query, start, end, budget)
    for (let i = logs.length - 1; i >= 0; i--) {
      const log = logs[i]
      if (log !== undefined && match(log)) return log
    }
    end = start - 1
    window = grow(window, opts)
  }
  return undefined
}

/**
 * Newest-first pages of logs from `from` down to block 0, for listings that stop once they have
 * enough: windows start at `opts.window` and double up to `opts.maxWindow`, each read through
 * `logsWithin` (so a node that caps ranges is read in windows it accepts, as status reads it),
 * until the chain's start or the request budget. Each page is in chain order.
 */
export async function* pagesBackward(
  reader: Chain,
  query: Query,
  from: number,
  opts: ScanOptions,
): AsyncGenerator<RawLog[]> {
  const budget = opts.budget ?? { requests: DEFAULT_BUDGET }
  let window = opts.window
  for (let end = from; end >= 0 && budget.requests > 0 && opts.stop?.() !== true; ) {
    const start = Math.max(0, end - window + 1)
    yield await logsWithin(reader, query, start, end, budget)
    end = start - 1
    window = grow(window, opts)
  }
}

/** Oldest-first search from `from` up to `to`: the first matching log. */
export async function scanForward(
  reader: Chain,
  query: Query,
  from: number,
  to: number,
  match: (log: RawLog) => boolean,
  opts: ScanOptions,
): Promise<RawLog | undefined> {
  const budget = opts.budget ?? { requests: DEFAULT_BUDGET }
  let window = opts.window
  for (let start = from; start <= to && budget.requests > 0; ) {
    const end = Math.min(to, start + window - 1)
    const hit = (await logsWithin(reader, query, start, end, budget)).find(match)
    if (hit !== undefined) return hit
    start = end + 1
    window = grow(window, opts)
  }
  return undefined
}

const grow = (window: number, opts: ScanOptions) => Math.min(opts.maxWindow, window * 2)

/**
 * One request for the whole range, unless the node is known to cap ranges; undefined when it
 * refuses (it is then known to, and later reads go straight to windows).
 */
async function wholeRange(reader: Chain, filter: LogFilter): Promise<RawLog[] | undefined> {
  if (reader.logRangeCap !== undefined) return undefined
  try {
    return await reader.logs(filter)
  } catch (error) {
    if (error instanceof CcipError) throw error
    reader.logRangeCap = FALLBACK_WINDOW
    return undefined
  }
}

/**
 * The logs of [from, to] in ascending windows no wider than the node accepts. A refused window
 * is halved (and the node's cap remembered) until one passes; a refusal of a small window is
 * the node's real answer and is thrown. Spends one request of `budget` per call, if given.
 */
async function logsWithin(
  reader: Chain,
  query: Query,
  from: number,
  to: number,
  budget?: Budget,
): Promise<RawLog[]> {
  const logs: RawLog[] = []
  for (let start = from; start <= to; ) {
    const width = Math.min(to - start + 1, reader.logRangeCap ?? Number.POSITIVE_INFINITY)
    if (budget !== undefined) budget.requests -= 1
    try {
      logs.push(...(await reader.logs({ ...query, fromBlock: start, toBlock: start + width - 1 })))
      start += width
    } catch (error) {
      if (error instanceof CcipError || width <= MIN_WINDOW) throw error
      reader.logRangeCap = Math.max(MIN_WINDOW, Math.floor(width / 2))
    }
  }
  return logs
}

/**
 * The first block whose timestamp is ≥ `ts` (the head when none is): interpolation on the
 * chain's own timestamps, alternating with bisection so a chain with uneven block times still
 * converges in O(log n) reads.
 */
export async function blockAtOrAfter(reader: Chain, ts: number): Promise<number> {
  let hi = await reader.head()
  let tHi = await reader.timestamp(hi)
  if (tHi < ts) return hi
  let lo = 0
  let tLo = await reader.timestamp(lo)
  if (tLo >= ts) return lo
  for (let step = 0; hi - lo > 1; step++) {
    const guess =
      step % 2 === 0 && tHi > tLo
        ? lo + Math.floor(((ts - tLo) * (hi - lo)) / (tHi - tLo))
        : lo + Math.floor((hi - lo) / 2)
    const mid = Math.min(hi - 1, Math.max(lo + 1, guess))
    const t = await reader.timestamp(mid)
    if (t >= ts) [hi, tHi] = [mid, t]
    else [lo, tLo] = [mid, t]
  }
  return hi
}
