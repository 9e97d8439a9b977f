import { type JsonRpcProvider, toBeHex, ZeroAddress, zeroPadValue } from 'ethers'
import type { ChainHandle } from '../chain/connect.js'
import type { LaneTokenLimits } from './lanes.js'
import { type PoolToken, readBucket, registryTokens } from './pools.js'
import { onChain, read, send } from './reads.js'

/**
 * The reads behind one lane of `ccip lanes list`, each a promise started as soon as what it needs
 * is known, so all lanes' reads of one round go out together. Chain-level reads (ramps, static
 * configs, registry tokens) go through `once`, a per-run memo shared by all lanes.
 */

export type Once = <T>(key: string, work: () => Promise<T>) => Promise<T>

interface RampStatic {
  rmnRemote: string
  tokenAdminRegistry: string
}

/** RMN subjects: a lane is `bytes16(uint128(remoteSelector))`; the global subject curses all. */
export const laneSubject = (selector: bigint): string => zeroPadValue(toBeHex(selector), 16)
const selectorTopic = (selector: bigint): string => zeroPadValue(toBeHex(selector), 32)
/**
 * keccak256('ExecutionStateChanged(uint64,uint64,bytes32,bytes32,uint8,bytes,uint256)'), written
 * out: hashing it at import costs ~30 ms of cold keccak on a command meant to be quick, and
 * chain/events.ts would build the full OnRamp and OffRamp interfaces (a unit test checks it).
 */
export const EXECUTION_STATE_CHANGED = '0x05665fe9ad095383d018353f4cbcba77e84db27dd215081bbf7cdf9ae6fbe48b'
const SUCCESS = 2
const FAILURE = 3

const orNull = <A, B>(p: Promise<A | null>, f: (a: A) => Promise<B>): Promise<B | null> =>
  p.then((a) => (a === null ? null : f(a)))

export function sourceSide(s: ChainHandle, dest: bigint, once: Once) {
  const onRamp = once(`${s.profile.name}:onRamp:${dest}`, async () => {
    const found = String(await read(s.provider, s.router, 'router', 'getOnRamp', dest))
    return found === ZeroAddress ? null : found
  })
  // CAST: OnRamp 1.6 StaticConfig.
  const config = orNull(onRamp, (r) =>
    once(`${s.profile.name}:static:${r}`, () => read(s.provider, r, 'onRamp', 'getStaticConfig')),
  ) as Promise<RampStatic | null>
  return {
    onRamp,
    // CAST: uint64.
    nextSeq: orNull(onRamp, (r) =>
      read(s.provider, r, 'onRamp', 'getExpectedNextSequenceNumber', dest),
    ) as Promise<bigint | null>,
    cursed: config.then((c) => c !== null && isCursed(s.provider, c.rmnRemote, dest)),
    registry: config.then((c) => c?.tokenAdminRegistry ?? null),
  }
}

export function destSide(d: ChainHandle, source: bigint, once: Once) {
  const offRamp = once(`${d.profile.name}:offRamps`, async () => {
    // CAST: Router.getOffRamps returns OffRamp{sourceChainSelector, offRamp}[].
    const all = (await read(d.provider, d.router, 'router', 'getOffRamps')) as {
      sourceChainSelector: bigint
      offRamp: string
    }[]
    return new Map(all.map((o) => [o.sourceChainSelector, o.offRamp]))
  }).then((all) => all.get(source) ?? null)
  // CAST: OffRamp 1.6 StaticConfig.
  const config = orNull(offRamp, (r) =>
    once(`${d.profile.name}:static:${r}`, () => read(d.provider, r, 'offRamp', 'getStaticConfig')),
  ) as Promise<RampStatic | null>
  // CAST: OffRamp 1.6 SourceChainConfig.
  const sourceConfig = orNull(offRamp, (r) =>
    read(d.provider, r, 'offRamp', 'getSourceChainConfig', source),
  ) as Promise<{
    isEnabled: boolean
  } | null>
  return {
    offRamp,
    enabled: sourceConfig.then((c) => c?.isEnabled === true),
    executed: orNull(offRamp, (r) => executedCount(d.provider, r, source)),
    cursed: config.then((c) => c !== null && isCursed(d.provider, c.rmnRemote, source)),
    registry: config.then((c) => c?.tokenAdminRegistry ?? null),
  }
}

