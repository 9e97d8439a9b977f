import { isError, type JsonRpcProvider, ZeroAddress } from 'ethers'
import type { ChainHandle } from '../chain/connect.js'
import { CliError, ErrorCode, ExitCode } from '../errors.js'
import type { TokenInfo } from '../messages/tokens.js'
import { read } from './reads.js'

/**
 * Token pools and their rate limiters, shared by `ccip lanes list` and `ccip ratelimit …`.
 * Tokens come from the chain's TokenAdminRegistry (getAllConfiguredTokens → getPools), symbols
 * and decimals from the tokens themselves. Everything is read live; nothing is cached on disk.
 */

/** A pool's bucket for one remote chain and direction, refilled to the block it was read at. */
export interface RateLimitState {
  enabled: boolean
  /** Tokens available now, in the token's smallest unit (like capacity and rate). */
  tokens: bigint
  capacity: bigint
  /** Refill per second. */
  rate: bigint
}

/** RateLimiter.Config as setChainRateLimiterConfig takes it. */
export interface RateLimitConfig {
  isEnabled: boolean
  capacity: bigint
  rate: bigint
}

export type Direction = 'outbound' | 'inbound'

export interface PoolToken extends TokenInfo {
  pool: string
}

const MAX_UINT64 = 2n ** 64n - 1n

export async function readBucket(
  provider: JsonRpcProvider,
  pool: string,
  direction: Direction,
  remote: bigint,
): Promise<RateLimitState> {
  const fn =
    direction === 'outbound' ? 'getCurrentOutboundRateLimiterState' : 'getCurrentInboundRateLimiterState'
  // CAST: RateLimiter.TokenBucket, read by field name from ethers' Result.
  const b = (await read(provider, pool, 'pool', fn, remote)) as {
    tokens: bigint
    isEnabled: boolean
    capacity: bigint
    rate: bigint
  }
  return { enabled: b.isEnabled, tokens: b.tokens, capacity: b.capacity, rate: b.rate }
}

/** Every token with a pool in the TokenAdminRegistry at `registry`. */
export async function registryTokens(provider: JsonRpcProvider, registry: string): Promise<PoolToken[]> {
  // CAST: getAllConfiguredTokens returns address[].
  const tokens = [
    ...((await read(provider, registry, 'registry', 'getAllConfiguredTokens', 0n, MAX_UINT64)) as string[]),
  ]
  if (tokens.length === 0) return []
  const [pools, infos] = await Promise.all([
    // CAST: getPools returns address[], one per token.
    read(provider, registry, 'registry', 'getPools', tokens) as Promise<string[]>,
    Promise.all(tokens.map((t) => tokenInfo(provider, t))),
  ])
  return infos
    .map((info, i) => ({ ...info, pool: pools[i] ?? ZeroAddress }))
    .filter((t) => t.pool !== ZeroAddress)
}

/** A token's symbol and decimals; one that does not answer them is UNSUPPORTED_TOKEN. */
async function tokenInfo(provider: JsonRpcProvider, address: string): Promise<TokenInfo> {
  try {
    const [symbol, decimals] = await Promise.all([
      read(provider, address, 'erc20', 'symbol'),
      read(provider, address, 'erc20', 'decimals'),
    ])
    return { address, symbol: String(symbol), decimals: Number(decimals) }
  } catch (error) {
    if (!isError(error, 'CALL_EXCEPTION') && !isError(error, 'BAD_DATA')) throw error
    throw new CliError(ErrorCode.UnsupportedToken, `${address} does not answer symbol()/decimals()`, {
      hint: 'the TokenAdminRegistry lists a token that is not a standard ERC-20',
      cause: error,
    })
  }
}

/** The TokenAdminRegistry of a chain, from one of its OffRamps (Router 1.2 lists those). */
export async function registryOf(chain: ChainHandle): Promise<string> {
  // CAST: Router.getOffRamps returns OffRamp{sourceChainSelector, offRamp}[].
  const offRamps = (await read(chain.provider, chain.router, 'router', 'getOffRamps')) as {
    offRamp: string
  }[]
  const first = offRamps[0]
  if (first === undefined) {
    throw new CliError(
      ErrorCode.NotFound,
      `${chain.profile.name} has no CCIP lanes (its Router lists no OffRamp)`,
      {
        hint: 'see `ccip lanes list`',
        exitCode: ExitCode.NotFound,
      },
    )
  }
  // CAST: OffRamp 1.6 StaticConfig.
  const config = (await read(chain.provider, first.offRamp, 'offRamp', 'getStaticConfig')) as {
    tokenAdminRegistry: string
  }
  return config.tokenAdminRegistry
}

/**
 * `--token`: an address, an exact symbol, or a symbol matched case-insensitively when that is
 * unambiguous. TOKEN_NOT_FOUND (exit 3) names the tokens there are.
 */
export function matchToken(tokens: PoolToken[], ref: string, where: string): PoolToken {
  const byAddress = tokens.filter((t) => t.address.toLowerCase() === ref.toLowerCase())
  const exact = tokens.filter((t) => t.symbol === ref)
  const loose = tokens.filter((t) => t.symbol.toLowerCase() === ref.toLowerCase())
  const match = [byAddress, exact, loose].find((m) => m.length === 1)?.[0]
  if (match !== undefined) return match
  if (loose.length > 1) {
    throw new CliError(ErrorCode.InvalidArgument, `Several tokens on ${where} have the symbol '${ref}'`, {
      hint: `pass the address instead: ${loose.map((t) => t.address).join(' or ')}`,
      exitCode: ExitCode.Usage,
    })
  }
  const known = tokens.length === 0 ? '(none)' : tokens.map((t) => t.symbol).join(', ')
  throw new CliError(ErrorCode.TokenNotFound, `No token '${ref}' with a CCIP pool on ${where}`, {
    hint: `tokens with a pool on ${where}: ${known}`,
    exitCode: ExitCode.NotFound,
  })
}

/** Chain-selector → profile name, else the selector itself (a chain with no profile here). */
export function chainNamer(chains: { name: string; selector: string }[]): (selector: bigint) => string {
  const names = new Map(chains.map((c) => [BigInt(c.selector), c.name]))
  return (selector) => names.get(selector) ?? selector.toString()
}
