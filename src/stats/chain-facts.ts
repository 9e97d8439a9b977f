import { type ChainPool, chainOf, type ProfileChain } from '../chain/profile-chain.js'
import type { HistoryTable } from '../history/join.js'
import { registryOf } from '../operator/pools.js'
import type { Profile } from '../profiles/profile.js'
import { isZeroAddress } from '../protocol/abi-words.js'
import { allConfiguredTokens, getPools } from '../protocol/view-calls.js'
import { readView } from '../tokens/contracts.js'
import { erc20Info } from '../tokens/erc20-info.js'
import { readLiquidity } from '../tokens/inspect.js'
import { type TokenFacts, usdOf } from './aggregate.js'
import type { PoolHolding } from './types.js'

/** Local registries are small; on real networks only the tokens the window moved are looked at. */
const LOCAL_REGISTRY_TOKENS = 50

/**
 * What the chains say about the tokens of `messages`: symbols and decimals, the source
 * FeeQuoters' USD prices, each chain's LINK and wrapped native token, and what each token's pool
 * holds (lock/release balance, burn/mint supply) on the `wanted` chains. Every read is a view at the latest block; a
 * token or contract that does not answer leaves its entry out rather than failing the stats.
 */
export async function chainFacts(
  pool: ChainPool,
  profiles: Profile[],
  wanted: Profile[],
  moved: ReadonlyMap<string, ReadonlySet<string>>,
): Promise<TokenFacts & { holdings: PoolHolding[] }> {
  const tokens = new Map<string, { symbol: string; decimals: number }>()
  const prices = new Map<string, bigint>()
  const feeKinds = new Map<string, { link: string; native: string }>()
  const holdings: PoolHolding[] = []
  await Promise.all(
    wanted
      .filter((p) => p.router !== undefined)
      .map(async (profile) => {
        const chain = chainOf(profile, pool)
        const quoter = await feeQuoterOf(chain, profiles)
        const pooled = await pooledTokens(chain, moved.get(profile.name) ?? new Set<string>())
        const all = new Set([...(moved.get(profile.name) ?? []), ...pooled.keys()])
        const [kinds] = await Promise.all([
          quoter === undefined ? undefined : feeKindsOf(chain, quoter),
          ...[...all].map(async (token) => {
            const [info, price] = await Promise.all([
              erc20Info(chain, token),
              quoter === undefined ? undefined : priceOf(chain, quoter, token),
            ])
            if (info !== undefined) tokens.set(`${profile.name}:${token}`, info)
            if (price !== undefined) prices.set(`${profile.name}:${token}`, price)
          }),
        ])
        if (kinds !== undefined) feeKinds.set(profile.name, kinds)
        const held = await Promise.all([...pooled].map(([token, p]) => holding(chain, token, p)))
        for (const h of held) {
          if (h === undefined) continue
          const info = tokens.get(`${profile.name}:${h.token}`)
          const price = prices.get(`${profile.name}:${h.token}`)
          holdings.push({
            ...h,
            symbol: info?.symbol ?? null,
            decimals: info?.decimals ?? null,
            usd: price === undefined || price === 0n ? null : usdOf(h.amount, price),
          })
        }
      }),
  )
  holdings.sort(
    (a, b) => a.chain.localeCompare(b.chain) || (a.symbol ?? a.token).localeCompare(b.symbol ?? b.token),
  )
  return { tokens, prices, feeKinds, holdings }
}

