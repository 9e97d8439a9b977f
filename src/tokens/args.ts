import { parseUnits } from 'ethers'
import { invalidArgument } from '../errors.js'

/** `--chains a,b,c`: names, each once. */
export function chainList(value: string): string[] {
  const names = value.split(',').map((n) => n.trim())
  if (names.some((n) => n === ''))
    throw invalidArgument(
      `Invalid --chains '${value}'`,
      'name chain profiles, comma-separated: --chains alpha,beta',
    )
  const twice = names.find((n, i) => names.indexOf(n) !== i)
  if (twice !== undefined) throw invalidArgument(`--chains names ${twice} twice`, 'name each chain once')
  return names
}

const MAX_UINT256 = (1n << 256n) - 1n

/** A token amount ("1000", "0.5") in base units for a token of `decimals` decimals; 0 allowed. */
export function parseTokenUnits(amount: string, decimals: number, flag: string): bigint {
  let units: bigint
  try {
    if (!/^(\d+\.?\d*|\.\d+)$/.test(amount)) throw new Error('not a number')
    units = parseUnits(amount.startsWith('.') ? `0${amount}` : amount, decimals)
  } catch {
    throw invalidArgument(
      `Invalid ${flag} '${amount}'`,
      `a number of tokens with at most ${decimals} digits after the point`,
    )
  }
  if (units > MAX_UINT256)
    throw invalidArgument(`${flag} ${amount} is too large`, 'it must fit in a uint256 in base units')
  return units
}
