import { addressAt, body, bytesAt, num, uint } from '../abi-words.js'
import type { LogFields } from '../events.js'
import { EVENT_TOPICS_V2, executionWordsV2 } from './events.js'
import { decodeMessageV1, type MessageV1, messageIdV1 } from './message-v1.js'

/** One fee receipt of a 2.0 message (ccip-2.0-protocol.md §4.4): per CCV, then pool, executor, network. */
export interface ReceiptV2 {
  issuer: string
  destGasLimit: number
  destBytesOverhead: number
  feeTokenAmount: bigint
  extraArgs: string
}

/** A CCIP 2.0 message as its OnRamp's CCIPMessageSent tells it, with where it happened. */
export interface SentV2 {
  messageId: string
  /** The MessageV1 bytes: what the OffRamp executes and keccak256 makes the id of. */
  encoded: string
  message: MessageV1
  sender: string
  feeToken: string
  /** The amount the sender sent, before pool fees (0 without a token). */
  tokenAmountBeforeFees: bigint
  receipts: ReceiptV2[]
  /** Per CCV (same order as the CCV receipts): what its forwardToVerifier returned. */
  verifierBlobs: string[]
  /** The CCVs the message names, in order: the issuers of the first verifierBlobs.length receipts. */
  ccvs: string[]
  /** The executor the message names: the issuer of the receipt before the network fee's. */
  executor: string
  onRamp: string
  txHash: string
  blockNumber: number
  logIndex: number
}

/** Whether `log` is a 2.0 CCIPMessageSent (the topic tells it from 1.6's). */
export const isSentV2 = (log: { topics: readonly string[] }): boolean =>
  log.topics[0]?.toLowerCase() === EVENT_TOPICS_V2.ccipMessageSent

/**
 * Decode a 2.0 CCIPMessageSent by word position (no ethers: `ccip status` and the nodes read it
 * on hot paths; test/unit/v2-codecs.test.ts compares it with ethers on the shipped ABI). The data
 * is (address feeToken, uint256 amount, bytes encodedMessage, Receipt[] receipts, bytes[]
 * verifierBlobs). Throws when the log is inconsistent with itself: the messageId topic must be
 * keccak256 of the encoded message (unless `checkId` is false: a reader of a chain's whole
 * history that only counts messages trusts the topic rather than hash every message), and the
 * receipts must cover the CCVs, the executor and the network fee.
 */
export function decodeSentV2(log: LogFields, { checkId = true }: { checkId?: boolean } = {}): SentV2 {
  const hex = body(log.data)
  const feeToken = addressAt(hex, 0)
  const amount = uint(hex, 32)
  const encoded = bytesAt(hex, num(hex, 64))
  const messageId = checkId ? messageIdV1(encoded) : (log.topics[3] ?? '').toLowerCase()
  if (messageId !== log.topics[3]?.toLowerCase())
    throw new Error(`CCIPMessageSent ${log.topics[3]}: the message hashes to ${messageId}`)
  // Arrays of dynamic elements: a length, then each element's offset from just past the length.
  const elements = (at: number): number[] =>
    Array.from({ length: num(hex, at) }, (_, i) => at + 32 + num(hex, at + 32 + 32 * i))
  const list: ReceiptV2[] = elements(num(hex, 96)).map((t) => ({
    issuer: addressAt(hex, t),
    destGasLimit: num(hex, t + 32),
    destBytesOverhead: num(hex, t + 64),
    feeTokenAmount: uint(hex, t + 96),
    extraArgs: bytesAt(hex, t + num(hex, t + 128)),
  }))
  const verifierBlobs = elements(num(hex, 128)).map((b) => bytesAt(hex, b))
  if (list.length < verifierBlobs.length + 2)
    throw new Error(`CCIPMessageSent ${messageId}: ${list.length} receipts for ${verifierBlobs.length} CCVs`)
  return {
    messageId,
    encoded,
    message: decodeMessageV1(encoded),
    sender: `0x${log.topics[2]!.slice(-40)}`.toLowerCase(),
    feeToken,
    tokenAmountBeforeFees: amount,
    receipts: list,
    verifierBlobs,
    ccvs: list.slice(0, verifierBlobs.length).map((r) => r.issuer),
    executor: list[list.length - 2]!.issuer,
    onRamp: log.address.toLowerCase(),
    txHash: log.transactionHash,
    blockNumber: log.blockNumber,
    logIndex: log.logIndex,
  }
}

/** A 2.0 ExecutionStateChanged with where it happened. */
export interface ExecutionChangedV2 {
  sourceChainSelector: bigint
  messageNumber: bigint
  messageId: string
  state: number
  returnData: string
  txHash: string
  blockNumber: number
}

export function decodeExecutionChangedV2(log: LogFields): ExecutionChangedV2 {
  return { ...executionWordsV2(log), txHash: log.transactionHash, blockNumber: log.blockNumber }
}

/** What the sender paid: the receipts' fees together (each CCV, the pool, the executor, the network). */
export const totalFee = (sent: SentV2): bigint => sent.receipts.reduce((sum, r) => sum + r.feeTokenAmount, 0n)
