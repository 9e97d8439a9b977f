import { openChain, type ProfileChain } from '../chain/profile-chain.js'
import { CcipError, ErrorCode, ExitCode } from '../errors.js'
import type { Profile } from '../profiles/profile.js'
import { getSupportedChains } from '../protocol/view-calls.js'
import {
  chainNamer,
  findPoolToken,
  type RateLimitState,
  readBucket,
  registryOf,
  registryTokens,
} from './pools.js'

/** `ccip ratelimit show`: every token pool's outbound and inbound bucket per remote chain. */

export interface RateLimitRow {
  chain: string
  token: string
  decimals: number
  pool: string
  remote: string
  outbound: RateLimitState
  inbound: RateLimitState
}

export interface ShowRateLimitsParameters {
  profiles: Profile[]
  chain?: string
  token?: string
  onSkip?: (chain: string, error: CcipError) => void
}

const SKIPPABLE: ReadonlySet<ErrorCode> = new Set([
  ErrorCode.RpcUnreachable,
  ErrorCode.TokenNotFound,
  ErrorCode.NotFound,
])

/**
 * @example
 * const rows = await showRateLimits({ profiles, chain: 'alpha', token: 'CCIP-BnM' })
 */
export async function showRateLimits(params: ShowRateLimitsParameters): Promise<RateLimitRow[]> {
  const profiles = params.profiles.filter((p) =>
    params.chain === undefined ? p.router !== undefined : p.name === params.chain,
  )
  const nameOf = chainNamer(params.profiles)
  const chains = profiles.map((p) => openChain(p))
  const skipped: string[] = []
  const perChain = await Promise.all(
    chains.map((chain) =>
      chain.guard(chainRows(chain, params.token, nameOf)).catch((error: unknown) => {
        // Without --chain, a chain that is down, has no lanes or lacks the token is left out.
        if (params.chain !== undefined || !(error instanceof CcipError) || !SKIPPABLE.has(error.code)) {
          throw error
        }
        if (error.code === ErrorCode.RpcUnreachable) {
          skipped.push(chain.profile.name)
          params.onSkip?.(chain.profile.name, error)
        }
        return []
      }),
    ),
  )
  const rows = perChain.flat()
  if (skipped.length > 0 && skipped.length === chains.length) {
    throw new CcipError(ErrorCode.RpcUnreachable, `No chain answered (${skipped.join(', ')})`, {
      hint: 'is the local stack running (`ccip local up`)? For other chains check the RPC URLs (`ccip chains list`)',
    })
  }
  if (rows.length === 0 && params.token !== undefined) {
    throw new CcipError(ErrorCode.TokenNotFound, `No chain has a CCIP pool for '${params.token}'`, {
      hint: 'run `ccip ratelimit show` to see the tokens and pools there are',
      exitCode: ExitCode.NotFound,
    })
  }
  return rows
}

async function chainRows(
  chain: ProfileChain,
  tokenRef: string | undefined,
  nameOf: (selector: bigint) => string,
): Promise<RateLimitRow[]> {
  const registry = await registryOf(chain)
  const tokens =
    tokenRef === undefined
      ? await registryTokens(chain, registry)
      : [await findPoolToken(chain, registry, tokenRef)]
  const perToken = await Promise.all(
    tokens.map(async (token) => {
      const remotes = await chain.view(token.pool, getSupportedChains)
      return Promise.all(
        remotes.map(async (remote): Promise<RateLimitRow> => {
          const [outbound, inbound] = await Promise.all([
            readBucket(chain, token.pool, 'outbound', remote),
            readBucket(chain, token.pool, 'inbound', remote),
          ])
          const row = { chain: chain.profile.name, token: token.symbol, decimals: token.decimals }
          return { ...row, pool: token.pool, remote: nameOf(remote), outbound, inbound }
        }),
      )
    }),
  )
  return perToken.flat()
}
