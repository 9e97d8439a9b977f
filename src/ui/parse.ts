import { InvalidArgumentError } from 'commander'
import { addressProblem } from '../protocol/address.js'
import { checksumAddress } from '../protocol/keccak.js'

/** Commander value parsers: a bad value becomes a usage error (exit 2) naming the rule. */
const MAX_UINT256 = (1n << 256n) - 1n

/** A whole number that fits a uint256 (gas limits, amounts in base units). */
export function uint256(what: string) {
  return (value: string): bigint => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`expected a whole number of ${what}`)
    const n = BigInt(value)
    if (n > MAX_UINT256) throw new InvalidArgumentError(`${what} must fit in a uint256`)
    return n
  }
}

export const integerIn =
  (min: number, max: number) =>
  (value: string): number => {
    const n = Number(value)
    if (!/^\d+$/.test(value) || n < min || n > max)
      throw new InvalidArgumentError(`expected an integer from ${min} to ${max}`)
    return n
  }

export const secondsIn =
  (min: number, max: number) =>
  (value: string): number => {
    const n = Number(value)
    if (!Number.isFinite(n) || n < min || n > max)
      throw new InvalidArgumentError(`expected seconds from ${min} to ${max}`)
    return n
  }

/** An address flag: 0x + 40 hex digits, and a mixed-case one must carry a valid EIP-55 checksum. */
export function address(value: string): string {
  const problem = addressProblem(value)
  if (problem !== undefined) throw new InvalidArgumentError(problem)
  return checksumAddress(value)
}

/** One of a fixed set of words, e.g. `--ccip 2.0`. */
export const oneOf =
  <T extends string>(choices: readonly T[]) =>
  (value: string): T => {
    if (!(choices as readonly string[]).includes(value))
      throw new InvalidArgumentError(`expected one of ${choices.join(', ')}`)
    return value as T
  }

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 }

/**
 * A point in time as unix seconds: a duration back from now (`30m`, `6h`, `7d`), unix seconds, or
 * an ISO 8601 date (`2026-12-01`, `2026-12-01T12:00:00Z`). `now` is for tests.
 */
export const pointInTime =
  (now: () => number = () => Date.now()) =>
  (value: string): number => {
    const ago = /^(\d+)([smhdw])$/.exec(value)
    if (ago !== null) return Math.floor(now() / 1000) - Number(ago[1]) * (UNIT_SECONDS[ago[2]!] ?? 0)
    if (/^\d{9,11}$/.test(value)) return Number(value)
    const ms = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN
    if (Number.isNaN(ms))
      throw new InvalidArgumentError(
        'expected a duration back from now (30m, 6h, 7d), unix seconds or an ISO date',
      )
    return Math.floor(ms / 1000)
  }