/** Per source chain (name): the fee tokens and transferred tokens of the history's `rows`. */
export function movedTokens(table: HistoryTable, rows: Int32Array): Map<string, Set<string>> {
  const refs = table.chains.map(() => ({ fee: new Set<number>(), transfer: new Set<number>() }))
  for (const k of rows) {
    const s = table.source[k]!
    const { sends } = table.chains[s]!.records
    const i = table.send[k]!
    refs[s]!.fee.add(sends.feeToken[i]!)
    const first = table.transfer[k]!
    for (let t = first; t < first + sends.transfers[i]!; t++) refs[s]!.transfer.add(sends.transferRef[t]!)
  }
  const moved = new Map<string, Set<string>>()
  table.chains.forEach((chain, s) => {
    const { fee, transfer } = refs[s]!
    if (fee.size + transfer.size === 0) return
    moved.set(
      chain.name,
      new Set([
        ...[...fee].map((ref) => chain.records.strings[ref]!),
        ...[...transfer].map((ref) => table.tokenOfRef(s, ref)),
      ]),
    )
  })
  return moved
}

/** The FeeQuoter of the chain's lanes, from any of its OnRamps. */
interface Quoter {
  address: string
  abi: 'feeQuoter' | 'feeQuoterV2'
}

async function feeQuoterOf(chain: ProfileChain, profiles: Profile[]): Promise<Quoter | undefined> {
  for (const other of profiles) {
    if (other.selector === chain.profile.selector) continue
    const onRamp = await chain.onRamp(BigInt(other.selector))
    if (onRamp === undefined) continue
    const v2 = (await chain.contractVersion(onRamp).catch(() => undefined))?.ccip === '2.0'
    const config = await readView<{ feeQuoter: string }>(
      chain,
      v2 ? 'onRampV2' : 'onRamp',
      onRamp,
      'getDynamicConfig',
    )
    return { address: config.feeQuoter.toLowerCase(), abi: v2 ? 'feeQuoterV2' : 'feeQuoter' }
  }
  return undefined
}

async function feeKindsOf(chain: ProfileChain, quoter: Quoter): Promise<{ link: string; native: string }> {
  const [config, native] = await Promise.all([
    readView<{ linkToken: string }>(chain, quoter.abi, quoter.address, 'getStaticConfig', [], {
      value: { linkToken: '' },
    }),
    readView<string>(chain, 'router', chain.router, 'getWrappedNative', [], { value: '' }),
  ])
  return { link: config.linkToken.toLowerCase(), native: native.toLowerCase() }
}

async function priceOf(chain: ProfileChain, quoter: Quoter, token: string): Promise<bigint | undefined> {
  const price = await readView<{ value: bigint } | null>(
    chain,
    quoter.abi,
    quoter.address,
    'getTokenPrice',
    [token],
    { value: null },
  ).catch(() => null)
  return price === null ? undefined : price.value
}

/** token → pool for the tokens that moved and, on a local chain, every registered token. */
async function pooledTokens(chain: ProfileChain, moved: ReadonlySet<string>): Promise<Map<string, string>> {
  const registry = await registryOf(chain).catch(() => undefined)
  if (registry === undefined) return new Map()
  const registered = chain.profile.local
    ? await chain.view(registry, allConfiguredTokens(0n, BigInt(LOCAL_REGISTRY_TOKENS)))
    : []
  const candidates = [...new Set([...moved, ...registered.map((t) => t.toLowerCase())])]
  if (candidates.length === 0) return new Map()
  const pools = await chain.view(registry, getPools(candidates))
  const found = new Map<string, string>()
  candidates.forEach((t, i) => {
    const p = pools[i]
    if (p !== undefined && p !== '' && !isZeroAddress(p)) found.set(t, p.toLowerCase())
  })
  return found
}

async function holding(
  chain: ProfileChain,
  token: string,
  pool: string,
): Promise<Omit<PoolHolding, 'symbol' | 'decimals' | 'usd'> | undefined> {
  const parsed = await chain.contractVersion(pool).catch(() => undefined)
  if (parsed?.ccip === undefined) return undefined
  const at = { chain: chain.profile.name, token, pool }
  if (parsed.type.startsWith('LockRelease')) {
    const { amount } = await readLiquidity(chain, token, pool, parsed.ccip)
    return { ...at, kind: 'lock-release', amount }
  }
  const supply = await readView<bigint>(chain, 'token', token, 'totalSupply')
  return { ...at, kind: 'burn-mint', amount: supply }
}
