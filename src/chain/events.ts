import { Interface, type Log } from 'ethers'
import type { CommitReport, EVM2AnyRampMessage, MerkleRoot } from '../protocol/types.js'
import { ccipAbi } from './artifacts.js'

/** Decoders for the three CCIP 1.6 events a message's life is read from. */
const onRamp = new Interface(ccipAbi('onRamp'))
const offRamp = new Interface(ccipAbi('offRamp'))

export const TOPICS = {
  ccipMessageSent: onRamp.getEvent('CCIPMessageSent')!.topicHash,
  commitReportAccepted: offRamp.getEvent('CommitReportAccepted')!.topicHash,
  executionStateChanged: offRamp.getEvent('ExecutionStateChanged')!.topicHash,
  skippedAlreadyExecuted: offRamp.getEvent('SkippedAlreadyExecutedMessage')!.topicHash,
} as const

export interface SentMessage {
  message: EVM2AnyRampMessage
  onRamp: string
  txHash: string
  blockNumber: number
  logIndex: number
}

// biome-ignore lint/suspicious/noExplicitAny: ethers' Result is positional and untyped
type R = any

export function decodeMessageSent(log: Log): SentMessage {
  const parsed = onRamp.parseLog(log)
  if (parsed === null) throw new Error('not a CCIPMessageSent log')
  const m: R = parsed.args.message
  return {
    message: {
      header: {
        messageId: m.header.messageId,
        sourceChainSelector: m.header.sourceChainSelector,
        destChainSelector: m.header.destChainSelector,
        sequenceNumber: m.header.sequenceNumber,
        nonce: m.header.nonce,
      },
      sender: m.sender,
      data: m.data,
      receiver: m.receiver,
      extraArgs: m.extraArgs,
      feeToken: m.feeToken,
      feeTokenAmount: m.feeTokenAmount,
      feeValueJuels: m.feeValueJuels,
      tokenAmounts: m.tokenAmounts.map((t: R) => ({
        sourcePoolAddress: t.sourcePoolAddress,
        destTokenAddress: t.destTokenAddress,
        extraData: t.extraData,
        amount: t.amount,
        destExecData: t.destExecData,
      })),
    },
    onRamp: log.address,
    txHash: log.transactionHash,
    blockNumber: log.blockNumber,
    logIndex: log.index,
  }
}

/**
 * The messageId sits at a fixed place in the log data (first word of the static header, right
 * after the tuple offset): matching on it avoids decoding thousands of logs when searching.
 */
export function messageIdOfSentLog(data: string): string {
  return `0x${data.slice(2 + 64, 2 + 128)}`
}

export interface CommitAccepted {
  blessed: MerkleRoot[]
  unblessed: MerkleRoot[]
  priceUpdates: CommitReport['priceUpdates']
  txHash: string
  blockNumber: number
}

const toRoot = (r: R): MerkleRoot => ({
  sourceChainSelector: r.sourceChainSelector,
  onRampAddress: String(r.onRampAddress).toLowerCase(),
  minSeqNr: r.minSeqNr,
  maxSeqNr: r.maxSeqNr,
  merkleRoot: r.merkleRoot,
})

export function decodeCommitAccepted(log: Log): CommitAccepted {
  const parsed = offRamp.parseLog(log)
  if (parsed === null) throw new Error('not a CommitReportAccepted log')
  const a: R = parsed.args
  return {
    blessed: a.blessedMerkleRoots.map(toRoot),
    unblessed: a.unblessedMerkleRoots.map(toRoot),
    priceUpdates: {
      tokenPriceUpdates: a.priceUpdates.tokenPriceUpdates.map((p: R) => ({
        sourceToken: p.sourceToken,
        usdPerToken: p.usdPerToken,
      })),
      gasPriceUpdates: a.priceUpdates.gasPriceUpdates.map((p: R) => ({
        destChainSelector: p.destChainSelector,
        usdPerUnitGas: p.usdPerUnitGas,
      })),
    },
    txHash: log.transactionHash,
    blockNumber: log.blockNumber,
  }
}

export interface ExecutionChanged {
  sourceChainSelector: bigint
  sequenceNumber: bigint
  messageId: string
  state: number
  returnData: string
  gasUsed: bigint
  txHash: string
  blockNumber: number
}

export function decodeExecutionChanged(log: Log): ExecutionChanged {
  const parsed = offRamp.parseLog(log)
  if (parsed === null) throw new Error('not an ExecutionStateChanged log')
  const a: R = parsed.args
  return {
    sourceChainSelector: a.sourceChainSelector,
    sequenceNumber: a.sequenceNumber,
    messageId: a.messageId,
    state: Number(a.state),
    returnData: a.returnData,
    gasUsed: a.gasUsed,
    txHash: log.transactionHash,
    blockNumber: log.blockNumber,
  }
}
