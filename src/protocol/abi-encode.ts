import { addressWord, bytes32Word, uintWord } from './abi-words.js'
import type { Any2EVMRampMessage, ExecutionReport } from './types.js'

/**
 * ABI encoding written out for the one large structure the nodes encode every round: the
 * execution reports. ethers' generic coder spent ~0.7 ms per message (hex parsed byte by byte,
 * a writer object per value), and a 200-message batch blocked its thread for ~150 ms.
 * test/unit/abi-encode.test.ts checks it against ethers on the shipped OffRamp ABI.
 *
 * Values are hex strings without 0x: a static part is its words, a dynamic part its tail,
 * placed after the heads and pointed to by an offset word.
 */
type Part = { words: string } | { tail: string }

/** `bytes`: its length, then the data right-padded to whole words. */
function bytesTail(hex: string): string {
  const data = hex.slice(2).toLowerCase()
  return uintWord(data.length / 2) + data.padEnd(Math.ceil(data.length / 64) * 64, '0')
}

/** A tuple (or an array's elements): heads in order, offsets counted from the tuple's start. */
function tuple(parts: readonly Part[]): string {
  let headBytes = 0
  for (const p of parts) headBytes += 'words' in p ? p.words.length / 2 : 32
  let head = ''
  let tail = ''
  for (const p of parts) {
    if ('words' in p) head += p.words
    else {
      head += uintWord(headBytes + tail.length / 2)
      tail += p.tail
    }
  }
  return head + tail
}

const array = (elements: readonly Part[]): string => uintWord(elements.length) + tuple(elements)
const bytesPart = (hex: string): Part => ({ tail: bytesTail(hex) })

function messagePart(m: Any2EVMRampMessage): Part {
  const h = m.header
  return {
    tail: tuple([
      {
        words:
          bytes32Word(h.messageId) +
          uintWord(h.sourceChainSelector) +
          uintWord(h.destChainSelector) +
          uintWord(h.sequenceNumber) +
          uintWord(h.nonce),
      },
      bytesPart(m.sender),
      bytesPart(m.data),
      { words: addressWord(m.receiver) },
      { words: uintWord(m.gasLimit) },
      {
        tail: array(
          m.tokenAmounts.map((t) => ({
            tail: tuple([
              bytesPart(t.sourcePoolAddress),
              { words: addressWord(t.destTokenAddress) },
              { words: uintWord(t.destGasAmount) },
              bytesPart(t.extraData),
              { words: uintWord(t.amount) },
            ]),
          })),
        ),
      },
    ]),
  }
}

function reportPart(r: ExecutionReport): Part {
  return {
    tail: tuple([
      { words: uintWord(r.sourceChainSelector) },
      { tail: array(r.messages.map(messagePart)) },
      { tail: array(r.offchainTokenData.map((perMessage) => ({ tail: array(perMessage.map(bytesPart)) }))) },
      { tail: array(r.proofs.map((p) => ({ words: bytes32Word(p) }))) },
      { words: uintWord(r.proofFlagBits) },
    ]),
  }
}

/** abi.encode(ExecutionReport[]): the `report` argument of OffRamp.execute. */
export function encodeExecutionReportsWords(reports: readonly ExecutionReport[]): string {
  return `0x${tuple([{ tail: array(reports.map(reportPart)) }])}`
}

/** keccak256('execute(bytes32[2],bytes)')[:4], checked against the ABI by the unit test. */
export const EXECUTE_SELECTOR = '0xf58e03fc'

/** Calldata of OffRamp.execute(bytes32[2] reportContext, bytes report). */
export function executeCalldata(reportContext: readonly [string, string], report: string): string {
  const context = bytes32Word(reportContext[0]) + bytes32Word(reportContext[1])
  return EXECUTE_SELECTOR + tuple([{ words: context }, bytesPart(report)])
}
