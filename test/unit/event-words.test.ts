import { AbiCoder, getAddress, hexlify, Interface, type Result, randomBytes, zeroPadValue } from 'ethers'
import { describe, expect, it } from 'vitest'
import { ccipAbi } from '../../src/chain/artifacts.js'
import {
  addressResult,
  commitRoots,
  coveringRoot,
  EVENT_TOPICS,
  executionWords,
  getOnRampCall,
  offRampsResult,
  ROUTER_SELECTORS,
  sentHeader,
  sentMessageId,
  sentSummary,
  uintTopic,
} from '../../src/protocol/event-words.js'
import { decodeExecutionChanged, decodeMessageSent, sentFromLog } from '../../src/protocol/events.js'
import { encodeExtraArgs } from '../../src/protocol/hashing.js'
import { sentLedgerWords } from '../../src/protocol/sent-words.js'

/**
 * The ethers-free word readers `ccip status` uses must agree with ethers' ABI decoding of the
 * shipped OnRamp/OffRamp/Router ABIs on every field they read.
 */
const onRamp = new Interface(ccipAbi('onRamp'))
const offRamp = new Interface(ccipAbi('offRamp'))
const router = new Interface(ccipAbi('router'))
const coder = AbiCoder.defaultAbiCoder()
const word = () => hexlify(randomBytes(32))
const address = () => getAddress(hexlify(randomBytes(20)))
const u64 = () => BigInt(hexlify(randomBytes(8)))
const log = (encoded: { data: string; topics: string[] }, extra = {}) => ({
  address: address(),
  blockNumber: 7,
  transactionHash: word(),
  logIndex: 0,
  ...encoded,
  ...extra,
})

function sentLog(tokens: number, data: string) {
  const header = {
    messageId: word(),
    sourceChainSelector: u64(),
    destChainSelector: u64(),
    sequenceNumber: u64(),
    nonce: u64(),
  }
  const message = {
    header,
    sender: address(),
    data,
    receiver: coder.encode(['address'], [address()]),
    extraArgs: encodeExtraArgs({ gasLimit: 123_456n, allowOutOfOrderExecution: true }),
    feeToken: address(),
    feeTokenAmount: 10n ** 18n,
    feeValueJuels: 5n,
    tokenAmounts: Array.from({ length: tokens }, () => ({
      sourcePoolAddress: address(),
      destTokenAddress: coder.encode(['address'], [address()]),
      extraData: '0x1234',
      amount: 99n,
      destExecData: coder.encode(['uint32'], [90_000]),
    })),
  }
  const event = onRamp.getEvent('CCIPMessageSent')!
  return log(onRamp.encodeEventLog(event, [header.destChainSelector, header.sequenceNumber, message]))
}

const root = () => ({
  sourceChainSelector: u64(),
  onRampAddress: zeroPadValue(address(), 32).toLowerCase(),
  minSeqNr: 3n,
  maxSeqNr: 9n,
  merkleRoot: word(),
})

