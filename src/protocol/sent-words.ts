import { addressAt, body, bytesAt, num, uint, word } from './abi-words.js'
import type { EVM2AnyRampMessage, EVM2AnyTokenTransfer } from './types.js'

/**
 * The whole EVM2AnyRampMessage of a CCIPMessageSent log, read by word position. The nodes decode
 * every message every source chain sends; ethers' generic decoder cost about a millisecond per
 * message (Result objects, checksummed addresses), a top cost of the node process under load.
 * Addresses and byte strings come back lower case. test/unit/event-words.test.ts checks it
 * against ethers' decoding of the shipped OnRamp ABI.
 *
 * Layout: word 0 is the offset of the message tuple (0x20). In the tuple: the header (5 words),
 * sender, offsets of data, receiver and extraArgs, feeToken, feeTokenAmount, feeValueJuels, and
 * the offset of tokenAmounts; offsets count from the tuple's start.
 */
export function sentMessageWords(data: string): EVM2AnyRampMessage {
  const hex = body(data)
  const { t, at } = tuple(hex)
  return {
    header: {
      messageId: `0x${word(hex, at(FIELD.messageId))}`,
      sourceChainSelector: uint(hex, at(FIELD.sourceChainSelector)),
      destChainSelector: uint(hex, at(FIELD.destChainSelector)),
      sequenceNumber: uint(hex, at(FIELD.sequenceNumber)),
      nonce: uint(hex, at(FIELD.nonce)),
    },
    sender: addressAt(hex, at(FIELD.sender)),
    data: bytesAt(hex, t + num(hex, at(FIELD.data))),
    receiver: bytesAt(hex, t + num(hex, at(FIELD.receiver))),
    extraArgs: bytesAt(hex, t + num(hex, at(FIELD.extraArgs))),
    feeToken: addressAt(hex, at(FIELD.feeToken)),
    feeTokenAmount: uint(hex, at(FIELD.feeTokenAmount)),
    feeValueJuels: uint(hex, at(FIELD.feeValueJuels)),
    tokenAmounts: tokenTransfers(hex, t + num(hex, at(FIELD.tokenAmounts))),
  }
}

/**
 * Only the sender, receiver, fee and token amounts of a CCIPMessageSent log (what the message
 * history keeps), without copying or lower-casing the payload: a chain's whole history is read
 * this way. Addresses and the receiver lower case.
 */
export function sentLedgerWords(data: string): Pick<
  EVM2AnyRampMessage,
  'sender' | 'receiver' | 'feeToken' | 'feeTokenAmount'
> & {
  tokenAmounts: { sourcePoolAddress: string; amount: bigint }[]
} {
  const hex = data.slice(2)
  const { t, at } = tuple(hex)
  return {
    sender: addressAt(hex, at(FIELD.sender)).toLowerCase(),
    receiver: bytesAt(hex, t + num(hex, at(FIELD.receiver))).toLowerCase(),
    feeToken: addressAt(hex, at(FIELD.feeToken)).toLowerCase(),
    feeTokenAmount: uint(hex, at(FIELD.feeTokenAmount)),
    tokenAmounts: elementOffsets(hex, t + num(hex, at(FIELD.tokenAmounts))).map((e) => ({
      sourcePoolAddress: addressAt(hex, e + 32 * TRANSFER.sourcePoolAddress).toLowerCase(),
      amount: uint(hex, e + 32 * TRANSFER.amount),
    })),
  }
}

/** The message tuple's word positions (in its order); offsets of dynamic fields count from its start `t`. */
const FIELD = {
  messageId: 0,
  sourceChainSelector: 1,
  destChainSelector: 2,
  sequenceNumber: 3,
  nonce: 4,
  sender: 5,
  data: 6,
  receiver: 7,
  extraArgs: 8,
  feeToken: 9,
  feeTokenAmount: 10,
  feeValueJuels: 11,
  tokenAmounts: 12,
} as const

/** Word 0 is the offset of the message tuple (0x20). */
function tuple(hex: string): { t: number; at: (field: number) => number } {
  const t = num(hex, 0)
  return { t, at: (field) => t + 32 * field }
}

/** An EVM2AnyTokenTransfer's word positions; offsets of its dynamic fields count from its start. */
const TRANSFER = {
  sourcePoolAddress: 0,
  destTokenAddress: 1,
  extraData: 2,
  amount: 3,
  destExecData: 4,
} as const

/** Where each element of a dynamic array starts: its length, then each element's offset from the first offset word. */
function elementOffsets(hex: string, at: number): number[] {
  const start = at + 32
  return Array.from({ length: num(hex, at) }, (_, i) => start + num(hex, start + 32 * i))
}

function tokenTransfers(hex: string, at: number): EVM2AnyTokenTransfer[] {
  const field = (e: number, f: number) => e + 32 * f
  return elementOffsets(hex, at).map((e) => ({
    sourcePoolAddress: addressAt(hex, field(e, TRANSFER.sourcePoolAddress)),
    destTokenAddress: bytesAt(hex, e + num(hex, field(e, TRANSFER.destTokenAddress))),
    extraData: bytesAt(hex, e + num(hex, field(e, TRANSFER.extraData))),
    amount: uint(hex, field(e, TRANSFER.amount)),
    destExecData: bytesAt(hex, e + num(hex, field(e, TRANSFER.destExecData))),
  }))
}
