import { parseUnits } from 'ethers'
import { invalidArgument } from '../errors.js'
import { type LimitChange, parseLimitChange } from '../operator/ratelimit-config.js'
import type { PoolType } from './inspect.js'

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

/** `--outbound CAP/RATE` (tokens, tokens per second) or `--outbound off`. */
export function limitPair(flag: '--outbound' | '--inbound', value: string): LimitChange {
  const direction = flag === '--outbound' ? 'outbound' : 'inbound'
  if (value === 'off') return parseLimitChange({ [direction]: true, disable: true })
  const [capacity, rate, extra] = value.split('/')
  if (capacity === undefined || rate === undefined || extra !== undefined)
    throw invalidArgument(
      `Invalid ${flag} '${value}'`,
      `CAPACITY/RATE in tokens and tokens per second, e.g. ${flag} 1000/10, or ${flag} off`,
    )
  return parseLimitChange({ [direction]: true, capacity, rate })
}

/**
 * `--pool` and `--home-chain` → each chain's pool type: burn/mint everywhere, or lock/release on
 * the home chain (default: the first of --chains) and burn/mint on the others (CCIP's pattern for
 * a token that exists on one chain and is minted elsewhere).
 */
export function poolTypes(
  chains: readonly string[],
  pool: PoolType | undefined,
  home: string | undefined,
): Record<string, PoolType> {
  if (home !== undefined && pool !== 'lock-release')
    throw invalidArgument(
      '--home-chain goes with --pool lock-release',
      'a lock/release pool lives on the home chain; burn/mint pools everywhere need no home',
    )
  if (home !== undefined && !chains.includes(home))
    throw invalidArgument(
      `--home-chain ${home} is not in --chains`,
      `add it: --chains ${[home, ...chains].join(',')}`,
    )
  if (pool === undefined) return {}
  const lockRelease = pool === 'lock-release' ? (home ?? chains[0]) : undefined
  return Object.fromEntries(chains.map((c) => [c, c === lockRelease ? 'lock-release' : 'burn-mint']))
}
