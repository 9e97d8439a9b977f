import { AbiCoder, getAddress, hexlify, isHexString, parseUnits, toUtf8Bytes, ZeroAddress } from 'ethers'
import { invalidArgument } from '../errors.js'
import { addressProblem } from '../protocol/address.js'
import { encodeExtraArgs } from '../protocol/hashing.js'
import type { CcipVersion } from '../protocol/lane-version.js'
import { encodeExtraArgsV3, FINALITY, NO_EXECUTION_ADDRESS } from '../protocol/v2/extra-args-v3.js'

/**
 * Parsing the `ccip send` / `ccip fee` arguments and building the Router's EVM2AnyMessage.
 * Pure: no RPC, no terminal. Bad input is a usage error (exit 2) whose hint shows the format.
 */

/**
 * `--token SYMBOL:AMOUNT` or `--token ADDRESS:AMOUNT`, before the symbol is looked up. The amount
 * is in token units as typed ("1.5"), or already in the smallest unit (a bigint, from the API).
 */
export type TokenArg =
  | { kind: 'symbol'; symbol: string; amount: string | bigint }
  | { kind: 'address'; address: string; amount: string | bigint }

/** `--fee-token native|LINK|ADDR`. */
export type FeeTokenArg = { kind: 'native' } | { kind: 'link' } | { kind: 'address'; address: string }

/** The Router's `Client.EVM2AnyMessage`. */
export interface RouterMessage {
  receiver: string
  data: string
  tokenAmounts: { token: string; amount: bigint }[]
  feeToken: string
  extraArgs: string
}

/** Used when --gas-limit is absent and the receiver may run code (CCIP's default gas limit). */
export const DEFAULT_GAS_LIMIT = 200_000n

const AMOUNT = /^(?:\d+(?:\.\d+)?|\.\d+)$/
const TOKEN_HINT = 'use --token SYMBOL:AMOUNT (e.g. CCIP-BnM:1.5) or --token 0xTOKEN:AMOUNT, in token units'

const MAX_UINT256 = (1n << 256n) - 1n

const tooLarge = (value: string) =>
  invalidArgument(`The amount in --token '${value}' does not fit in a uint256`, 'send a smaller amount')

/** An address argument checked like the address flags (ui/parse.ts), checksummed. */
function checkedAddress(value: string, flag: string): string {
  const problem = addressProblem(value)
  if (problem !== undefined) throw invalidArgument(`Invalid ${flag} address '${value}'`, problem)
  return getAddress(value.toLowerCase())
}

export function parseTokenArg(value: string): TokenArg {
  const at = value.lastIndexOf(':')
  const ref = value.slice(0, at).trim()
  const amount = value.slice(at + 1).trim()
  if (at <= 0 || ref === '' || !AMOUNT.test(amount)) {
    throw invalidArgument(`Invalid --token '${value}'`, TOKEN_HINT)
  }
  if (ref.startsWith('0x')) return { kind: 'address', address: checkedAddress(ref, '--token'), amount }
  if (BigInt(amount.split('.')[0] || '0') > MAX_UINT256) throw tooLarge(value)
  return { kind: 'symbol', symbol: ref, amount }
}

/** A human amount ("1.5") in the token's smallest units; zero and excess decimals are refused. */
export function parseAmount(amount: string, decimals: number, symbol: string): bigint {
  let units: bigint
  try {
    units = parseUnits(amount.startsWith('.') ? `0${amount}` : amount, decimals)
  } catch {
    throw invalidArgument(
      `Invalid amount '${amount}' for ${symbol}`,
      `${symbol} has ${decimals} decimals; give at most ${decimals} digits after the point`,
    )
  }
  if (units > MAX_UINT256) throw tooLarge(`${symbol}:${amount}`)
  if (units === 0n) throw invalidArgument(`The ${symbol} amount is zero`, 'send a positive amount')
  return units
}

export function parseFeeTokenArg(value: string | undefined): FeeTokenArg {
  const v = (value ?? 'native').trim()
  if (v.toLowerCase() === 'native') return { kind: 'native' }
  if (v.toLowerCase() === 'link') return { kind: 'link' }
  if (v.startsWith('0x')) return { kind: 'address', address: checkedAddress(v, '--fee-token') }
  throw invalidArgument(
    `Invalid --fee-token '${v}'`,
    'use native (the default), LINK, or the 0x address of a fee token the lane accepts',
  )
}