describe('event word readers agree with ethers on the shipped ABIs', () => {
  it('topics and Router selectors are the hashes of the ABI signatures', () => {
    const onRampAbi = new Interface(ccipAbi('onRamp'))
    const offRampAbi = new Interface(ccipAbi('offRamp'))
    expect(EVENT_TOPICS).toEqual({
      ccipMessageSent: onRampAbi.getEvent('CCIPMessageSent')!.topicHash,
      commitReportAccepted: offRampAbi.getEvent('CommitReportAccepted')!.topicHash,
      executionStateChanged: offRampAbi.getEvent('ExecutionStateChanged')!.topicHash,
    })
    expect(ROUTER_SELECTORS.getOnRamp).toBe(router.getFunction('getOnRamp')!.selector)
    expect(ROUTER_SELECTORS.getOffRamps).toBe(router.getFunction('getOffRamps')!.selector)
    expect(getOnRampCall(42n)).toBe(router.encodeFunctionData('getOnRamp', [42n]))
  })

  it('decodes the whole CCIPMessageSent message by word position exactly as ethers does', () => {
    const lower = (v: unknown): unknown =>
      typeof v === 'string'
        ? v.toLowerCase()
        : Array.isArray(v)
          ? v.map(lower)
          : v !== null && typeof v === 'object'
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, lower(x)]))
            : v
    for (const [tokens, data] of [
      [0, '0x'],
      [1, hexlify(randomBytes(77))],
      [3, hexlify(randomBytes(300))],
    ] as const) {
      const l = sentLog(tokens, data)
      const event = onRamp.getEvent('CCIPMessageSent')!
      const raw = onRamp.decodeEventLog(event, l.data, l.topics).message
      const m = {
        ...raw.toObject(),
        header: raw.header.toObject(),
        tokenAmounts: [...raw.tokenAmounts].map((t: Result) => t.toObject()),
      }
      expect(decodeMessageSent(l).message).toEqual(m)
      expect(sentFromLog(l).message).toEqual(lower(m))
      expect(decodeMessageSent(l)).toMatchObject({ onRamp: l.address, blockNumber: 7, logIndex: 0 })
    }
  })

  it('reads the header, parties, data, fee, tokens and gas limit of CCIPMessageSent in place', () => {
    for (const [tokens, data] of [
      [0, '0x'],
      [1, hexlify(randomBytes(77))],
      [1, '0x68656c6c6f'],
    ] as const) {
      const l = sentLog(tokens, data)
      const decoded = decodeMessageSent(l).message
      expect(sentHeader(l)).toEqual({ ...decoded.header, messageId: decoded.header.messageId.toLowerCase() })
      expect(sentMessageId(l.data)).toBe(decoded.header.messageId.toLowerCase())
      expect(sentSummary(l)).toEqual({
        sender: decoded.sender.toLowerCase(),
        receiver: `0x${decoded.receiver.slice(26)}`.toLowerCase(),
        data: decoded.data.toLowerCase(),
        gasLimit: 123_456n,
        feeToken: decoded.feeToken.toLowerCase(),
        feeTokenAmount: decoded.feeTokenAmount,
        tokenAmounts: decoded.tokenAmounts.map((t) => ({
          sourcePoolAddress: t.sourcePoolAddress.toLowerCase(),
          destTokenAddress: `0x${t.destTokenAddress.slice(26)}`.toLowerCase(),
          amount: t.amount,
        })),
      })
      // The history's reader: the same fields, the payload not copied.
      expect(sentLedgerWords(l.data)).toEqual({
        sender: decoded.sender.toLowerCase(),
        receiver: decoded.receiver.toLowerCase(),
        feeToken: decoded.feeToken.toLowerCase(),
        feeTokenAmount: decoded.feeTokenAmount,
        tokenAmounts: decoded.tokenAmounts.map((t) => ({
          sourcePoolAddress: t.sourcePoolAddress.toLowerCase(),
          amount: t.amount,
        })),
      })
    }
  })

  it('reads state and returnData of ExecutionStateChanged', () => {
    for (const returnData of ['0x', hexlify(randomBytes(4)), hexlify(randomBytes(100))]) {
      const event = offRamp.getEvent('ExecutionStateChanged')!
      const l = log(offRamp.encodeEventLog(event, [u64(), u64(), word(), word(), 3, returnData, 77_000n]))
      // The reference: ethers' decoder over the shipped ABI.
      const d = offRamp.parseLog(l)!.args
      expect(executionWords(l)).toEqual({
        sourceChainSelector: d.sourceChainSelector,
        sequenceNumber: d.sequenceNumber,
        messageId: d.messageId.toLowerCase(),
        state: 3,
        returnData: d.returnData,
      })
      expect(decodeExecutionChanged(l)).toMatchObject({
        gasUsed: 77_000n,
        blockNumber: 7,
        txHash: l.transactionHash,
      })
    }
  })

  it('reads blessed and unblessed roots of CommitReportAccepted, and finds the covering one', () => {
    const blessed = [root(), root()]
    const unblessed = [root()]
    const prices = { tokenPriceUpdates: [{ sourceToken: address(), usdPerToken: 5n }], gasPriceUpdates: [] }
    const event = offRamp.getEvent('CommitReportAccepted')!
    const l = log(offRamp.encodeEventLog(event, [blessed, unblessed, prices]))
    // The reference: ethers' decoder over the shipped ABI.
    const parsed = offRamp.parseLog(l)!.args
    const roots = (list: Result) =>
      [...list].map((r: Result) => ({
        sourceChainSelector: r.sourceChainSelector,
        onRampAddress: String(r.onRampAddress).toLowerCase(),
        minSeqNr: r.minSeqNr,
        maxSeqNr: r.maxSeqNr,
        merkleRoot: r.merkleRoot,
      }))
    const d = { blessed: roots(parsed.blessedMerkleRoots), unblessed: roots(parsed.unblessedMerkleRoots) }
    expect(commitRoots(l)).toEqual(d)
    const lane = (r: ReturnType<typeof root>) => ({
      sourceChainSelector: r.sourceChainSelector,
      onRampBytes: r.onRampAddress,
    })
    const second = blessed[1]!
    expect(coveringRoot(l, lane(second), 5n)).toEqual({ root: d.blessed[1], blessed: true })
    expect(coveringRoot(l, lane(unblessed[0]!), 9n)).toEqual({ root: d.unblessed[0], blessed: false })
    expect(coveringRoot(l, lane(second), 10n)).toBeUndefined() // above maxSeqNr
    expect(coveringRoot(l, lane(second), 2n)).toBeUndefined() // below minSeqNr
    expect(coveringRoot(l, { ...lane(second), onRampBytes: zeroPadValue(address(), 32) }, 5n)).toBeUndefined()
  })

  it('decodes Router.getOffRamps and getOnRamp results', () => {
    const ramps = [
      { sourceChainSelector: u64(), offRamp: address() },
      { sourceChainSelector: u64(), offRamp: address() },
    ]
    const encoded = router.encodeFunctionResult('getOffRamps', [ramps])
    expect(offRampsResult(encoded)).toEqual(
      ramps.map((r) => ({ sourceChainSelector: r.sourceChainSelector, offRamp: r.offRamp.toLowerCase() })),
    )
    const ramp = address()
    expect(addressResult(router.encodeFunctionResult('getOnRamp', [ramp]))).toBe(ramp.toLowerCase())
    expect(addressResult(uintTopic(0n))).toBeUndefined()
  })
})
