import { CliError } from '../errors.js'
import type { ChainReader, LogFilter, RawLog } from './chain-reader.js'

/**
 * getLogs strategies over long ranges. Local nodes answer any range in one call; public RPCs cap
 * the range (or the result size) and answer with an error, so every helper falls back to windows.
 */
type Query = Omit<LogFilter, 'fromBlock' | 'toBlock'>

/** Windows used when a node refuses a whole range. */
const FALLBACK_WINDOW = 10_000

/** All logs in [from, to] (to defaults to the head): one call, or windows if the node refuses it. */
export async function logsInRange(
  reader: ChainReader,
  query: Query,
  from: number,
  to?: number,
): Promise<RawLog[]> {
  try {
    return await reader.logs({ ...query, fromBlock: from, ...(to === undefined ? {} : { toBlock: to }) })
  } catch (error) {
    if (error instanceof CliError) throw error
    const end = to ?? (await reader.head())
    const logs: RawLog[] = []
    for (let start = from; start <= end; start += FALLBACK_WINDOW) {
      logs.push(
        ...(await reader.logs({
          ...query,
          fromBlock: start,
          toBlock: Math.min(end, start + FALLBACK_WINDOW - 1),
        })),
      )
    }
    return logs
  }
}

export interface ScanOptions {
  /** First window size; windows double up to maxWindow (recent history is usually enough). */
  window: number
  maxWindow: number
  /** Never look below this block. */
  floor?: number
  /** Checked between windows: stop early (another search already found the answer). */
  stop?: () => boolean
}

/**
 * Newest-first search from `from` down to the floor: the first matching log of the first window
 * that has one (logs within a window are checked newest first too).
 */
export async function scanBackward(
  reader: ChainReader,
  query: Query,
  from: number,
  match: (log: RawLog) => boolean,
  opts: ScanOptions,
): Promise<RawLog | undefined> {
  const floor = opts.floor ?? 0
  let window = opts.window
  for (let end = from; end >= floor && opts.stop?.() !== true; end -= window, window = grow(window, opts)) {
    const start = Math.max(floor, end - window + 1)
    const logs = await reader.logs({ ...query, fromBlock: start, toBlock: end })
    for (let i = logs.length - 1; i >= 0; i--) {
      const log = logs[i]
      if (log !== undefined && match(log)) return log
    }
  }
  return undefined
}

/** Oldest-first search from `from` up to `to`: the first matching log. */
export async function scanForward(
  reader: ChainReader,
  query: Query,
  from: number,
  to: number,
  match: (log: RawLog) => boolean,
  opts: ScanOptions,
): Promise<RawLog | undefined> {
  let window = opts.window
  for (let start = from; start <= to; start += window, window = grow(window, opts)) {
    const logs = await reader.logs({ ...query, fromBlock: start, toBlock: Math.min(to, start + window - 1) })
    const hit = logs.find(match)
    if (hit !== undefined) return hit
  }
  return undefined
}

const grow = (window: number, opts: ScanOptions) => Math.min(opts.maxWindow, window * 2)
