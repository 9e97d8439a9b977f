import { InvalidArgumentError } from 'commander'

/** Commander value parsers: a bad value becomes a usage error (exit 2) naming the rule. */
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

export function address(value: string): string {
  if (!/^0x[0-9a-fA-F]{40}$/.test(value))
    throw new InvalidArgumentError('expected a 0x-prefixed 20-byte address')
  return value
}
