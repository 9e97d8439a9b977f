import { CcipError, ErrorCode } from '../errors.js'
import type { ViewCall } from '../protocol/view-calls.js'
import { sleep } from '../time.js'
import { archivedBlockTime } from './archive-blocks.js'
import { jsonRpc, RpcError, TransportError } from './json-rpc.js'
import { withArchive } from './log-archive.js'
import { createBatcher, type RpcBatcher } from './rpc-batch.js'
import { rpcUnreachable } from './rpc-errors.js'

/**
 * The one way into a chain: every read of messages, operator commands, nodes and the API goes
 * through a Chain (and every ethers provider we build sends through one: provider.ts). It owns
 * the transport (batched JSON-RPC over node:http), retries with backoff, the block-time cache,
 * log reading (archive + node, and the widest range the node accepts: log-ranges.ts), and it is
 * the one place that turns a node that does not answer into RPC_UNREACHABLE (URL redacted).
 */

/** What a Chain needs to know of the chain it reads. */
export interface ChainTarget {
  /** For errors: "Chain 'alpha' does not answer at …". */
  name: string
  rpcUrl: string
  /** A chain of the local stack: errors hint at `ccip local up`. */
  local: boolean
  /** Our archive of a local chain's old logs (chain/log-archive.ts). */
  logArchive?: string
}

/** A log as every reader sees it: quantities as numbers, the address in lower case. */
export interface RawLog {
  address: string
  topics: string[]
  data: string
  blockNumber: number
  transactionHash: string
  logIndex: number
  blockHash?: string
}

export interface LogFilter {
  /** Omitted: logs of any contract (never an empty list, which some nodes read the same way). */
  address?: string | string[]
  topics: (string | string[] | null)[]
  fromBlock: number
  /** Defaults to the newest block. */
  toBlock?: number
}

interface RpcLog {
  address: string
  topics: string[]
  data: string
  blockNumber: string
  transactionHash: string
  logIndex: string
  blockHash?: string
  /** Newer nodes (anvil among them) send each log's block time: no getBlock needed for it. */
  blockTimestamp?: string
}

/**
 * Methods that change a chain: never sent twice. A dropped eth_sendRawTransaction may have been
 * taken, and a second send would report an error for a sent transaction.
 */
const NOT_RETRIED = /^(eth_send|evm_|anvil_)/
/** Waits before the second and third attempt of a read whose node did not answer. */
const BACKOFF_MS = [100, 300]

const hex = (n: number) => `0x${n.toString(16)}`

export class Chain {
  /** The widest getLogs range the node accepted, once it refused a wider one (log-ranges.ts). */
  logRangeCap: number | undefined
  private readonly batcher: RpcBatcher
  private readonly timestamps = new Map<number, Promise<number | undefined>>()

  constructor(
    readonly target: ChainTarget,
    private readonly timeoutMs = 30_000,
  ) {
    this.batcher = createBatcher(target.rpcUrl, timeoutMs)
  }

  /**
   * One JSON-RPC request (batched with the others of this tick; log reads alone). An RPC error is an RpcError
   * with the node's message; a node that does not answer is asked again with backoff (reads
   * only), then RPC_UNREACHABLE naming the chain.
   */
  async request<T>(method: string, params: unknown[]): Promise<T> {
    const attempts = NOT_RETRIED.test(method) ? 1 : BACKOFF_MS.length + 1
    for (let attempt = 1; ; attempt++) {
      try {
        // A log read leaves on its own: a wide eth_getLogs in a batch would hold every small reply
        // batched with it until it is done.
        return await (method === 'eth_getLogs'
          ? jsonRpc<T>(this.target.rpcUrl, method, params, this.timeoutMs)
          : this.batcher.send<T>(method, params))
      } catch (error) {
        if (!(error instanceof TransportError)) throw error
        if (attempt >= attempts) throw rpcUnreachable(this.target, error)
        await sleep(BACKOFF_MS[attempt - 1] ?? 0)
      }
    }
  }

  /** `eth_call` at the latest block; undefined when the call reverted (a revert is an answer). */
  async call(to: string, data: string): Promise<string | undefined> {
    try {
      return await this.request<string>('eth_call', [{ to, data }, 'latest'])
    } catch (error) {
      if (isRevert(error)) return undefined
      throw error
    }
  }

  /** One hand-encoded view (protocol/view-calls.ts); REVERT when no contract answers it. */
  async view<T>(to: string, call: ViewCall<T>): Promise<T> {
    const result = await this.call(to, call.data)
    if (result === undefined || result === '0x') throw noAnswer(call.fn, to)
    return call.decode(result)
  }

  /**
   * Run reads of this chain: any failure that is not already a CcipError (a node that errs, a
   * result that does not decode) becomes RPC_UNREACHABLE naming the chain, so a listing can skip
   * the chain and say why.
   */
  async guard<T>(work: Promise<T>): Promise<T> {
    try {
      return await work
    } catch (error) {
      if (error instanceof CcipError) throw error
      throw rpcUnreachable(this.target, error)
    }
  }

