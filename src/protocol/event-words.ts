import { body, bytesAt, evmAddressOf, num, uint, uintWord, word } from './abi-words.js'
import { sentMessageWords } from './sent-words.js'
import type { MerkleRoot, RampMessageHeader } from './types.js'

/**
 * Word-level readers for the three CCIP 1.6 events and the two Router views `ccip status` needs.
 * They read fixed ABI positions straight from the hex, without ethers: `ccip status` answers in a
 * few hundred milliseconds only if it never loads ethers (≈ 200 ms of module loading on its own).
 * test/unit/event-words.test.ts checks every reader against ethers' decoders and the shipped ABIs.
 */

/** topic0 of each event (keccak256 of its signature). */
export const EVENT_TOPICS = {
  ccipMessageSent: '0x192442a2b2adb6a7948f097023cb6b57d29d3a7a5dd33e6666d33c39cc456f32',
  commitReportAccepted: '0xb967c9b9e1b7af9a61ca71ff00e9f5b89ec6f2e268de8dacf12f0de8e51f3e47',
  executionStateChanged: '0x05665fe9ad095383d018353f4cbcba77e84db27dd215081bbf7cdf9ae6fbe48b',
} as const

/** 4-byte selectors of the Router views used to find a lane's ramps. */
export const ROUTER_SELECTORS = {
  getOnRamp: '0xa8d87a3b',
  getOffRamps: '0xa40e69c7',
} as const

/** The part of a log the readers look at (a raw RPC log or an ethers Log). */
export interface LogWords {
  topics: readonly string[]
  data: string
}

/** A 32-byte topic or word holding an unsigned integer. */
export const uintTopic = (value: bigint): string => `0x${uintWord(value)}`

/**
 * The header of a CCIPMessageSent log. Data layout: word 0 is the offset of the message tuple
 * (always 0x20), whose first five words are the static header.
 */
export function sentHeader(log: LogWords): RampMessageHeader {
  const hex = body(log.data)
  return {
    messageId: `0x${word(hex, 32)}`,
    sourceChainSelector: uint(hex, 64),
    destChainSelector: uint(hex, 96),
    sequenceNumber: uint(hex, 128),
    nonce: uint(hex, 160),
  }
}

/** The messageId of a CCIPMessageSent log, read in place (no decoding): first header word. */
export const sentMessageId = (data: string): string => `0x${data.slice(2 + 64, 2 + 128).toLowerCase()}`

/** What a CCIPMessageSent log says about the message's parties and payload, for display. */
export interface SentSummary {
  sender: string
  /** An EVM receiver as a 20-byte address; any other encoding as sent. */
  receiver: string
  data: string
  gasLimit: bigint | undefined
  feeToken: string
  feeTokenAmount: bigint
  tokenAmounts: { sourcePoolAddress: string; destTokenAddress: string; amount: bigint }[]
}

/** Sender, receiver, data, gas limit, fee and token amounts of a CCIPMessageSent log. */
export function sentSummary(log: LogWords): SentSummary {
  const m = sentMessageWords(log.data)
  return {
    sender: m.sender,
    receiver: evmAddressOf(m.receiver),
    data: m.data,
    // GenericExtraArgsV2 (the FeeQuoter normalises every message to it): tag, then the gas limit.
    gasLimit: m.extraArgs.startsWith('0x181dcf10') ? BigInt(`0x${m.extraArgs.slice(10, 74)}`) : undefined,
    feeToken: m.feeToken,
    feeTokenAmount: m.feeTokenAmount,
    tokenAmounts: m.tokenAmounts.map((t) => ({
      sourcePoolAddress: t.sourcePoolAddress,
      destTokenAddress: evmAddressOf(t.destTokenAddress),
      amount: t.amount,
    })),
  }
}

export interface ExecutionWords {
  sourceChainSelector: bigint
  sequenceNumber: bigint
  messageId: string
  state: number
  returnData: string
}

