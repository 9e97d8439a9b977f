import type { HDNodeWallet } from 'ethers'
import { jsonRpc } from '../chain/json-rpc.js'
import { signEip1559 } from '../chain/raw-tx.js'
import { decodeRevert, revertData } from '../chain/revert.js'
import { sleep } from '../time.js'
import type { NodeChain } from './context.js'
import type { Heads } from './heads.js'

/** The OffRamp lets this address simulate execute/commit: it reverts on insufficient gas. */
export const GAS_ESTIMATION_SENDER = '0x00C11C11C11C11C11C11C11C11C11C11C11C11C1'

export class TransmitError extends Error {
  constructor(
    message: string,
    readonly revert: string | undefined,
  ) {
    super(message)
  }
}

export interface MinedTx {
  hash: string
  blockNumber: number
}

/** A transaction in the mempool; `mined` settles once it is in a block (rejects if it reverted or never landed). */
export interface Submitted {
  hash: string
  mined: Promise<MinedTx>
}

export interface TxRequest {
  to: string
  data: string
  /** Who simulates the call: the OffRamp's estimation sender, so a caught failure cannot hide an out-of-gas. */
  estimateFrom?: string
  /**
   * The gas the caller budgeted: one simulation at exactly this limit (as `estimateFrom`) proves it
   * is enough, sparing eth_estimateGas, whose search runs the call many times (100–200 ms for a
   * large execute on anvil). Falls back to the estimate when the simulation fails.
   */
  plannedGas?: bigint
  timeoutMs: number
  minGas?: bigint
  /** Look for the receipt once per new block of the chain rather than on a timer. */
  heads?: Heads
}

const hex = (n: bigint | number) => `0x${n.toString(16)}`

/**
 * Sign and send one transaction from a node's key over bare JSON-RPC (the node's large execute
 * calls cost ethers' provider measurable CPU per request). Gas, nonce and base fee are read in
 * one round trip; reverts in simulation come back decoded as TransmitError. Returns once the
 * transaction is in the mempool: callers that pipeline do not wait for `mined`.
 */
export async function submit(wallet: HDNodeWallet, chain: NodeChain, tx: TxRequest): Promise<Submitted> {
  const url = chain.rpcUrl
  const from = tx.estimateFrom ?? wallet.address
  const [gas, nonce, block] = await Promise.all([
    gasFor(url, from, tx),
    jsonRpc<string>(url, 'eth_getTransactionCount', [wallet.address, 'pending']),
    jsonRpc<{ baseFeePerGas?: string } | null>(url, 'eth_getBlockByNumber', ['latest', false]),
  ])
  const baseFee = block?.baseFeePerGas === undefined ? 1_000_000_000n : BigInt(block.baseFeePerGas)
  // Signed and serialized over Buffers (chain/raw-tx.ts): ethers' Transaction re-parses the
  // (large) execute calldata several times, a top cost of the execution nodes.
  const signed = signEip1559(wallet.signingKey, {
    chainId: chain.chainId,
    nonce: Number(nonce),
    to: tx.to,
    data: tx.data,
    gasLimit: gas > (tx.minGas ?? 0n) ? gas : (tx.minGas ?? 0n),
    maxPriorityFeePerGas: 1_000_000n,
    maxFeePerGas: baseFee * 2n + 1_000_000n,
  })
  const sentAt = tx.heads?.head(chain.name) ?? 0
  const hash = await jsonRpc<string>(url, 'eth_sendRawTransaction', [signed.serialized])
  return { hash, mined: waitMined(chain, hash, tx, sentAt) }
}

/** submit, then wait until the transaction is mined. */
export async function transmit(wallet: HDNodeWallet, chain: NodeChain, tx: TxRequest): Promise<MinedTx> {
  return (await submit(wallet, chain, tx)).mined
}

/** The gas limit: the caller's budget when one simulation at it succeeds, else estimated (+20%). */
async function gasFor(url: string, from: string, tx: TxRequest): Promise<bigint> {
  const call = { from, to: tx.to, data: tx.data }
  if (tx.plannedGas !== undefined) {
    const fits = await jsonRpc(url, 'eth_call', [{ ...call, gas: hex(tx.plannedGas) }, 'latest']).then(
      () => true,
      () => false,
    )
    if (fits) return tx.plannedGas
  }
  try {
    const estimate = BigInt(await jsonRpc<string>(url, 'eth_estimateGas', [call]))
    return (estimate * 12n) / 10n + 20_000n
  } catch (error) {
    const decoded = decodeRevert(revertData(error))
    throw new TransmitError(decoded?.text ?? (error as Error).message, decoded?.name)
  }
}

/**
 * Wait for the receipt: once per new block when the chain's heads are watched (a transaction is
 * mined in a later block than the one it was sent at), else every 25 ms.
 */
async function waitMined(chain: NodeChain, hash: string, tx: TxRequest, sentAt: number): Promise<MinedTx> {
  const deadline = Date.now() + tx.timeoutMs
  let seen = sentAt
  while (Date.now() < deadline) {
    if (tx.heads === undefined) await sleep(25)
    else {
      // Bounded: a stalled watcher must not stall the node.
      await Promise.race([tx.heads.after(chain.name, seen), sleep(1_000)])
      seen = tx.heads.head(chain.name)
    }
    const receipt = await jsonRpc<{ status: string; blockNumber: string } | null>(
      chain.rpcUrl,
      'eth_getTransactionReceipt',
      [hash],
    )
    if (receipt === null) continue
    if (BigInt(receipt.status) !== 1n) throw new TransmitError(`transaction ${hash} reverted`, undefined)
    return { hash, blockNumber: Number(receipt.blockNumber) }
  }
  throw new TransmitError(`transaction ${hash} not mined in time`, undefined)
}
