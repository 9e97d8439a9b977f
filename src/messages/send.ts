import { type BaseWallet, Contract, isError, type TransactionReceipt, type TransactionResponse } from 'ethers'
import { connectChain, disconnect } from '../chain/connect.js'
import { decodeMessageSent, TOPICS } from '../chain/events.js'
import { CliError, ErrorCode } from '../errors.js'
import type { Profile } from '../profiles/profile.js'
import { type ResolveSignerOptions, resolveSigner } from '../profiles/wallet.js'
import { preflight, type SendPlan } from './preflight.js'
import { type DestHandle, type MessageRequest, openDest, type QuotedMessage, quoteMessage } from './quote.js'
import { ERC20_ABI } from './tokens.js'

export interface SendParameters {
  source: Profile
  dest: Profile
  request: MessageRequest
  signer: ResolveSignerOptions
  signal?: AbortSignal
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
  txHash: string
  sourceChain: string
  destChain: string
  sequenceNumber: bigint
  nonce: bigint
  fee: { token: string; amount: bigint }
  /** For display: what was sent and how. */
  blockNumber: number
  sender: string
  receiver: string
  gasLimit: bigint
  feeSymbol: string
  feeDecimals: number
  token: { symbol: string; decimals: number; amount: bigint } | undefined
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
    const { receipt, approvals } = await broadcast(wallet, quote, plan, params.onProgress)
    return resultOf(receipt, quote, wallet.address, approvals)
  } finally {
    disconnect(source)
    dest?.provider.destroy()
  }
}

async function broadcast(
  wallet: BaseWallet,
  quote: QuotedMessage,
  plan: SendPlan,
  onProgress: SendParameters['onProgress'],
): Promise<{ receipt: TransactionReceipt; approvals: string[] }> {
  const provider = wallet.provider
  if (provider === null) throw new Error('the wallet has no provider')
  let nonce = await provider.getTransactionCount(wallet.address, 'pending')
  const approvals: TransactionResponse[] = []
  for (const a of plan.approvals) {
    const token = new Contract(a.token, ERC20_ABI, wallet)
    const tx: TransactionResponse = await token.getFunction('approve')(a.spender, a.amount, {
      nonce: nonce++,
    })
    const info = quote.token?.address === a.token ? quote.token : quote.feeToken
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
    throw new CliError(ErrorCode.Revert, `Could not send ccipSend${left}`, {
      hint: 'the chain changed since the simulation, or the node refused the transaction; re-run with --verbose',
      cause,
    })
  }
  onProgress?.({ step: 'send', txHash: tx.hash })
  await Promise.all(approvals.map((a) => confirm(a, 'approve')))
  const receipt = await confirm(tx, 'ccipSend')
  return { receipt, approvals: approvals.map((a) => a.hash) }
}

async function confirm(tx: TransactionResponse, what: string): Promise<TransactionReceipt> {
  try {
    const receipt = await tx.wait()
    if (receipt === null) throw new Error('no receipt')
    return receipt
  } catch (cause) {
    const reverted = isError(cause, 'CALL_EXCEPTION')
    throw new CliError(
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
  const log = receipt.logs.find(
    (l) =>
      l.topics[0] === TOPICS.ccipMessageSent && l.address.toLowerCase() === quote.lane.onRamp.toLowerCase(),
  )
  if (log === undefined) {
    throw new CliError(ErrorCode.Internal, `No CCIPMessageSent event in ${receipt.hash}`, {
      hint: 'the Router did not route through the expected OnRamp; check `ccip lanes list`',
    })
  }
  const { message } = decodeMessageSent(log)
  return {
    messageId: message.header.messageId,
    txHash: receipt.hash,
    sourceChain: quote.sourceChain,
    destChain: quote.destChain,
    sequenceNumber: message.header.sequenceNumber,
    nonce: message.header.nonce,
    fee: { token: quote.feeToken.native ? 'native' : quote.feeToken.address, amount: message.feeTokenAmount },
    blockNumber: receipt.blockNumber,
    sender,
    receiver: quote.receiver,
    gasLimit: quote.gasLimit,
    feeSymbol: quote.feeToken.symbol,
    feeDecimals: quote.feeToken.decimals,
    token: quote.token,
    approvals,
  }
}
