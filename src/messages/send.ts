import { Contract, isError, type TransactionReceipt, type TransactionResponse } from 'ethers'
import { withAccountNonces } from '../chain/account-nonces.js'
import { fromEthersLog } from '../chain/chain.js'
import { connectChain, disconnect } from '../chain/connect.js'
import type { AccountSigner } from '../chain/signers.js'
import { CcipError, ErrorCode } from '../errors.js'
import type { Profile } from '../profiles/profile.js'
import { type ResolveSignerOptions, resolveSigner } from '../profiles/wallet.js'
import { EVENT_TOPICS } from '../protocol/event-words.js'
import type { CcipVersion } from '../protocol/lane-version.js'
import { EVENT_TOPICS_V2 } from '../protocol/v2/events.js'
import { minedSendV2, minedSendV16 } from './mined-send.js'
import { preflight, type SendPlan } from './preflight.js'
import { type DestHandle, type MessageRequest, openDest, type QuotedMessage, quoteMessage } from './quote.js'
import { ERC20_ABI } from './tokens.js'

export interface SendParameters {
  source: Profile
  dest: Profile
  request: MessageRequest
  signer: ResolveSignerOptions
  signal?: AbortSignal
  /**
   * A directory shared by every process that may send from the same accounts (the CLI uses
   * $CCIPKIT_HOME/locks): parallel sends from one account then take their nonces in turn.
   */
  accountLocks?: string
  /** Progress for the terminal (the core never writes to it). */
  onProgress?: (event: SendProgress) => void
}

export type SendProgress =
  | { step: 'quoted'; quote: QuotedMessage }
  | { step: 'unsimulated' }
  | { step: 'approve'; symbol: string; amount: bigint; decimals: number; txHash: string }
  | { step: 'send'; txHash: string }

export interface SendResult {
  messageId: string
  /** The lane's CCIP version. */
  version: CcipVersion
  txHash: string
  sourceChain: string
  destChain: string
  /** 1.6: the lane's sequence number; 2.0: the message number (per lane, not ordered). */
  sequenceNumber: bigint
  /** 1.6: the sender's nonce (0 out of order); 2.0 has none: 0. */
  nonce: bigint
  fee: { token: string; amount: bigint }
  /** For display: what was sent and how. */
  blockNumber: number
  sender: string
  receiver: string
  gasLimit: bigint
  feeSymbol: string
  feeDecimals: number
  tokens: { address: string; symbol: string; decimals: number; amount: bigint }[]
  approvals: string[]
}

/**
 * Send a CCIP message: quote it, check balances, simulate the final ccipSend (see preflight.ts),
 * and only then approve exactly what the Router pulls and send, with explicit nonces so the
 * approvals and the send go out back to back. Resolves once the send is mined, with the
 * messageId read from the OnRamp's CCIPMessageSent event in the receipt.
 *
 * @example
 * const sent = await sendMessage({ source: alpha, dest: beta, request, signer: { env: process.env } })
 */
export async function sendMessage(params: SendParameters): Promise<SendResult> {
  const source = connectChain(params.source)
  let dest: DestHandle | undefined
  try {
    dest = openDest(params.dest)
    const wallet = await resolveSigner(params.source, params.signer, source.provider)
    const quote = await quoteMessage(source, dest, params.request, wallet.address)
    params.onProgress?.({ step: 'quoted', quote })
    const plan = await preflight(source.provider, quote, wallet.address)
    if (plan.unsimulated) params.onProgress?.({ step: 'unsimulated' })
    params.signal?.throwIfAborted()
    const sent = await withAccountNonces<Broadcast>(
      params.accountLocks,
      BigInt(params.source.chainId),
      wallet.address,
      {
        counts: () =>
          Promise.all([
            source.provider.getTransactionCount(wallet.address, 'pending'),
            source.provider.getTransactionCount(wallet.address, 'latest'),
          ]),
      },
      async (nonces) => {
        const handedOver = await broadcast(
          wallet,
          quote,
          await inTurn(plan, wallet, nonces.inFlight),
          nonces.next,
          params.onProgress,
        )
        return { used: handedOver.transactions.length, result: handedOver }
      },
      params.signal,
    )
    const receipt = await confirmAll(sent.transactions)
    return resultOf(receipt, quote, wallet.address, sent.approvals)
  } finally {
    disconnect(source)
    dest?.provider.destroy()
  }
}

/**
 * The plan as it stands when this send's turn comes: the allowances read during the preflight
 * may since have been spent by another send from this account (a parallel `ccip send`). While
 * earlier transactions of the account are unmined, approve exactly what this message pulls: an
 * approval sets the allowance and the account's transactions run in nonce order, so this send
 * then finds precisely its own amount. Otherwise the account is settled: read the allowances again.
 */
async function inTurn(plan: SendPlan, wallet: AccountSigner, inFlight: boolean): Promise<SendPlan> {
  if (inFlight) return { ...plan, approvals: plan.needs }
  const lacking = await Promise.all(
    plan.needs.map(async (need) => {
      const token = new Contract(need.token, ERC20_ABI, wallet)
      const allowance = BigInt(await token.getFunction('allowance')(wallet.address, need.spender))
      return allowance < need.amount ? [need] : []
    }),
  )
  return { ...plan, approvals: lacking.flat() }
}

