import { CcipError, ErrorCode, ExitCode } from '../errors.js'
import type { Direction, RateLimitConfig } from './pools.js'

/**
 * The rules a new rate limit must pass, checked before anything is sent. They are the deployed
 * TokenPool 1.6.1's own (RateLimiter._setTokenBucketConfig, probed on the local stack): enabled
 * needs rate ≤ capacity (rate = capacity and rate = 0 are accepted, unlike v1.6.0's 0 < rate <
 * capacity); disabled needs capacity = rate = 0. Pure: no I/O.
 */

export type LimitChange =
  | { direction: Direction; disable: true }
  | {
      direction: Direction
      disable: false
      /** In token units as typed ("1000", "0.5"); or, with `smallestUnit`, integers in its smallest unit (the API's bigints). */
      capacity: string
      rate: string
      smallestUnit?: boolean
    }

export interface LimitFlags {
  outbound?: boolean
  inbound?: boolean
  capacity?: string
  rate?: string
  disable?: boolean
}

const AMOUNT = /^(\d+(\.\d*)?|\.\d+)$/
const MAX_UINT128 = 2n ** 128n - 1n
export const RULE_ENABLED = 'an enabled limit needs 0 ≤ rate ≤ capacity (tokens per second, tokens)'
export const RULE_DISABLED = 'a disabled limit has capacity 0 and rate 0: use --disable alone'
const RULE_DIRECTION =
  'e.g. ccip ratelimit set --chain alpha --remote beta --token CCIP-BnM --outbound --capacity 1000 --rate 10'

const usage = (message: string, hint: string) =>
  new CcipError(ErrorCode.Usage, message, { hint, exitCode: ExitCode.Usage })

/** Flags → the change asked for; every mistake is a usage error (exit 2) naming the rule. */
export function parseLimitChange(flags: LimitFlags): LimitChange {
  if ((flags.outbound === true) === (flags.inbound === true)) {
    throw usage('Say which limit to change: --outbound or --inbound (one of them)', RULE_DIRECTION)
  }
  const direction: Direction = flags.outbound === true ? 'outbound' : 'inbound'
  if (flags.disable === true) {
    if (flags.capacity !== undefined || flags.rate !== undefined) {
      throw usage('--disable takes no --capacity or --rate', RULE_DISABLED)
    }
    return { direction, disable: true }
  }
  if (flags.capacity === undefined || flags.rate === undefined) {
    throw usage('Pass both --capacity and --rate (or --disable)', RULE_ENABLED)
  }
  for (const [flag, value] of [
    ['--capacity', flags.capacity],
    ['--rate', flags.rate],
  ] as const) {
    if (!AMOUNT.test(value))
      throw usage(
        `Invalid ${flag} '${value}'`,
        'expected a non-negative amount in token units, e.g. 1000 or 0.5',
      )
  }
  if (compareDecimal(flags.rate, flags.capacity) > 0) {
    throw usage(`--rate ${flags.rate} is above --capacity ${flags.capacity}`, RULE_ENABLED)
  }
  return { direction, disable: false, capacity: flags.capacity, rate: flags.rate }
}

/** The change as RateLimiter.Config in the token's smallest unit, re-checked after scaling. */
export function toConfig(change: LimitChange, decimals: number, symbol: string): RateLimitConfig {
  if (change.disable) return { isEnabled: false, capacity: 0n, rate: 0n }
  const scaled = (value: string, flag: string) =>
    change.smallestUnit === true ? BigInt(value) : toUnits(value, decimals, symbol, flag)
  const capacity = scaled(change.capacity, '--capacity')
  const rate = scaled(change.rate, '--rate')
  const config = { isEnabled: true, capacity, rate }
  validateConfig(config)
  return config
}

/** The pool's rule; a violation is a usage error rather than a revert after signing. */
export function validateConfig(config: RateLimitConfig): void {
  if (config.isEnabled && config.rate > config.capacity) {
    throw usage(`rate ${config.rate} is above capacity ${config.capacity}`, RULE_ENABLED)
  }
  if (!config.isEnabled && (config.rate !== 0n || config.capacity !== 0n)) {
    throw usage('a disabled limit must have capacity and rate 0', RULE_DISABLED)
  }
}

function toUnits(value: string, decimals: number, symbol: string, flag: string): bigint {
  const [whole = '', fraction = ''] = value.split('.')
  if (fraction.replace(/0+$/, '').length > decimals) {
    throw usage(
      `${flag} ${value} has more decimals than ${symbol} (${decimals})`,
      `round it to ${decimals} decimals`,
    )
  }
  const units =
    digits(whole) * 10n ** BigInt(decimals) + digits(fraction.slice(0, decimals).padEnd(decimals, '0'))
  if (units > MAX_UINT128)
    throw usage(`${flag} ${value} ${symbol} does not fit in a uint128`, 'use a smaller amount')
  return units
}

const digits = (s: string): bigint => (s === '' ? 0n : BigInt(s))

/** Compare two non-negative decimal strings exactly (no floating point). */
export function compareDecimal(a: string, b: string): number {
  const [aw = '', af = ''] = a.split('.')
  const [bw = '', bf = ''] = b.split('.')
  const scale = Math.max(af.length, bf.length)
  const x = digits(aw) * 10n ** BigInt(scale) + digits(af.padEnd(scale, '0'))
  const y = digits(bw) * 10n ** BigInt(scale) + digits(bf.padEnd(scale, '0'))
  return x < y ? -1 : x > y ? 1 : 0
}
