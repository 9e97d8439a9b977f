import type { HDNodeWallet, JsonRpcProvider, TransactionReceipt } from 'ethers'
import { signEip1559 } from '../chain/raw-tx.js'
import { decodeRevert, revertData } from '../chain/revert.js'
import { sleep } from '../time.js'
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

/**
 * Send one transaction from a node's transmitter key: estimate (from `estimateFrom`, so an
 * OffRamp's caught failures cannot hide an out-of-gas), sign with the next pending nonce, wait for
 * the receipt. Reverts come back decoded as TransmitError.
 */
export async function transmit(
  wallet: HDNodeWallet,
  provider: JsonRpcProvider,
  tx: {
    to: string
    data: string
    estimateFrom?: string
    timeoutMs: number
    minGas?: bigint
    /** Look for the receipt once per new block of `chain` rather than on a timer. */
    blocks?: { heads: Heads; chain: string }
  },
): Promise<TransactionReceipt> {
  // The estimate and what signing needs go out together: one round trip, not two.
  const estimate = provider
    .estimateGas({ from: tx.estimateFrom ?? wallet.address, to: tx.to, data: tx.data })
    .catch((error: unknown) => {
      const decoded = decodeRevert(revertData(error))
      throw new TransmitError(decoded?.text ?? shortOf(error), decoded?.name)
    })
  const [gas, nonce, block, network] = await Promise.all([
    estimate,
    provider.getTransactionCount(wallet.address, 'pending'),
    provider.getBlock('latest'),
    provider.getNetwork(),
  ])
  // Signed and serialized over Buffers (chain/raw-tx.ts): ethers' Transaction re-parses the
  // (large) execute calldata several times, a top cost of the execution nodes.
  const signed = signEip1559(wallet.signingKey, {
    chainId: network.chainId,
    nonce,
    to: tx.to,
    data: tx.data,
    gasLimit: [(gas * 12n) / 10n + 20_000n, tx.minGas ?? 0n].reduce((a, b) => (a > b ? a : b)),
    maxPriorityFeePerGas: 1_000_000n,
    maxFeePerGas: (block?.baseFeePerGas ?? 1_000_000_000n) * 2n + 1_000_000n,
  })
  const sentAt = tx.blocks?.heads.head(tx.blocks.chain) ?? 0
  const hash = String(await provider.send('eth_sendRawTransaction', [signed.serialized]))
  const receipt = await waitReceipt(provider, hash, tx.timeoutMs, tx.blocks, sentAt)
  if (receipt === null) throw new TransmitError(`transaction ${hash} not mined in time`, undefined)
  if (receipt.status !== 1) throw new TransmitError(`transaction ${hash} reverted`, undefined)
  return receipt
}

function shortOf(error: unknown): string {
  const short = (error as { shortMessage?: unknown }).shortMessage
  return typeof short === 'string' ? short : String(error)
}

/**
 * Wait for the receipt: once per new block when the chain's heads are watched (a transaction is
 * mined in a later block than the one it was sent at), else every 25 ms (ethers' 100 ms polling
 * would add to every round on fast chains).
 */
async function waitReceipt(
  provider: JsonRpcProvider,
  hash: string,
  timeoutMs: number,
  blocks: { heads: Heads; chain: string } | undefined,
  sentAt: number,
): Promise<TransactionReceipt | null> {
  const deadline = Date.now() + timeoutMs
  let seen = sentAt
  while (Date.now() < deadline) {
    if (blocks === undefined) await sleep(25)
    else {
      // Bounded: a stalled watcher must not stall the node.
      await Promise.race([blocks.heads.after(blocks.chain, seen), sleep(1_000)])
      seen = blocks.heads.head(blocks.chain)
    }
    const receipt = await provider.getTransactionReceipt(hash)
    if (receipt !== null) return receipt
  }
  return null
}