/** `--data`: 0x… is taken as raw bytes, anything else as UTF-8 text. Absent → empty. */
export function parseData(value: string | undefined): string {
  if (value === undefined || value === '') return '0x'
  if (value.startsWith('0x') || value.startsWith('0X')) {
    const hex = `0x${value.slice(2)}`
    if (!isHexString(hex) || hex.length % 2 !== 0) {
      throw invalidArgument(
        `--data starts with 0x but is not whole bytes of hex`,
        'give an even number of hex digits after 0x, or text without the 0x prefix',
      )
    }
    return hex.toLowerCase()
  }
  return hexlify(toUtf8Bytes(value))
}

/** Number of bytes in a 0x-hex string. */
export const byteLength = (hex: string): number => (hex.length - 2) / 2

/**
 * The gas limit for the receiver's ccipReceive when --gas-limit is absent. Data, or a receiver
 * that is a contract, may run code: CCIP's default 200,000. A pure token transfer to an EOA runs
 * nothing, so 0 (the OffRamp skips the call) keeps the fee at its minimum.
 */
export function defaultGasLimit(hasData: boolean, receiverIsContract: boolean): bigint {
  return hasData || receiverIsContract ? DEFAULT_GAS_LIMIT : 0n
}

/** What only a CCIP 2.0 lane understands (extraArgs V3); absent fields take the lane's defaults. */
export interface V3Options {
  /** bytes4 as a number: 0 finality, 1–65535 a block depth, 0x10000 the `safe` head. */
  finality?: number
  /** CCV addresses on the source (verifier resolvers), in order. */
  ccvs?: string[]
  /** The executor (its Proxy on the source), or NO_EXECUTION_ADDRESS for none. */
  executor?: string
}

export interface BuildMessageInput {
  receiver: string
  data: string
  tokens: readonly { address: string; amount: bigint }[]
  feeToken: string
  gasLimit: bigint
  version: CcipVersion
  outOfOrder: boolean
  v3?: V3Options
}

/**
 * The Router message: receiver = abi.encode(address); extraArgs GenericExtraArgsV2 on a 1.6 lane,
 * GenericExtraArgsV3 on a 2.0 lane (empty CCV list and executor: the lane's defaults).
 */
export function buildMessage(input: BuildMessageInput): RouterMessage {
  const v3 = input.v3 ?? {}
  return {
    receiver: AbiCoder.defaultAbiCoder().encode(['address'], [input.receiver]),
    data: input.data,
    tokenAmounts: input.tokens.map((t) => ({ token: t.address, amount: t.amount })),
    feeToken: input.feeToken,
    extraArgs:
      input.version === '2.0'
        ? encodeExtraArgsV3({
            gasLimit: Number(input.gasLimit),
            finality: v3.finality ?? FINALITY.finalized,
            ccvs: (v3.ccvs ?? []).map((address) => ({ address, args: '0x' })),
            executor: v3.executor ?? '',
            executorArgs: '0x',
            tokenReceiver: '0x',
            tokenArgs: '0x',
          })
        : encodeExtraArgs({ gasLimit: input.gasLimit, allowOutOfOrderExecution: input.outOfOrder }),
  }
}

/** `--finality finalized|safe|N`: what a 2.0 message asks its verifiers to wait for. */
export function parseFinality(value: string): number {
  const v = value.trim().toLowerCase()
  if (v === 'finalized' || v === 'final') return FINALITY.finalized
  if (v === 'safe') return FINALITY.safe
  if (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 0xffff) return Number(v)
  throw invalidArgument(
    `Invalid --finality '${value}'`,
    'use finalized (the default), safe, or a block depth from 1 to 65535',
  )
}

/** `--executor ADDRESS|none`: none sends NO_EXECUTION_ADDRESS (nobody executes it automatically). */
export function parseExecutor(value: string): string {
  if (value.trim().toLowerCase() === 'none') return NO_EXECUTION_ADDRESS
  return checkedAddress(value.trim(), '--executor')
}

/** `--ccv ADDRESS` (repeatable). */
export const parseCcv = (value: string): string => checkedAddress(value.trim(), '--ccv')

export const isNative = (feeToken: string): boolean => feeToken === ZeroAddress

/** What the sender must allow the Router to pull: per token, the sum (a token and the fee may coincide). */
export function requiredAllowances(
  tokens: readonly { address: string; amount: bigint }[],
  feeToken: string,
  fee: bigint,
): Map<string, bigint> {
  const needs = new Map<string, bigint>()
  for (const t of tokens) needs.set(t.address, (needs.get(t.address) ?? 0n) + t.amount)
  if (!isNative(feeToken)) needs.set(feeToken, (needs.get(feeToken) ?? 0n) + fee)
  return needs
}
