import type { ProfileChain } from '../chain/profile-chain.js'
import { CcipError, ErrorCode, ExitCode } from '../errors.js'
import { allConfiguredTokens, symbol as symbolView } from '../protocol/view-calls.js'

/**
 * `--token SYMBOL` against a TokenAdminRegistry, bounded: a registry of a real network lists
 * thousands of tokens, and each symbol is one call. The registry is read a page at a time and at
 * most SYMBOL_SCAN_LIMIT symbols are asked for; a symbol beyond them is named by address instead.
 * The one symbol lookup of `send`, `fee`, `ratelimit set` and the token commands.
 */
export const SYMBOL_SCAN_LIMIT = 1_000
const PAGE = 250n

export interface RegistryMatch {
  /** The token's address. */
  address: string
  symbol: string
}

/**
 * The registered token whose symbol is `wanted` (exact, else case-insensitive when that is
 * unambiguous). TOKEN_NOT_FOUND (exit 3) names some tokens there are; several with the symbol: a
 * usage error asking for the address. `addressHint` formats an address as the caller's flag takes it.
 */
export async function findRegisteredSymbol(
  chain: ProfileChain,
  registry: string,
  wanted: string,
  addressHint: (address: string) => string = (a) => a,
): Promise<RegistryMatch> {
  const where = chain.profile.name
  const seen: RegistryMatch[] = []
  let more = true
  while (more && seen.length < SYMBOL_SCAN_LIMIT) {
    const page = await chain.view(registry, allConfiguredTokens(BigInt(seen.length), PAGE))
    const symbols = await Promise.all(page.map((address) => readSymbol(chain, address)))
    seen.push(...page.map((address, i) => ({ address, symbol: symbols[i]! })))
    more = BigInt(page.length) === PAGE
    const exact = seen.filter((t) => t.symbol === wanted)
    // An exact match ends the scan: later pages could only add a namesake.
    if (exact.length === 1) return exact[0]!
  }
  const exact = seen.filter((t) => t.symbol === wanted)
  const loose = seen.filter((t) => t.symbol.toLowerCase() === wanted.toLowerCase())
  const match = exact.length > 0 ? exact : loose
  if (match.length === 1) return match[0]!
  if (match.length > 1) {
    throw new CcipError(ErrorCode.InvalidArgument, `Several tokens on ${where} have the symbol '${wanted}'`, {
      hint: `pass the address instead: ${match.map((t) => addressHint(t.address)).join(' or ')}`,
      exitCode: ExitCode.Usage,
    })
  }
  const names = seen.map((t) => t.symbol).filter((s) => s !== '')
  const known =
    names.length === 0 ? '(none)' : names.slice(0, 20).join(', ') + (names.length > 20 ? ', …' : '')
  const limit = more ? ` (of the first ${SYMBOL_SCAN_LIMIT} registered tokens)` : ''
  throw new CcipError(
    ErrorCode.TokenNotFound,
    `No token '${wanted}' is registered for CCIP on ${where}${limit}`,
    {
      hint: `tokens on ${where}: ${known}; or name it by address: ${addressHint('0xADDRESS')}`,
      exitCode: ExitCode.NotFound,
    },
  )
}

/** A token's symbol; '' when it has none that decodes (a bytes32 symbol, no code). */
async function readSymbol(chain: ProfileChain, address: string): Promise<string> {
  const result = await chain.call(address, symbolView.data)
  if (result === undefined || result === '0x') return ''
  try {
    return symbolView.decode(result)
  } catch {
    return ''
  }
}