interface Broadcast {
  /** Approvals first, the ccipSend last; every one handed to the node. */
  transactions: { tx: TransactionResponse; what: string }[]
  approvals: string[]
}

/** Sign and hand over the approvals and the send with consecutive nonces from `nonce`. */
async function broadcast(
  wallet: AccountSigner,
  quote: QuotedMessage,
  plan: SendPlan,
  firstNonce: number,
  onProgress: SendParameters['onProgress'],
): Promise<Broadcast> {
  let nonce = firstNonce
  const approvals: TransactionResponse[] = []
  for (const a of plan.approvals) {
    const token = new Contract(a.token, ERC20_ABI, wallet)
    const tx: TransactionResponse = await token.getFunction('approve')(a.spender, a.amount, {
      nonce: nonce++,
    })
    const info = quote.tokens.find((t) => t.address === a.token) ?? quote.feeToken
    onProgress?.({
      step: 'approve',
      symbol: info.symbol,
      amount: a.amount,
      decimals: info.decimals,
      txHash: tx.hash,
    })
    approvals.push(tx)
  }
  // Without an estimate made under the approval overrides, ethers must estimate ccipSend itself,
  // which only works once the approvals are mined.
  if (plan.sendGasLimit === undefined) await Promise.all(approvals.map((tx) => confirm(tx, 'approve')))
  let tx: TransactionResponse
  try {
    tx = await wallet.sendTransaction({
      to: plan.send.to,
      data: plan.send.data,
      value: plan.send.value,
      nonce: nonce++,
      ...(plan.sendGasLimit === undefined ? {} : { gasLimit: plan.sendGasLimit }),
    })
  } catch (cause) {
    const left =
      approvals.length === 0 ? '' : ` (approvals already sent: ${approvals.map((a) => a.hash).join(', ')})`
    throw new CcipError(ErrorCode.Revert, `Could not send ccipSend${left}`, {
      hint: 'the chain changed since the simulation, or the node refused the transaction; re-run with --verbose',
      cause,
    })
  }
  onProgress?.({ step: 'send', txHash: tx.hash })
  return {
    transactions: [...approvals.map((a) => ({ tx: a, what: 'approve' })), { tx, what: 'ccipSend' }],
    approvals: approvals.map((a) => a.hash),
  }
}

/** Wait for every transaction; the receipt of the last one (the send). */
async function confirmAll(transactions: Broadcast['transactions']): Promise<TransactionReceipt> {
  const receipts = await Promise.all(transactions.map(({ tx, what }) => confirm(tx, what)))
  return receipts[receipts.length - 1]!
}

async function confirm(tx: TransactionResponse, what: string): Promise<TransactionReceipt> {
  try {
    const receipt = await tx.wait()
    if (receipt === null) throw new Error('no receipt')
    return receipt
  } catch (cause) {
    const reverted = isError(cause, 'CALL_EXCEPTION')
    throw new CcipError(
      ErrorCode.Revert,
      `${what} transaction ${tx.hash} ${reverted ? 'reverted on chain' : 'was not mined'}`,
      {
        hint: reverted
          ? 'the chain state changed after the simulation; inspect it with `cast run <tx>` and check any approval left behind'
          : 'check the node; the transaction may still be mined',
        cause,
      },
    )
  }
}

function resultOf(
  receipt: TransactionReceipt,
  quote: QuotedMessage,
  sender: string,
  approvals: string[],
): SendResult {
  const v2 = quote.lane.version === '2.0'
  const topic = v2 ? EVENT_TOPICS_V2.ccipMessageSent : EVENT_TOPICS.ccipMessageSent
  const log = receipt.logs.find(
    (l) => l.topics[0] === topic && l.address.toLowerCase() === quote.lane.onRamp.toLowerCase(),
  )
  if (log === undefined) {
    throw new CcipError(ErrorCode.Internal, `No CCIPMessageSent event in ${receipt.hash}`, {
      hint: 'the Router did not route through the expected OnRamp; check `ccip lanes list`',
    })
  }
  const sent = v2 ? minedSendV2(fromEthersLog(log)) : minedSendV16(fromEthersLog(log))
  return {
    messageId: sent.messageId,
    version: quote.lane.version,
    txHash: receipt.hash,
    sourceChain: quote.sourceChain,
    destChain: quote.destChain,
    sequenceNumber: sent.sequenceNumber,
    nonce: sent.nonce,
    fee: { token: quote.feeToken.native ? 'native' : quote.feeToken.address, amount: sent.fee },
    blockNumber: receipt.blockNumber,
    sender,
    receiver: quote.receiver,
    gasLimit: quote.gasLimit,
    feeSymbol: quote.feeToken.symbol,
    feeDecimals: quote.feeToken.decimals,
    tokens: quote.tokens.map(({ address, symbol, decimals, amount }) => ({
      address,
      symbol,
      decimals,
      amount,
    })),
    approvals,
  }
}