/** ExecutionStateChanged: three indexed topics, then (messageHash, state, returnData, gasUsed). */
export function executionWords(log: LogWords): ExecutionWords {
  const hex = body(log.data)
  return {
    sourceChainSelector: BigInt(log.topics[1] ?? '0x0'),
    sequenceNumber: BigInt(log.topics[2] ?? '0x0'),
    messageId: (log.topics[3] ?? '').toLowerCase(),
    state: num(hex, 32),
    returnData: bytesAt(hex, num(hex, 64)),
  }
}

/** The Merkle roots of a CommitReportAccepted log: (MerkleRoot[] blessed, MerkleRoot[] unblessed, …). */
export function commitRoots(log: LogWords): { blessed: MerkleRoot[]; unblessed: MerkleRoot[] } {
  const hex = body(log.data)
  return { blessed: rootArray(hex, num(hex, 0)), unblessed: rootArray(hex, num(hex, 32)) }
}

/** A dynamic array of dynamic tuples: length, then per element an offset from the array's start. */
function rootArray(hex: string, at: number): MerkleRoot[] {
  const start = at + 32
  return Array.from({ length: num(hex, at) }, (_, i) => {
    const t = start + num(hex, start + 32 * i)
    return {
      sourceChainSelector: uint(hex, t),
      onRampAddress: bytesAt(hex, t + num(hex, t + 32)),
      minSeqNr: uint(hex, t + 64),
      maxSeqNr: uint(hex, t + 96),
      merkleRoot: `0x${word(hex, t + 128)}`,
    }
  })
}

/** Whether a committed root covers message `seq` of the lane (source selector + padded on-ramp). */
export function rootCovers(
  root: MerkleRoot,
  lane: { sourceChainSelector: bigint; onRampBytes: string },
  seq: bigint,
): boolean {
  return (
    root.sourceChainSelector === lane.sourceChainSelector &&
    root.onRampAddress.toLowerCase() === lane.onRampBytes.toLowerCase() &&
    root.minSeqNr <= seq &&
    seq <= root.maxSeqNr
  )
}

/** The first root of a commit log that covers the message, and whether it was blessed. */
export function coveringRoot(
  log: LogWords,
  lane: { sourceChainSelector: bigint; onRampBytes: string },
  seq: bigint,
): { root: MerkleRoot; blessed: boolean } | undefined {
  const { blessed, unblessed } = commitRoots(log)
  const hit = blessed.find((r) => rootCovers(r, lane, seq))
  if (hit !== undefined) return { root: hit, blessed: true }
  const plain = unblessed.find((r) => rootCovers(r, lane, seq))
  return plain === undefined ? undefined : { root: plain, blessed: false }
}

/** Calldata of Router.getOnRamp(uint64 destChainSelector). */
export const getOnRampCall = (destSelector: bigint): string =>
  `${ROUTER_SELECTORS.getOnRamp}${uintTopic(destSelector).slice(2)}`

/** An address returned in one ABI word; undefined for the zero address (no such ramp). */
export function addressResult(result: string): string | undefined {
  const address = `0x${body(result).slice(24, 64)}`
  return /^0x0{40}$/.test(address) || address.length !== 42 ? undefined : address
}

/** Router.getOffRamps() → (uint64 sourceChainSelector, address offRamp)[]. */
export function offRampsResult(result: string): { sourceChainSelector: bigint; offRamp: string }[] {
  const hex = body(result)
  const at = num(hex, 0)
  return Array.from({ length: num(hex, at) }, (_, i) => ({
    sourceChainSelector: uint(hex, at + 32 + 64 * i),
    offRamp: `0x${word(hex, at + 64 + 64 * i).slice(24)}`,
  }))
}

/** A 32-byte message id: 0x + 64 hex digits (case-insensitive). */
export const isMessageId = (value: string): boolean => /^0x[0-9a-fA-F]{64}$/.test(value)
