import { getAddress } from 'ethers'
import { body, uint } from './abi-words.js'
import { executionWords } from './event-words.js'
import { sentMessageWords } from './sent-words.js'
import type { EVM2AnyRampMessage } from './types.js'

/** The CCIP 1.6 events a message's life is read from, with where they happened. */
export interface SentMessage {
  message: EVM2AnyRampMessage
  onRamp: string
  txHash: string
  blockNumber: number
  logIndex: number
}

/** The log fields the decoders read: chain/chain.ts's RawLog (fromEthersLog converts a receipt's). */
export interface LogFields {
  address: string
  topics: readonly string[]
  data: string
  blockNumber: number
  transactionHash: string
  logIndex: number
}

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
    logIndex: log.logIndex,
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

/** ExecutionStateChanged with where it happened (the fields from protocol/event-words.ts). */
export function decodeExecutionChanged(log: LogFields): ExecutionChanged {
  return {
    ...executionWords(log),
    gasUsed: uint(body(log.data), 96),
    txHash: log.transactionHash,
    blockNumber: log.blockNumber,
  }
}
