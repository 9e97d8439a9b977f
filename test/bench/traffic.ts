import {
  AbiCoder,
  Contract,
  type HDNodeWallet,
  hexlify,
  type JsonRpcProvider,
  Transaction,
  toUtf8Bytes,
} from 'ethers'
import { ccipAbi } from '../../src/chain/artifacts.js'
import { rpcCall as rpcOnce } from '../../src/chain/rpc.js'
import { EVENT_TOPICS, sentMessageId, uintTopic } from '../../src/protocol/event-words.js'
import { encodeExtraArgs } from '../../src/protocol/hashing.js'
import { EVENT_TOPICS_V2 } from '../../src/protocol/v2/events.js'
import { encodeExtraArgsV3 } from '../../src/protocol/v2/extra-args-v3.js'
import type { StackStatus } from '../../src/stack/status.js'
import { sleep } from '../../src/time.js'
import { makeProvider } from '../helpers/chain.js'

/**
 * Load generation for the bench: signed ccipSend transactions, many in flight per sender. The
 * bench's own bookkeeping (sending, waiting, counting) goes over bare JSON-RPC and touches as few
 * requests as it can: it shares the machine with the stack it measures.
 */
const coder = AbiCoder.defaultAbiCoder()

/**
 * One JSON-RPC call, tried again while the chain does not answer: the stack restarts an anvil
 * from its last cut to give back memory (nodes/…/memory), and its port refuses connections for
 * up to a second meanwhile, after holding its mining by a block gas limit of 1 (a transaction sent
 * then is refused as over the block's gas limit). Any other node error is an answer, not retried.
 */
async function rpcCall<T>(url: string, method: string, params: unknown[], timeoutMs: number): Promise<T> {
  const deadline = Date.now() + 30_000
  for (;;) {
    try {
      return await rpcOnce<T>(url, method, params, timeoutMs)
    } catch (error) {
      const refused = /ECONNREFUSED|ECONNRESET|socket hang up|gas_limit > env\.block\.gas_limit/.test(
        String((error as Error).message),
      )
      if (!refused || Date.now() > deadline) throw error
      await sleep(100)
    }
  }
}
const ZERO = '0x0000000000000000000000000000000000000000'

export interface BenchChain {
  /** The version of the ramps below: a bench stack runs one version on every lane. */
  version: '1.6' | '2.0'
  name: string
  chainId: number
  rpcUrl: string
  selector: bigint
  router: string
  offRamp: string
  onRamp: string
  /** The stack's archive of the logs anvil no longer keeps. */
  logArchive: string
  provider: JsonRpcProvider
}

/**
 * The next nonce of each bench sender (chain id:address), as this process has used them on the
 * current stack (benchChains forgets them when a new stack starts).
 */
const nextNonces = new Map<string, number>()

export function benchChains(status: StackStatus): BenchChain[] {
  const v2 = status.ccip === '2.0'
  // A new stack: its chains (same chain ids as the last one's) start every sender at nonce 0.
  for (const c of status.chains)
    for (const key of [...nextNonces.keys()]) if (key.startsWith(`${c.chainId}:`)) nextNonces.delete(key)
  return status.chains.map((c) => ({
    version: v2 ? '2.0' : '1.6',
    name: c.name,
    chainId: c.chainId,
    rpcUrl: c.rpcUrl!,
    selector: BigInt(c.selector),
    router: c.contracts.router,
    offRamp: v2 ? c.contracts.v2!.offRamp : c.contracts.offRamp!,
    onRamp: v2 ? c.contracts.v2!.onRamp : c.contracts.onRamp!,
    logArchive: c.logArchive,
    provider: makeProvider(c.rpcUrl!, c.chainId),
  }))
}

