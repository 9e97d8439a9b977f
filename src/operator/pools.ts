import { noAnswer } from '../chain/chain.js'
import type { ProfileChain } from '../chain/profile-chain.js'
import { CcipError, ErrorCode, ExitCode } from '../errors.js'
import type { TokenInfo } from '../messages/tokens.js'
import { isZeroAddress } from '../protocol/abi-words.js'
import { rateLimiterStateV2 } from '../protocol/v2/view-calls.js'
import {
  allConfiguredTokens,
  decimals,
  getOffRamps,
  getPools,
  offRampStaticConfig,
  rateLimiterState,
  symbol,
  type ViewCall,
} from '../protocol/view-calls.js'

/**
 * Token pools and their rate limiters, shared by `ccip lanes list`, `ccip ratelimit …` and the
 * dashboard. Tokens come from the chain's TokenAdminRegistry (getAllConfiguredTokens → getPools),
 * symbols and decimals from the tokens themselves. Everything is read live; nothing is cached on disk.
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
  chain: ProfileChain,
  pool: string,
  direction: Direction,
  remote: bigint,
): Promise<RateLimitState> {
  // 2.0 pools answer both buckets in one call (and no longer have the 1.6 getters).
  const v2 = (await chain.contractVersion(pool).catch(() => undefined))?.ccip === '2.0'
  const b = v2
    ? (await chain.view(pool, rateLimiterStateV2(remote)))[direction]
    : await chain.view(pool, rateLimiterState(direction, remote))
  return { enabled: b.isEnabled, tokens: b.tokens, capacity: b.capacity, rate: b.rate }
}

/** Every token with a pool in the TokenAdminRegistry at `registry`. */
export async function registryTokens(chain: ProfileChain, registry: string): Promise<PoolToken[]> {
  const tokens = await chain.view(registry, allConfiguredTokens(0n, MAX_UINT64))
  if (tokens.length === 0) return []
  const [pools, infos] = await Promise.all([
    chain.view(registry, getPools(tokens)),
    Promise.all(tokens.map((t) => tokenInfo(chain, t))),
  ])
  return infos
    .map((info, i) => ({ ...info, pool: pools[i] ?? '' }))
    .filter((t) => t.pool !== '' && !isZeroAddress(t.pool))
}

/**
 * A token's symbol and decimals; one that reverts on them or answers something that does not
 * decode (e.g. a bytes32 symbol) is UNSUPPORTED_TOKEN. An address with no code answers nothing.
 */
async function tokenInfo(chain: ProfileChain, address: string): Promise<TokenInfo> {
  const unsupported = (cause?: unknown) =>
    new CcipError(ErrorCode.UnsupportedToken, `${address} does not answer symbol()/decimals()`, {
      hint: 'the TokenAdminRegistry lists a token that is not a standard ERC-20',
      ...(cause === undefined ? {} : { cause }),
    })
  const read = async <T>(call: ViewCall<T>): Promise<T> => {
    const result = await chain.call(address, call.data)
    if (result === '0x') throw noAnswer(call.fn, address)
    if (result === undefined) throw unsupported()
    try {
      return call.decode(result)
    } catch (error) {
      throw unsupported(error)
    }
  }
  const [sym, dec] = await Promise.all([read(symbol), read(decimals)])
  return { address, symbol: sym, decimals: dec }
}

/** The TokenAdminRegistry of a chain, from one of its OffRamps (Router 1.2 lists those). */
export async function registryOf(chain: ProfileChain): Promise<string> {
  const first = (await chain.view(chain.router, getOffRamps))[0]
  if (first === undefined) {
    throw new CcipError(
      ErrorCode.NotFound,
      `${chain.profile.name} has no CCIP lanes (its Router lists no OffRamp)`,
      {
        hint: 'see `ccip lanes list`',
        exitCode: ExitCode.NotFound,
      },
    )
  }
  return (await chain.view(first.offRamp, offRampStaticConfig)).tokenAdminRegistry
}

/**
 * `--token`: an address with a pool in the registry, or a symbol looked up in it, bounded
 * (tokens/registry-scan.ts). TOKEN_NOT_FOUND (exit 3) when it has no pool there.
 */
export async function findPoolToken(chain: ProfileChain, registry: string, ref: string): Promise<PoolToken> {
  const where = chain.profile.name
  const address = /^0x[0-9a-fA-F]{40}$/.test(ref)
    ? ref
    : (await (await import('../tokens/registry-scan.js')).findRegisteredSymbol(chain, registry, ref)).address
  const pool = (await chain.view(registry, getPools([address])))[0] ?? ''
  if (pool === '' || isZeroAddress(pool)) {
    throw new CcipError(ErrorCode.TokenNotFound, `No token '${ref}' with a CCIP pool on ${where}`, {
      hint: `\`ccip token show ${ref} --chains ${where}\` shows what it lacks`,
      exitCode: ExitCode.NotFound,
    })
  }
  return { ...(await tokenInfo(chain, address)), pool }
}

/** Chain-selector → profile name, else the selector itself (a chain with no profile here). */
export function chainNamer(chains: { name: string; selector: string }[]): (selector: bigint) => string {
  const names = new Map(chains.map((c) => [BigInt(c.selector), c.name]))
  return (selector) => names.get(selector) ?? selector.toString()
}
