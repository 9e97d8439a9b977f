import { getAddress, id, isAddress } from 'ethers'
import type { ProfileChain } from '../chain/profile-chain.js'
import { invalidArgument } from '../errors.js'
import { registryOf } from '../operator/pools.js'
import { bookEntries } from './book.js'
import { readView } from './contracts.js'
import { findRegisteredSymbol } from './registry-scan.js'

/**
 * `--token T` for the token commands, per chain: `alpha=0x…,beta=0x…` (explicit), `0x…` (that
 * address on every chain), or a symbol: the token book first (tokens deployed here), then the
 * chain's TokenAdminRegistry, read in a bounded way (registry-scan.ts).
 */
export interface TokenOnChains {
  /** The symbol as the user knows it (the book's key), when given one. */
  symbol: string | undefined
  /** Chain name → token address. */
  tokens: Record<string, string>
  /** Chain name → a pool the book remembers (deployed, perhaps not registered yet). */
  pools: Record<string, string>
  /** Chain name → a 2.0 lock box the book remembers (deployed before its pool). */
  lockBoxes: Record<string, string>
}

export async function resolveTokenRef(
  home: string,
  ref: string,
  chains: readonly ProfileChain[],
): Promise<TokenOnChains> {
  const names = chains.map((c) => c.profile.name)
  if (ref.includes('='))
    return { symbol: undefined, tokens: explicitAddresses(ref, names), pools: {}, lockBoxes: {} }
  if (ref.startsWith('0x')) {
    const address = checked(ref, '--token')
    return {
      symbol: undefined,
      tokens: Object.fromEntries(names.map((n) => [n, address])),
      pools: {},
      lockBoxes: {},
    }
  }
  const book = bookEntries(home, ref) ?? {}
  const tokens: Record<string, string> = {}
  const pools: Record<string, string> = {}
  const lockBoxes: Record<string, string> = {}
  for (const chain of chains) {
    const entry = book[chain.profile.name]
    if (entry !== undefined && entry.chainId === chain.profile.chainId) {
      tokens[chain.profile.name] = entry.token
      if (entry.pool !== undefined) pools[chain.profile.name] = entry.pool
      if (entry.lockBox !== undefined) lockBoxes[chain.profile.name] = entry.lockBox
    } else {
      tokens[chain.profile.name] = await registeredToken(chain, ref)
    }
  }
  return { symbol: ref, tokens, pools, lockBoxes }
}

function explicitAddresses(ref: string, names: readonly string[]): Record<string, string> {
  const pairs = ref.split(',').map((p) => p.split('='))
  const out: Record<string, string> = {}
  for (const [chain = '', address = ''] of pairs) {
    if (!names.includes(chain))
      throw invalidArgument(
        `--token names ${chain || 'no chain'}, which is not in --chains`,
        `name each of --chains once: ${names.map((n) => `${n}=0x…`).join(',')}`,
      )
    out[chain] = checked(address, `--token ${chain}=`)
  }
  const missing = names.filter((n) => out[n] === undefined)
  if (missing.length > 0)
    throw invalidArgument(
      `--token has no address for ${missing.join(', ')}`,
      `add ${missing.map((n) => `${n}=0x…`).join(',')}`,
    )
  return out
}

function checked(address: string, flag: string): string {
  if (!isAddress(address))
    throw invalidArgument(
      `Invalid address in ${flag}: '${address}'`,
      'a 0x-prefixed 20-byte address (checksummed, or all lower case)',
    )
  return getAddress(address)
}

/** A symbol in the chain's TokenAdminRegistry (bounded: registry-scan.ts). */
async function registeredToken(chain: ProfileChain, symbol: string): Promise<string> {
  const where = chain.profile.name
  const found = await findRegisteredSymbol(
    chain,
    await registryOf(chain),
    symbol,
    (a) => `--token ${where}=${a}`,
  )
  return found.address
}

const REGISTRY_MODULE_ADDED = id('RegistryModuleAdded(address)')

/**
 * The RegistryModuleOwnerCustom to register through: the caller's (checked with the registry),
 * else on local chains the last module the registry added (its logs are cheap there); undefined
 * on real networks, where scanning a registry's whole history is not (the plan then asks for it).
 */
export async function registryModuleOf(
  chain: ProfileChain,
  registry: string,
  given?: string,
): Promise<string | undefined> {
  const isModule = (m: string) =>
    readView<boolean>(chain, 'tokenAdminRegistry', registry, 'isRegistryModule', [m])
  if (given !== undefined) {
    if (!(await isModule(given)))
      throw invalidArgument(
        `${given} is not a registry module of the TokenAdminRegistry on ${chain.profile.name}`,
        'pass the RegistryModuleOwnerCustom that Chainlink’s CCIP directory lists for that network',
      )
    return given
  }
  if (!chain.profile.local) return undefined
  const added = await chain.logs({ address: registry, topics: [REGISTRY_MODULE_ADDED], fromBlock: 0 })
  for (const log of added.reverse()) {
    const module = getAddress(`0x${log.data.slice(26, 66)}`)
    if (await isModule(module)) return module
  }
  return undefined
}