/** A data-only message to an EOA, native fee, out of order on 1.6: the cheapest real CCIP message. */
async function laneMessage(source: BenchChain, dest: BenchChain, receiver: string) {
  const message = {
    receiver: coder.encode(['address'], [receiver]),
    data: hexlify(toUtf8Bytes('ccipkit bench')),
    tokenAmounts: [],
    feeToken: ZERO,
    extraArgs:
      source.version === '2.0'
        ? encodeExtraArgsV3({
            gasLimit: 0,
            finality: 0,
            ccvs: [],
            executor: '',
            executorArgs: '0x',
            tokenReceiver: '0x',
            tokenArgs: '0x',
          })
        : encodeExtraArgs({ gasLimit: 0n, allowOutOfOrderExecution: true }),
  }
  const router = new Contract(source.router, ccipAbi('router'), source.provider)
  const fee: bigint = await router.getFunction('getFee')(dest.selector, message)
  const data = router.interface.encodeFunctionData('ccipSend', [dest.selector, message])
  return { data, fee }
}

export interface SentBatch {
  source: BenchChain
  dest: BenchChain
  txHashes: string[]
  /** The messageIds, in sending order. */
  messageIds: string[]
  /** Blocks the batch was mined in. */
  firstBlock: number
  lastBlock: number
}

interface Receipt {
  status: string
  blockNumber: string
}

const receiptOf = (chain: BenchChain, hash: string) =>
  rpcCall<Receipt | null>(chain.rpcUrl, 'eth_getTransactionReceipt', [hash], 30_000)

/** Poll every 20 ms until the transaction is mined; `stalled` runs every 5 s it is not. */
async function minedReceipt(
  chain: BenchChain,
  hash: string,
  timeoutMs = 120_000,
  stalled?: () => Promise<void>,
): Promise<Receipt> {
  const deadline = Date.now() + timeoutMs
  for (let nextNudge = Date.now() + 5_000; ; ) {
    const receipt = await receiptOf(chain, hash)
    if (receipt !== null) return receipt
    if (Date.now() > deadline) throw new Error(`${hash} not mined within ${timeoutMs / 1000} s`)
    if (stalled !== undefined && Date.now() > nextNudge) {
      await stalled()
      nextNudge = Date.now() + 5_000
    }
    await sleep(20)
  }
}

/**
 * Send again the batch's transactions from the first nonce not mined yet. A memory restart of an
 * anvil carries its pending transactions over, but one that arrives while it stops is lost (the
 * closing note of issue 13 tells the story); the same signed bytes are harmless to repeat.
 */
async function resendUnmined(
  chain: BenchChain,
  from: string,
  firstNonce: number,
  raws: string[],
): Promise<void> {
  const mined = Number(
    await rpcCall<string>(chain.rpcUrl, 'eth_getTransactionCount', [from, 'latest'], 30_000),
  )
  for (const raw of raws.slice(Math.max(0, mined - firstNonce))) {
    await rpcOnce(chain.rpcUrl, 'eth_sendRawTransaction', [raw], 30_000).catch(() => undefined)
  }
}

/**
 * Send `count` messages source → dest from `wallet`, back to back; resolves when all are mined.
 * One sender's nonces are mined in order, so the last receipt stands for the batch; the
 * messageIds then come from the OnRamp's logs of those blocks, one request.
 */
