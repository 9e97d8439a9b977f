import type { JsonRpcProvider, Log } from 'ethers'

export interface LogQuery {
  address: string | string[]
  topics: (string | string[] | null)[]
}

/** getLogs over [from, to] in windows, so a public RPC's range limit never bites. */
export async function getLogsChunked(
  provider: JsonRpcProvider,
  query: LogQuery,
  fromBlock: number,
  toBlock: number,
  window = 50_000,
): Promise<Log[]> {
  const logs: Log[] = []
  for (let start = fromBlock; start <= toBlock; start += window) {
    const end = Math.min(toBlock, start + window - 1)
    logs.push(...(await provider.getLogs({ ...query, fromBlock: start, toBlock: end })))
  }
  return logs
}

/** Newest-first search: windows walking back from `toBlock`; stops at the first window with a hit. */
export async function findLogBackwards(
  provider: JsonRpcProvider,
  query: LogQuery,
  toBlock: number,
  match: (log: Log) => boolean,
  window = 5_000,
): Promise<Log | undefined> {
  for (let end = toBlock; end >= 0; end -= window) {
    const start = Math.max(0, end - window + 1)
    const hit = (await provider.getLogs({ ...query, fromBlock: start, toBlock: end })).find(match)
    if (hit !== undefined) return hit
  }
  return undefined
}
