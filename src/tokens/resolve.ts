import { getAddress, id } from 'ethers'
import type { ProfileChain } from '../chain/profile-chain.js'
import { invalidArgument } from '../errors.js'
import { registryOf } from '../operator/pools.js'
import { addressProblem } from '../protocol/address.js'
import { checksumAddress } from '../protocol/keccak.js'
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

/**
 * Each chain's TokenAdminRegistry (from one of its OffRamps: two reads), asked once per command
 * run however many steps need it: resolving a symbol, then inspecting the token.
 */
export type Registries = (chain: ProfileChain) => Promise<string>

export function registryReader(): Registries {
  const found = new Map<ProfileChain, Promise<string>>()
  return (chain) => {
    let registry = found.get(chain)
    if (registry === undefined) {
      registry = registryOf(chain)
      found.set(chain, registry)
    }
    return registry
  }
}

export async function resolveTokenRef(
  home: string,
  ref: string,
  chains: readonly ProfileChain[],
  registries: Registries,
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
  await Promise.all(
    chains.map(async (chain) => {
      const name = chain.profile.name
      const entry = book[name]
      if (entry === undefined || entry.chainId !== chain.profile.chainId) {
        tokens[name] = await registeredToken(chain, await registries(chain), ref)
        return
      }
      tokens[name] = entry.token
      if (entry.pool !== undefined) pools[name] = entry.pool
      if (entry.lockBox !== undefined) lockBoxes[name] = entry.lockBox
    }),
  )
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

/** The project's address rule (protocol/address.ts): a mixed-case address must carry its checksum. */
function checked(address: string, flag: string): string {
  const problem = addressProblem(address)
  if (problem !== undefined) throw invalidArgument(`Invalid address in ${flag}: '${address}'`, problem)
  return checksumAddress(address)
}

/** A symbol in the chain's TokenAdminRegistry (bounded: registry-scan.ts). */
async function registeredToken(chain: ProfileChain, registry: string, symbol: string): Promise<string> {
  const where = chain.profile.name
  const found = await findRegisteredSymbol(chain, registry, symbol, (a) => `--token ${where}=${a}`)
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