export async function sendMany(
  wallet: HDNodeWallet,
  source: BenchChain,
  dest: BenchChain,
  count: number,
): Promise<SentBatch> {
  const { data, fee } = await laneMessage(source, dest, wallet.address)
  const pending = Number(
    await rpcCall<string>(source.rpcUrl, 'eth_getTransactionCount', [wallet.address, 'pending'], 30_000),
  )
  // Past this sender's last batch too: right after a memory restart the chain's pool may not hold
  // that batch's transactions yet (they are sent again after), and its count would reuse nonces.
  const key = `${source.chainId}:${wallet.address}`
  const firstNonce = Math.max(pending, nextNonces.get(key) ?? 0)
  nextNonces.set(key, firstNonce + count)
  let nonce = firstNonce
  const hashes: string[] = []
  const raws: string[] = []
  for (let i = 0; i < count; i++) {
    const tx = Transaction.from({
      type: 2,
      chainId: BigInt(source.chainId),
      nonce: nonce++,
      to: source.router,
      data,
      value: fee * 2n, // headroom against fee drift; the Router refunds nothing, the bench does not care
      gasLimit: 400_000n,
      maxFeePerGas: 20_000_000_000n,
      maxPriorityFeePerGas: 1n,
    })
    tx.signature = wallet.signingKey.sign(tx.unsignedHash)
    raws.push(tx.serialized)
    hashes.push(await rpcCall<string>(source.rpcUrl, 'eth_sendRawTransaction', [tx.serialized], 30_000))
  }
  const resend = () => resendUnmined(source, wallet.address, firstNonce, raws)
  const [first, last] = await Promise.all([
    minedReceipt(source, hashes[0]!, 120_000, resend),
    minedReceipt(source, hashes[hashes.length - 1]!, 120_000, resend),
  ])
  const range = { fromBlock: Number(first.blockNumber), toBlock: Number(last.blockNumber) }
  const mine = new Set(hashes)
  const v2 = source.version === '2.0'
  const logs = await rpcCall<{ data: string; topics: string[]; transactionHash: string }[]>(
    source.rpcUrl,
    'eth_getLogs',
    [
      {
        address: source.onRamp,
        topics: [
          v2 ? EVENT_TOPICS_V2.ccipMessageSent : EVENT_TOPICS.ccipMessageSent,
          uintTopic(dest.selector),
        ],
        fromBlock: `0x${range.fromBlock.toString(16)}`,
        toBlock: `0x${range.toBlock.toString(16)}`,
      },
    ],
    30_000,
  )
  const messageIds = logs
    .filter((l) => mine.has(l.transactionHash))
    .map((l) => (v2 ? l.topics[3]!.toLowerCase() : sentMessageId(l.data)))
  if (messageIds.length !== count) {
    throw new Error(`${source.name} → ${dest.name}: ${count - messageIds.length} of ${count} sends reverted`)
  }
  return { source, dest, txHashes: hashes, messageIds, firstBlock: range.fromBlock, lastBlock: range.toBlock }
}

/**
 * Counts SUCCESS executions of a set of messageIds on one destination, reading only the OffRamp
 * logs of blocks it has not read yet (ExecutionStateChanged: topic 3 is the messageId).
 */
export class SuccessCounter {
  private scannedTo: number
  private readonly pending: Set<string>
  done = 0

  constructor(
    private readonly dest: BenchChain,
    ids: readonly string[],
    fromBlock = 0,
  ) {
    this.pending = new Set(ids.map((id) => id.toLowerCase()))
    this.scannedTo = fromBlock - 1
  }

  get remaining(): number {
    return this.pending.size
  }

  async poll(): Promise<number> {
    const head = Number(await rpcCall<string>(this.dest.rpcUrl, 'eth_blockNumber', [], 30_000))
    if (head <= this.scannedTo) return this.done
    const v2 = this.dest.version === '2.0'
    const logs = await rpcCall<{ topics: string[]; data: string }[]>(
      this.dest.rpcUrl,
      'eth_getLogs',
      [
        {
          address: this.dest.offRamp,
          topics: [v2 ? EVENT_TOPICS_V2.executionStateChanged : EVENT_TOPICS.executionStateChanged],
          fromBlock: `0x${(this.scannedTo + 1).toString(16)}`,
          toBlock: `0x${head.toString(16)}`,
        },
      ],
      30_000,
    )
    this.scannedTo = head
    for (const log of logs) {
      const id = log.topics[3]?.toLowerCase()
      if (id === undefined || !this.pending.has(id)) continue
      // The state: 2.0 data begins with it, 1.6 data has the message hash first.
      if (BigInt(`0x${v2 ? log.data.slice(2, 66) : log.data.slice(66, 130)}`) === 2n) {
        this.pending.delete(id)
        this.done++
      }
    }
    return this.done
  }
}

/**
 * Wait until every message of the batches is SUCCESS on its destination. Polls every 20 ms, as
 * sendMany polls receipts: the send phase and the end-to-end time are measured to the same grain.
 */
export async function waitAllSuccess(batches: readonly SentBatch[], timeoutMs: number): Promise<void> {
  const counters = batches.map((b) => new SuccessCounter(b.dest, b.messageIds, b.firstBlock))
  const deadline = Date.now() + timeoutMs
  for (;;) {
    await Promise.all(counters.map((c) => c.poll()))
    const left = counters.reduce((n, c) => n + c.remaining, 0)
    if (left === 0) return
    if (Date.now() > deadline) throw new Error(`${left} messages not SUCCESS within ${timeoutMs / 1000} s`)
    await sleep(20)
  }
}
