import { openChain } from '../chain/profile-chain.js'
import type { CcipContext } from '../context.js'
import { chainList } from './args.js'
import { bookEntries } from './book.js'
import { checkToken, type Finding } from './check.js'
import { inspectToken, type TokenOnChain } from './inspect.js'
import { registryReader, resolveTokenRef } from './resolve.js'

/** `ccip token show` and `ccip token check`: the token as each chain holds it, and the doctor's verdict. */
export interface TokenShow {
  token: string
  chains: TokenOnChain[]
  /** Chain selector (decimal) → profile name, for the remotes' names. */
  names: Record<string, string>
}

export interface TokenCheck extends TokenShow {
  findings: Finding[]
}

/**
 * Read `token` on `chains` (names; default: the token book's chains for a symbol it knows, else
 * every profile with a Router).
 */
export async function showToken(ctx: CcipContext, token: string, chainNames?: string): Promise<TokenShow> {
  const profiles = await ctx.profiles()
  const inBook = Object.keys(bookEntries(ctx.home, token) ?? {}).filter((n) => profiles.get(n) !== undefined)
  const names =
    chainNames !== undefined
      ? chainList(chainNames)
      : inBook.length > 0
        ? inBook
        : profiles.profiles.filter((p) => p.router !== undefined).map((p) => p.name)
  const chains = names.map((n) => openChain(profiles.require(n), ctx.chains))
  const registries = registryReader()
  const ref = await resolveTokenRef(ctx.home, token, chains, registries)
  const selectorNames = Object.fromEntries(profiles.profiles.map((p) => [p.selector, p.name]))
  const states = await Promise.all(
    chains.map((chain) => {
      const name = chain.profile.name
      return chain.guard(
        registries(chain).then((registry) =>
          inspectToken(chain, registry, ref.tokens[name]!, ref.pools[name]),
        ),
      )
    }),
  )
  return { token: ref.symbol ?? states[0]?.token.symbol ?? token, chains: states, names: selectorNames }
}

/** `ccip token check`: every finding on `token`'s set-up across `chains`. */
export async function checkTokenSetup(
  ctx: CcipContext,
  token: string,
  chainNames?: string,
): Promise<TokenCheck> {
  const show = await showToken(ctx, token, chainNames)
  const tokenRef = token.includes('=') || token.startsWith('0x') ? `'${token}'` : token
  return { ...show, findings: checkToken({ tokenRef, chains: show.chains, names: show.names }) }
}