  async head(): Promise<number> {
    return Number(await this.request<string>('eth_blockNumber', []))
  }

  /** The node's `finalized` block, undefined when it has no such tag. */
  async finalized(): Promise<number | undefined> {
    try {
      const block = await this.request<{ number: string } | null>('eth_getBlockByNumber', [
        'finalized',
        false,
      ])
      return block === null ? undefined : Number(block.number)
    } catch (error) {
      if (error instanceof CcipError) throw error
      return undefined // a node without the tag: nothing counts as final yet
    }
  }

  async timestamp(block: number): Promise<number> {
    const ts = await this.minedTimestamp(block)
    if (ts === undefined)
      throw new Error(`eth_getBlockByNumber: block ${block} not found on ${this.target.name}`)
    return ts
  }

  /** The block's timestamp (cached: a mined block's time never changes); undefined when not mined yet. */
  minedTimestamp(block: number): Promise<number | undefined> {
    let ts = this.timestamps.get(block)
    if (ts === undefined) {
      // A local chain restored from a cut no longer serves its old headers: the archive has their times.
      const archive = this.target.logArchive
      ts = this.request<{ timestamp: string } | null>('eth_getBlockByNumber', [hex(block), false]).then(
        (b) =>
          b !== null
            ? Number(b.timestamp)
            : archive === undefined
              ? undefined
              : archivedBlockTime(archive, block),
      )
      // Only mined blocks are final facts; a block not there yet is asked for again next time.
      ts.then(
        (t) => t === undefined && this.timestamps.delete(block),
        () => this.timestamps.delete(block),
      )
      this.timestamps.set(block, ts)
    }
    return ts
  }

  /** A whole stack reverted to a snapshot: block numbers now name other blocks. */
  forgetBlocks(): void {
    this.timestamps.clear()
  }

  /** eth_getLogs: blocks our archive holds from the file, newer ones from the node. */
  logs(filter: LogFilter): Promise<RawLog[]> {
    return withArchive(
      this.target.logArchive,
      filter,
      (fromBlock) => this.nodeLogs({ ...filter, fromBlock }),
      (l) => {
        this.rememberTime(l.blockNumber, l.blockTimestamp)
        return {
          address: l.address,
          topics: l.topics,
          data: l.data,
          blockNumber: l.blockNumber,
          transactionHash: l.transactionHash,
          logIndex: l.logIndex,
          blockHash: l.blockHash,
        }
      },
    )
  }

  private async nodeLogs(filter: LogFilter): Promise<RawLog[]> {
    const logs = await this.request<RpcLog[]>('eth_getLogs', [
      {
        ...(filter.address === undefined ? {} : { address: filter.address }),
        topics: filter.topics,
        fromBlock: hex(filter.fromBlock),
        toBlock: filter.toBlock === undefined ? 'latest' : hex(filter.toBlock),
      },
    ])
    return logs.map((l) => {
      const blockNumber = Number(l.blockNumber)
      if (l.blockTimestamp !== undefined) this.rememberTime(blockNumber, Number(l.blockTimestamp))
      return {
        address: l.address.toLowerCase(),
        topics: l.topics,
        data: l.data,
        blockNumber,
        transactionHash: l.transactionHash,
        logIndex: Number(l.logIndex),
        ...(l.blockHash === undefined ? {} : { blockHash: l.blockHash }),
      }
    })
  }

  private rememberTime(block: number, ts: number): void {
    if (!this.timestamps.has(block)) this.timestamps.set(block, Promise.resolve(ts))
  }
}

/** Log order on one chain: by block, then by position in the block. */
export const byChainOrder = (a: RawLog, b: RawLog): number =>
  a.blockNumber - b.blockNumber || a.logIndex - b.logIndex

/** A log ethers handed us (a receipt's), in the one shape every decoder reads. */
export function fromEthersLog(log: {
  address: string
  topics: readonly string[]
  data: string
  blockNumber: number
  transactionHash: string
  index: number
}): RawLog {
  return {
    address: log.address.toLowerCase(),
    topics: [...log.topics],
    data: log.data,
    blockNumber: log.blockNumber,
    transactionHash: log.transactionHash,
    logIndex: log.index,
  }
}

/** A JSON-RPC error that says the call reverted (anvil and geth: code 3 or "revert" in the message). */
export const isRevert = (error: unknown): boolean =>
  error instanceof RpcError && (error.code === 3 || /revert/i.test(error.message))

export const noAnswer = (fn: string, address: string): CcipError =>
  new CcipError(ErrorCode.Revert, `No contract answers ${fn}() at ${address}`, {
    hint: "check the chain profile's Router address (`ccip chains show`)",
  })
