import { body, bytesAt, num } from '../abi-words.js'

/**
 * topic0 of the CCIP 2.0 events a message's life is read from (signatures differ from 1.6's, so
 * the topics tell the versions apart). test/unit/v2-codecs.test.ts derives them from the shipped ABIs.
 */
export const EVENT_TOPICS_V2 = {
  /** OnRamp 2.0: CCIPMessageSent(uint64 indexed dest, address indexed sender, bytes32 indexed messageId, address feeToken, uint256, bytes encodedMessage, Receipt[], bytes[] verifierBlobs). */
  ccipMessageSent: '0x371bc2ff0a006f4ef863b1d27a065d4e9f938b6d883eb154572b4aea593b32cc',
  /** OffRamp 2.0: ExecutionStateChanged(uint64 indexed source, uint64 indexed messageNumber, bytes32 indexed messageId, uint8 state, bytes returnData). */
  executionStateChanged: '0x8c324ce1367b83031769f6a813e3bb4c117aba2185789d66b98b791405be6df2',
} as const

/** Whether an ExecutionStateChanged log is a 2.0 OffRamp's (its data layout differs from 1.6's). */
export const isExecutionV2 = (log: { topics: readonly string[] }): boolean =>
  log.topics[0]?.toLowerCase() === EVENT_TOPICS_V2.executionStateChanged

/**
 * A 2.0 ExecutionStateChanged by word position (no ethers: the operator's paths read it): the
 * indexed source, message number and id, then the data (uint8 state, bytes returnData).
 */
export function executionWordsV2(log: { topics: readonly string[]; data: string }) {
  const hex = body(log.data)
  return {
    sourceChainSelector: BigInt(log.topics[1] ?? '0x0'),
    messageNumber: BigInt(log.topics[2] ?? '0x0'),
    messageId: (log.topics[3] ?? '').toLowerCase(),
    state: num(hex, 0),
    returnData: bytesAt(hex, num(hex, 32)),
  }
}

/** Whether a CCIPMessageSent log is a 2.0 OnRamp's. */
export const isSentLogV2 = (log: { topics: readonly string[] }): boolean =>
  log.topics[0]?.toLowerCase() === EVENT_TOPICS_V2.ccipMessageSent

/**
 * The header fields of a 2.0 CCIPMessageSent without decoding the message (no ethers): the id
 * and destination are topics; the message number is bytes 17–24 of the encoded MessageV1, whose
 * offset is the data's third word.
 */
export function sentHeaderV2(log: { topics: readonly string[]; data: string }) {
  const hex = body(log.data)
  const message = num(hex, 64) + 32 // past the bytes' length word
  return {
    messageId: (log.topics[3] ?? '').toLowerCase(),
    destChainSelector: BigInt(log.topics[1] ?? '0x0'),
    sequenceNumber: BigInt(`0x${hex.slice((message + 17) * 2, (message + 25) * 2)}`),
    nonce: 0n,
  }
}
