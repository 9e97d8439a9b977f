import { openChain } from '../chain/profile-chain.js'
import type { CcipContext } from '../context.js'
import { registryOf } from '../operator/pools.js'
import type { Profile } from '../profiles/profile.js'
import { inspectToken, type TokenOnChain } from './inspect.js'
import { resolveTokenRef } from './resolve.js'

/** `ccip token show`: the token on each chain (token, registry entry, pool, remotes, limits). */
export interface TokenShow {
  token: string
  chains: TokenOnChain[]
  /** Chain selector (decimal) → profile name, for the remotes' names. */
  names: Record<string, string>
}

export async function showToken(
  ctx: CcipContext,
  token: string,
  profiles: readonly Profile[],
): Promise<TokenShow> {
  const chains = profiles.map((p) => openChain(p, ctx.chains))
  const ref = await resolveTokenRef(ctx.home, token, chains)
  const all = (await ctx.profiles()).profiles
  const names = Object.fromEntries(all.map((p) => [p.selector, p.name]))
  const states = await Promise.all(
    chains.map(async (chain) => {
      const name = chain.profile.name
      return chain.guard(
        registryOf(chain).then((registry) =>
          inspectToken(chain, registry, ref.tokens[name]!, ref.pools[name]),
        ),
      )
    }),
  )
  return { token: ref.symbol ?? states[0]?.token.symbol ?? token, chains: states, names }
}
