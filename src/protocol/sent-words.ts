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
  const t = num(hex, 0)
  const at = (i: number) => t + 32 * i
  return {
    header: {
      messageId: `0x${word(hex, at(0))}`,
      sourceChainSelector: uint(hex, at(1)),
      destChainSelector: uint(hex, at(2)),
      sequenceNumber: uint(hex, at(3)),
      nonce: uint(hex, at(4)),
    },
    sender: addressAt(hex, at(5)),
    data: bytesAt(hex, t + num(hex, at(6))),
    receiver: bytesAt(hex, t + num(hex, at(7))),
    extraArgs: bytesAt(hex, t + num(hex, at(8))),
    feeToken: addressAt(hex, at(9)),
    feeTokenAmount: uint(hex, at(10)),
    feeValueJuels: uint(hex, at(11)),
    tokenAmounts: tokenTransfers(hex, t + num(hex, at(12))),
  }
}

/** EVM2AnyTokenTransfer[]: length, then per element its offset from the first offset word. */
function tokenTransfers(hex: string, at: number): EVM2AnyTokenTransfer[] {
  const start = at + 32
  return Array.from({ length: num(hex, at) }, (_, i) => {
    const e = start + num(hex, start + 32 * i)
    return {
      sourcePoolAddress: addressAt(hex, e),
      destTokenAddress: bytesAt(hex, e + num(hex, e + 32)),
      extraData: bytesAt(hex, e + num(hex, e + 64)),
      amount: uint(hex, e + 96),
      destExecData: bytesAt(hex, e + num(hex, e + 128)),
    }
  })
}
