import { archivedBlockTime } from '../chain/archive-blocks.js'
import { jsonRpc, TransportError } from '../chain/json-rpc.js'
import { withArchive } from '../chain/log-archive.js'
import { rpcUnreachable } from '../chain/rpc-errors.js'
import { CcipError } from '../errors.js'
import type { Profile } from '../profiles/profile.js'
import { addressResult, getOnRampCall, offRampsResult, ROUTER_SELECTORS } from '../protocol/event-words.js'

/**
 * Read-only access to one chain over bare JSON-RPC (node:http, no ethers): block heads and
 * timestamps (cached: blocks don't change once read), eth_getLogs and the Router's ramp views.
 * The message commands read everything they show through this.
 */
export interface RawLog {
  address: string
  topics: string[]
  data: string
  blockNumber: number
  transactionHash: string
  logIndex: number
}

export interface LogFilter {
  /** Omitted: logs of any contract (never an empty list, which some nodes read the same way). */
  address?: string | string[]
  topics: (string | string[] | null)[]
  fromBlock: number
  /** Defaults to the newest block. */
  toBlock?: number
}

export interface ChainReader {
  readonly profile: Profile
  readonly selector: bigint
  head(): Promise<number>
  /** The node's `finalized` block, undefined when it has no such tag. */
  finalized(): Promise<number | undefined>
  timestamp(block: number): Promise<number>
  /** The block's timestamp, undefined when the chain has not mined it yet. */
  minedTimestamp(block: number): Promise<number | undefined>
  logs(filter: LogFilter): Promise<RawLog[]>
  call(to: string, data: string): Promise<string>
  /** Router.getOnRamp(dest): the OnRamp serving this chain → dest; undefined when none. */
  onRamp(destSelector: bigint): Promise<string | undefined>
  /** Router.getOffRamps() filtered to one source: the OffRamps accepting its messages here. */
  offRamps(sourceSelector: bigint): Promise<string[]>
}

interface RpcLog {
  address: string
  topics: string[]
  data: string
  blockNumber: string
  transactionHash: string
  logIndex: string
  /** Newer nodes (anvil among them) send each log's block time: no getBlock needed for it. */
  blockTimestamp?: string
}

const hex = (n: number) => `0x${n.toString(16)}`

/**
 * The readers of one command run or one API client, by RPC URL and Router: repeated reads (a
 * watch, a wait) reuse their caches, and two clients in one process never share them (a revert
 * of one stack must not leave another's block times stale).
 */
export type ReaderPool = Map<string, ChainReader>

export function chainReader(profile: Profile, pool: ReaderPool): ChainReader {
  const key = `${profile.rpcUrl}|${profile.router ?? ''}`
  let reader = pool.get(key)
  if (reader === undefined) {
    reader = createReader(profile)
    pool.set(key, reader)
  }
  return reader
}

