import { formatUnits } from 'ethers'
import type { FeeQuote, FeeQuoteDetails } from '../messages/fee.js'
import type { SendProgress, SendResult } from '../messages/send.js'
import type { MessageState } from '../protocol/status.js'
import type { Output } from './output.js'

/** Plain views of `ccip send` and `ccip fee`: JSON shapes, a key/value block, progress on stderr. */

/** `ccip send --json`: exactly this shape; `state` only with --wait. */
export interface SendJson {
  messageId: string
  /** The lane's CCIP version: '1.6' or '2.0'. */
  version: string
  txHash: string
  sourceChain: string
  destChain: string
  sequenceNumber: bigint
  nonce: bigint
  fee: { token: string; amount: bigint }
  state?: MessageState
}

export function sendJson(r: SendResult, state?: MessageState): SendJson {
  return {
    messageId: r.messageId,
    version: r.version,
    txHash: r.txHash,
    sourceChain: r.sourceChain,
    destChain: r.destChain,
    sequenceNumber: r.sequenceNumber,
    nonce: r.nonce,
    fee: r.fee,
    ...(state === undefined ? {} : { state }),
  }
}

export function feeJson(q: FeeQuoteDetails): FeeQuote {
  return { sourceChain: q.sourceChain, destChain: q.destChain, feeToken: q.feeToken, fee: q.fee }
}

const units = (amount: bigint, decimals: number, symbol: string) =>
  `${formatUnits(amount, decimals)} ${symbol}`

export function renderSent(r: SendResult, state?: MessageState): string {
  const rows: [string, string][] = [
    ['message id', r.messageId],
    ['lane', `CCIP ${r.version}`],
    ['source tx', `${r.txHash} (block ${r.blockNumber})`],
    ...(r.version === '2.0'
      ? ([['message number', String(r.sequenceNumber)]] as [string, string][])
      : ([
          ['sequence', String(r.sequenceNumber)],
          ['nonce', r.nonce === 0n ? '0 (out of order)' : String(r.nonce)],
        ] as [string, string][])),
    ['fee', units(r.fee.amount, r.feeDecimals, r.feeSymbol)],
  ]
  for (const t of r.tokens) rows.push(['token', units(t.amount, t.decimals, t.symbol)])
  rows.push(['receiver', r.receiver], ['gas limit', String(r.gasLimit)])
  if (state !== undefined) rows.push(['state', state])
  const width = Math.max(...rows.map(([k]) => k.length))
  const lines = [
    `Sent CCIP message ${r.sourceChain} → ${r.destChain}`,
    ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
  ]
  if (state === undefined) lines.push('', `Follow it: ccip status ${r.messageId} --watch`)
  return lines.join('\n')
}

export function renderFee(q: FeeQuoteDetails): string {
  const token = q.feeToken === 'native' ? 'native' : `${q.feeSymbol} (${q.feeToken})`
  return (
    `Fee ${q.sourceChain} → ${q.destChain}: ${units(q.fee, q.feeDecimals, q.feeSymbol)}\n` +
    `  paid in ${token}, gas limit ${q.gasLimit}`
  )
}

/** Progress lines of a send, on stderr (silent with --json). */
export function sendProgress(out: Output): (event: SendProgress) => void {
  return (event) => {
    switch (event.step) {
      case 'quoted': {
        const q = event.quote
        out.info(`Fee quoted: ${units(q.fee, q.feeToken.decimals, q.feeToken.symbol)}; simulating ccipSend…`)
        break
      }
      case 'unsimulated':
        out.warn(
          'this node can simulate neither with state overrides nor eth_simulateV1: sending unsimulated',
        )
        break
      case 'approve':
        out.info(
          `Approving ${units(event.amount, event.decimals, event.symbol)} to the Router: ${event.txHash}`,
        )
        break
      case 'send':
        out.info(`Sent ccipSend: ${event.txHash}; waiting for the receipt…`)
        break
    }
  }
}

export interface WaitProgress {
  onState(state: MessageState): void
  stop(): void
}

/** State changes while waiting: an ora spinner on a terminal, else plain lines (none with --json). */
export async function waitProgress(out: Output, messageId: string): Promise<WaitProgress> {
  const text = (state: MessageState) => `Message ${messageId.slice(0, 10)}… is ${state}`
  if (!out.isTTY) return { onState: (s) => out.info(text(s)), stop: () => {} }
  const { default: ora } = await import('ora')
  const spinner = ora({ stream: process.stderr, text: 'Waiting for the message…' }).start()
  return {
    onState: (s) => {
      spinner.text = text(s)
    },
    stop: () => spinner.stop(),
  }
}
