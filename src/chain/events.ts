import { getAddress, Interface, type Log } from 'ethers'
import { abiDecode } from '../protocol/abi.js'
import { sentMessageWords } from '../protocol/sent-words.js'
import type { CommitReport, EVM2AnyRampMessage, MerkleRoot } from '../protocol/types.js'
import { ccipAbi } from './artifacts.js'

/** Decoders for the three CCIP 1.6 events a message's life is read from. */
const offRamp = new Interface(ccipAbi('offRamp'))

export interface SentMessage {
  message: EVM2AnyRampMessage
  onRamp: string
  txHash: string
  blockNumber: number
  logIndex: number
}

/** The log fields the decoders read (an ethers Log or a raw RPC log). */
export type LogFields = Pick<Log, 'address' | 'topics' | 'data' | 'blockNumber' | 'transactionHash' | 'index'>

// biome-ignore lint/suspicious/noExplicitAny: ethers' Result is positional and untyped
type R = any

/**
 * Decode a CCIPMessageSent log: by word position (protocol/sent-words.ts), then with checksummed
 * addresses as ethers returns them, for what the commands show. The nodes, which only hash and
 * compare, take the lower-case words as they are (`sentFromLog`).
 */
export function decodeMessageSent(log: LogFields): SentMessage {
  const sent = sentFromLog(log)
  const m = sent.message
  return {
    ...sent,
    message: {
      ...m,
      sender: getAddress(m.sender),
      feeToken: getAddress(m.feeToken),
      tokenAmounts: m.tokenAmounts.map((t) => ({ ...t, sourcePoolAddress: getAddress(t.sourcePoolAddress) })),
    },
  }
}

/** A CCIPMessageSent log as the words hold it: addresses in lower case. */
export function sentFromLog(log: LogFields): SentMessage {
  return {
    message: sentMessageWords(log.data),
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

export function decodeCommitAccepted(log: LogFields): CommitAccepted {
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

/** Decode ExecutionStateChanged from its topics and fixed data words (no Interface lookup). */
export function decodeExecutionChanged(log: LogFields): ExecutionChanged {
  const [, state, returnData, gasUsed]: R = abiDecode(['bytes32', 'uint8', 'bytes', 'uint256'], log.data)
  return {
    sourceChainSelector: BigInt(log.topics[1]!),
    sequenceNumber: BigInt(log.topics[2]!),
    messageId: log.topics[3]!,
    state: Number(state),
    returnData,
    gasUsed,
    txHash: log.transactionHash,
    blockNumber: log.blockNumber,
  }
}
