import { AbiCoder, ZeroAddress } from 'ethers'
import { describe, expect, it } from 'vitest'
import { CcipError } from '../../src/errors.js'
import {
  buildMessage,
  defaultGasLimit,
  parseAmount,
  parseData,
  parseFeeTokenArg,
  parseTokenArg,
  requiredAllowances,
} from '../../src/messages/message-args.js'
import { sendRevertError } from '../../src/messages/send-errors.js'
import { decodeExtraArgs } from '../../src/protocol/hashing.js'

const TOKEN = '0x9A9f2CCfdE556A7E9Ff0848998Aa4a0CFD8863AE'
const LINK = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512'
const usage = (fn: () => unknown) => {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(CcipError)
    return (error as CcipError).exitCode // CAST: checked just above
  }
  throw new Error('expected a CcipError')
}

describe('send/fee argument parsing', () => {
  it('--token takes SYMBOL:AMOUNT or ADDRESS:AMOUNT, split at the last colon', () => {
    expect(parseTokenArg('CCIP-BnM:1.5')).toEqual({ kind: 'symbol', symbol: 'CCIP-BnM', amount: '1.5' })
    expect(parseTokenArg(`${TOKEN.toLowerCase()}:2`)).toEqual({
      kind: 'address',
      address: TOKEN,
      amount: '2',
    })
    expect(parseTokenArg('a:b:.5')).toEqual({ kind: 'symbol', symbol: 'a:b', amount: '.5' })
    for (const bad of ['CCIP-BnM', ':1', 'X:', 'X:1e3', 'X:-1', 'X:1.', '0x1234:1']) {
      expect(
        usage(() => parseTokenArg(bad)),
        bad,
      ).toBe(2)
    }
  })

  it('amounts are exact in token units; zero and excess decimals are refused', () => {
    expect(parseAmount('1.5', 18, 'T')).toBe(1_500_000_000_000_000_000n)
    expect(parseAmount('.25', 6, 'T')).toBe(250_000n)
    expect(usage(() => parseAmount('0.0', 18, 'T'))).toBe(2)
    expect(usage(() => parseAmount('1.0000001', 6, 'T'))).toBe(2)
  })

  it('--data: 0x… is raw bytes, anything else UTF-8 text', () => {
    expect(parseData(undefined)).toBe('0x')
    expect(parseData('0xDEADbeef')).toBe('0xdeadbeef')
    expect(parseData('hé')).toBe('0x68c3a9')
    expect(usage(() => parseData('0xabc'))).toBe(2)
    expect(usage(() => parseData('0xzz'))).toBe(2)
  })

  it('--fee-token: native by default, LINK in any case, or an address', () => {
    expect(parseFeeTokenArg(undefined)).toEqual({ kind: 'native' })
    expect(parseFeeTokenArg('link')).toEqual({ kind: 'link' })
    expect(parseFeeTokenArg(LINK.toLowerCase())).toEqual({ kind: 'address', address: LINK })
    expect(usage(() => parseFeeTokenArg('WETH'))).toBe(2)
  })
})

describe('building the Router message', () => {
  it('encodes the receiver as abi.encode(address) and extraArgs as GenericExtraArgsV2', () => {
    const m = buildMessage({
      receiver: LINK,
      data: '0x01',
      tokens: [],
      feeToken: ZeroAddress,
      gasLimit: 7n,
      version: '1.6',
      outOfOrder: true,
    })
    expect(m.receiver).toBe(AbiCoder.defaultAbiCoder().encode(['address'], [LINK]))
    expect(m.tokenAmounts).toEqual([])
    expect(decodeExtraArgs(m.extraArgs)).toEqual({ gasLimit: 7n, allowOutOfOrderExecution: true })
  })

  it('gas limit: 200000 when code may run, 0 for a token transfer to an EOA', () => {
    expect(defaultGasLimit(true, false)).toBe(200_000n)
    expect(defaultGasLimit(false, true)).toBe(200_000n)
    expect(defaultGasLimit(false, false)).toBe(0n)
  })

  it('allowances are exact, summed when a token is also the fee token, none for native', () => {
    expect([...requiredAllowances([{ address: TOKEN, amount: 5n }], ZeroAddress, 3n)]).toEqual([[TOKEN, 5n]])
    expect([...requiredAllowances([{ address: TOKEN, amount: 5n }], LINK, 3n)]).toEqual([
      [TOKEN, 5n],
      [LINK, 3n],
    ])
    expect([...requiredAllowances([{ address: LINK, amount: 5n }], LINK, 3n)]).toEqual([[LINK, 8n]])
    expect([...requiredAllowances([], ZeroAddress, 3n)]).toEqual([])
  })

  it('several tokens: one allowance each, in message order, each in tokenAmounts', () => {
    const tokens = [
      { address: TOKEN, amount: 5n },
      { address: LINK, amount: 7n },
    ]
    expect([...requiredAllowances(tokens, LINK, 3n)]).toEqual([
      [TOKEN, 5n],
      [LINK, 10n],
    ])
    const m = buildMessage({
      receiver: LINK,
      data: '0x',
      tokens,
      feeToken: ZeroAddress,
      gasLimit: 0n,
      version: '1.6',
      outOfOrder: false,
    })
    expect(m.tokenAmounts).toEqual([
      { token: TOKEN, amount: 5n },
      { token: LINK, amount: 7n },
    ])
  })
})

describe('decoded reverts become errors with hints', () => {
  const ctx = {
    source: 'alpha',
    dest: 'beta',
    tokens: [
      { address: LINK, symbol: 'LINK', decimals: 18, amount: 1n },
      { address: TOKEN, symbol: 'CCIP-BnM', decimals: 18, amount: 10n ** 19n },
    ],
    gasLimit: 200_000n,
    dataBytes: 0,
  }
  it('rate limits in token units, with the wait in seconds', () => {
    const e = sendRevertError(
      {
        name: 'TokenRateLimitReached',
        args: { minWaitInSeconds: 12n, available: 5n * 10n ** 17n, token: TOKEN },
        text: '',
      },
      ctx,
    )
    expect(e.shortMessage).toBe(
      'Outbound rate limit reached on alpha → beta: 0.5 CCIP-BnM available now, wait at least 12 s (TokenRateLimitReached)',
    )
    expect(e.code).toBe('RATE_LIMITED')
  })

  it('curses point at `ccip rmn status`; no lane is "not found"', () => {
    for (const name of ['CursedByRMN', 'BadARMSignal']) {
      const e = sendRevertError({ name, args: {}, text: name }, ctx)
      expect(e.code).toBe('LANE_CURSED')
      expect(e.hint).toMatch(/ccip rmn status/)
    }
    const lane = sendRevertError({ name: 'UnsupportedDestinationChain', args: { s: 1n }, text: '' }, ctx)
    expect(lane.exitCode).toBe(3)
  })
})