/** RMNRemote.isCursed(subject) is true for the lane subject or the global one. */
async function isCursed(provider: JsonRpcProvider, rmnRemote: string, remote: bigint): Promise<boolean> {
  return Boolean(await read(provider, rmnRemote, 'rmn', 'isCursed(bytes16)', laneSubject(remote)))
}

/**
 * Distinct sequence numbers from `source` that reached a final state on this OffRamp, from its
 * ExecutionStateChanged logs (topic1 = source selector; state is the second data word, read
 * without decoding). A node that refuses the whole-history query yields null, not a wrong count.
 */
async function executedCount(
  provider: JsonRpcProvider,
  offRamp: string,
  source: bigint,
): Promise<bigint | null> {
  let logs: { topics: string[]; data: string }[]
  try {
    const filter = {
      address: offRamp,
      topics: [EXECUTION_STATE_CHANGED, selectorTopic(source)],
      fromBlock: '0x0',
    }
    // CAST: eth_getLogs returns RPC log objects; only topics and data are read.
    logs = (await send(provider, 'eth_getLogs', [{ ...filter, toBlock: 'latest' }])) as typeof logs
  } catch {
    // Public nodes cap log queries (block range, result count): unknown, not a dead chain. A node
    // that is really down fails the lane's other reads.
    return null
  }
  const done = new Set<string>()
  for (const log of logs) {
    const state = Number.parseInt(log.data.slice(2 + 64, 2 + 128), 16)
    const seq = log.topics[2]
    if ((state === SUCCESS || state === FAILURE) && seq !== undefined) done.add(seq)
  }
  return BigInt(done.size)
}

/** Per token of the source registry whose pool serves `d`: outbound there, inbound on `d`. */
export async function laneTokens(
  s: ChainHandle,
  d: ChainHandle,
  sourceRegistry: Promise<string | null>,
  destRegistry: Promise<string | null>,
  once: Once,
): Promise<LaneTokenLimits[]> {
  const tokensOf = (chain: ChainHandle, registry: Promise<string | null>) =>
    onChain(
      chain,
      orNull(registry, (r) =>
        once(`${chain.profile.name}:tokens:${r}`, () => registryTokens(chain.provider, r)),
      ),
    )
  const [sourceTokens, destTokens] = [tokensOf(s, sourceRegistry), tokensOf(d, destRegistry)]
  // Awaited later (per token); marked handled now so an early failure is not an unhandled rejection.
  destTokens.catch(() => undefined)
  const limits = await Promise.all(((await sourceTokens) ?? []).map((t) => tokenLimits(s, d, t, destTokens)))
  return limits.filter((l): l is LaneTokenLimits => l !== undefined)
}

async function tokenLimits(
  s: ChainHandle,
  d: ChainHandle,
  token: PoolToken,
  destTokens: Promise<PoolToken[] | null>,
): Promise<LaneTokenLimits | undefined> {
  // All three at once: a pool answers the bucket getters for any selector (zeros when unknown).
  const [supported, outbound, remoteToken] = await onChain(
    s,
    Promise.all([
      read(s.provider, token.pool, 'pool', 'isSupportedChain', d.selector),
      readBucket(s.provider, token.pool, 'outbound', d.selector),
      read(s.provider, token.pool, 'pool', 'getRemoteToken', d.selector).then(decodeAddress),
    ]),
  )
  if (supported !== true) return undefined
  const destPool = (await destTokens)?.find((t) => t.address.toLowerCase() === remoteToken)?.pool
  const inbound =
    destPool === undefined ? null : await onChain(d, readBucket(d.provider, destPool, 'inbound', s.selector))
  return { symbol: token.symbol, decimals: token.decimals, outbound, inbound }
}

/** A remote token is ABI-encoded bytes; EVM chains hold a 32-byte left-padded address. */
function decodeAddress(value: unknown): string | undefined {
  const hex = String(value).toLowerCase()
  return /^0x0{24}[0-9a-f]{40}$/.test(hex) ? `0x${hex.slice(26)}` : undefined
}