function createReader(profile: Profile): ChainReader {
  const url = profile.rpcUrl
  const rpc = async <T>(method: string, params: unknown[]): Promise<T> => {
    try {
      return await jsonRpc<T>(url, method, params)
    } catch (cause) {
      // RPC-level errors (range limits, reverts) stay plain Errors for callers that retry
      // differently; a node that does not answer becomes the user-facing error.
      if (!(cause instanceof TransportError)) throw cause
      throw rpcUnreachable(profile, cause)
    }
  }
  const timestamps = new Map<number, Promise<number | undefined>>()
  let offRampList: Promise<{ sourceChainSelector: bigint; offRamp: string }[]> | undefined
  const onRamps = new Map<bigint, Promise<string | undefined>>()
  const router = profile.router ?? ''

  /** eth_getLogs on the node itself (blocks the archive does not hold). */
  const nodeLogs = async (filter: LogFilter): Promise<RawLog[]> => {
    const logs = await rpc<RpcLog[]>('eth_getLogs', [
      {
        ...(filter.address === undefined ? {} : { address: filter.address }),
        topics: filter.topics,
        fromBlock: hex(filter.fromBlock),
        toBlock: filter.toBlock === undefined ? 'latest' : hex(filter.toBlock),
      },
    ])
    for (const l of logs) {
      const block = Number(l.blockNumber)
      if (l.blockTimestamp !== undefined && !timestamps.has(block))
        timestamps.set(block, Promise.resolve(Number(l.blockTimestamp)))
    }
    return logs.map((l) => ({
      address: l.address.toLowerCase(),
      topics: l.topics,
      data: l.data,
      blockNumber: Number(l.blockNumber),
      transactionHash: l.transactionHash,
      logIndex: Number(l.logIndex),
    }))
  }

  const reader: ChainReader = {
    profile,
    selector: BigInt(profile.selector),
    head: async () => Number(await rpc<string>('eth_blockNumber', [])),
    async finalized() {
      try {
        const block = await rpc<{ number: string } | null>('eth_getBlockByNumber', ['finalized', false])
        return block === null ? undefined : Number(block.number)
      } catch (error) {
        if (error instanceof CcipError) throw error
        return undefined // a node without the tag: nothing counts as final yet
      }
    },
    async timestamp(block) {
      const ts = await reader.minedTimestamp(block)
      if (ts === undefined)
        throw new Error(`eth_getBlockByNumber: block ${block} not found on ${profile.name}`)
      return ts
    },
    minedTimestamp(block) {
      let ts = timestamps.get(block)
      if (ts === undefined) {
        // A local chain restored from a cut no longer serves its old headers: the archive has their times.
        const archive = profile.logArchive
        ts = rpc<{ timestamp: string } | null>('eth_getBlockByNumber', [hex(block), false]).then((b) =>
          b !== null
            ? Number(b.timestamp)
            : archive === undefined
              ? undefined
              : archivedBlockTime(archive, block),
        )
        // Only mined blocks are final facts; a block not there yet is asked for again next time.
        ts.then(
          (t) => t === undefined && timestamps.delete(block),
          () => timestamps.delete(block),
        )
        timestamps.set(block, ts)
      }
      return ts
    },
    logs(filter) {
      return withArchive(
        profile.logArchive,
        filter,
        (fromBlock) => nodeLogs({ ...filter, fromBlock }),
        (l) => {
          if (!timestamps.has(l.blockNumber)) timestamps.set(l.blockNumber, Promise.resolve(l.blockTimestamp))
          return l
        },
      )
    },
    call: (to, data) => rpc<string>('eth_call', [{ to, data }, 'latest']),
    onRamp(destSelector) {
      let ramp = onRamps.get(destSelector)
      if (ramp === undefined) {
        ramp = reader.call(router, getOnRampCall(destSelector)).then(addressResult)
        ramp.catch(() => onRamps.delete(destSelector))
        onRamps.set(destSelector, ramp)
      }
      return ramp
    },
    async offRamps(sourceSelector) {
      if (offRampList === undefined) {
        offRampList = reader.call(router, ROUTER_SELECTORS.getOffRamps).then(offRampsResult)
        offRampList.catch(() => {
          offRampList = undefined
        })
      }
      const all = await offRampList
      return [...new Set(all.filter((o) => o.sourceChainSelector === sourceSelector).map((o) => o.offRamp))]
    },
  }
  return reader
}

/** Log order on one chain: by block, then by position in the block. */
export const byChainOrder = (a: RawLog, b: RawLog): number =>
  a.blockNumber - b.blockNumber || a.logIndex - b.logIndex

/**
 * The first block whose timestamp is ≥ `ts` (the head when none is): interpolation on the
 * chain's own timestamps, alternating with bisection so a chain with uneven block times still
 * converges in O(log n) reads.
 */
export async function blockAtOrAfter(reader: ChainReader, ts: number): Promise<number> {
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
