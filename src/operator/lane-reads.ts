import type { RawLog } from '../chain/chain.js'
import type { ProfileChain } from '../chain/profile-chain.js'
import { EVENT_TOPICS, executionWords, uintTopic } from '../protocol/event-words.js'
import { laneSubject } from '../protocol/rmn-subjects.js'
import { EVENT_TOPICS_V2, executionWordsV2, isExecutionV2 } from '../protocol/v2/events.js'
import { destChainConfigV2, expectedNextMessageNumber } from '../protocol/v2/view-calls.js'
import {
  expectedNextSequenceNumber,
  getOffRamps,
  getOnRamp,
  getRemoteToken,
  isCursed,
  isSupportedChain,
  offRampStaticConfig,
  onRampStaticConfig,
  type RampStatic,
  sourceChainEnabled,
} from '../protocol/view-calls.js'
import type { LaneTokenLimits } from './lanes.js'
import { type PoolToken, readBucket, registryTokens } from './pools.js'

/**
 * The reads behind one lane of `ccip lanes list`, each a promise started as soon as what it needs
 * is known, so all lanes' reads of one round go out together. Chain-level reads (ramps, static
 * configs, registry tokens) go through `once`, a per-run memo shared by all lanes.
 */

export type Once = <T>(key: string, work: () => Promise<T>) => Promise<T>

/** RMN subjects: a lane is `bytes16(uint128(remoteSelector))`; the global subject curses all. */
const SUCCESS = 2
const FAILURE = 3

const orNull = <A, B>(p: Promise<A | null>, f: (a: A) => Promise<B>): Promise<B | null> =>
  p.then((a) => (a === null ? null : f(a)))

export function sourceSide(s: ProfileChain, dest: bigint, once: Once) {
  const onRamp = once(`${s.profile.name}:onRamp:${dest}`, () => s.view(s.router, getOnRamp(dest)))
  // 1.6 and 2.0 StaticConfigs keep rmnRemote and the registry in the same words: one reader.
  const config = orNull(onRamp, (r) =>
    once(`${s.profile.name}:static:${r}`, () => s.view(r, onRampStaticConfig)),
  )
  const version = orNull(onRamp, (r) => s.contractVersion(r).then((v) => v.ccip ?? null))
  const v2 = Promise.all([onRamp, version]).then(([r, v]) => (r !== null && v === '2.0' ? r : null))
  return {
    onRamp,
    version,
    nextSeq: orNull(onRamp, async (r) =>
      s.view(
        r,
        (await version) === '2.0' ? expectedNextMessageNumber(dest) : expectedNextSequenceNumber(dest),
      ),
    ),
    defaults: orNull(v2, (r) => s.view(r, destChainConfigV2(dest))),
    cursed: cursedBy(s, config, dest),
    registry: config.then((c) => c?.tokenAdminRegistry ?? null),
  }
}

export function destSide(d: ProfileChain, source: bigint, once: Once) {
  const offRamp = once(`${d.profile.name}:offRamps`, async () => {
    const all = await d.view(d.router, getOffRamps)
    return new Map(all.map((o) => [o.sourceChainSelector, o.offRamp]))
  }).then((all) => all.get(source) ?? null)
  const config = orNull(offRamp, (r) =>
    once(`${d.profile.name}:static:${r}`, () => d.view(r, offRampStaticConfig)),
  )
  return {
    offRamp,
    enabled: orNull(offRamp, (r) => d.view(r, sourceChainEnabled(source))).then((e) => e === true),
    executed: orNull(offRamp, (r) => executedCount(d, r, source)),
    cursed: cursedBy(d, config, source),
    registry: config.then((c) => c?.tokenAdminRegistry ?? null),
  }
}

/** RMNRemote.isCursed(subject) is true for the lane subject or the global one. */
const cursedBy = (
  chain: ProfileChain,
  config: Promise<RampStatic | null>,
  remote: bigint,
): Promise<boolean> =>
  config.then((c) => c !== null && chain.view(c.rmnRemote, isCursed(laneSubject(remote))))

/**
 * Distinct sequence numbers from `source` that reached a final state on this OffRamp, from its
 * ExecutionStateChanged logs (topic1 = source selector). A node that refuses the whole-history
 * query yields null, not a wrong count.
 */
async function executedCount(chain: ProfileChain, offRamp: string, source: bigint): Promise<bigint | null> {
  let logs: RawLog[]
  try {
    logs = await chain.logs({
      address: offRamp,
      topics: [
        [EVENT_TOPICS.executionStateChanged, EVENT_TOPICS_V2.executionStateChanged],
        uintTopic(source),
      ],
      fromBlock: 0,
    })
  } catch {
    // Public nodes cap log queries (block range, result count): unknown, not a dead chain. A node
    // that is really down fails the lane's other reads.
    return null
  }
  const done = new Set<bigint>()
  for (const log of logs) {
    const { state, sequence } = stateAndSequence(log)
    if (state === SUCCESS || state === FAILURE) done.add(sequence)
  }
  return BigInt(done.size)
}

/** 2.0 numbers messages per lane where 1.6 sequences them (topic2); each keeps the state in its own word. */
function stateAndSequence(log: RawLog): { state: number; sequence: bigint } {
  if (isExecutionV2(log)) {
    const e = executionWordsV2(log)
    return { state: e.state, sequence: e.messageNumber }
  }
  const e = executionWords(log)
  return { state: e.state, sequence: e.sequenceNumber }
}

/** Per token of the source registry whose pool serves `d`: outbound there, inbound on `d`. */
export async function laneTokens(
  s: ProfileChain,
  d: ProfileChain,
  sourceRegistry: Promise<string | null>,
  destRegistry: Promise<string | null>,
  once: Once,
): Promise<LaneTokenLimits[]> {
  const tokensOf = (chain: ProfileChain, registry: Promise<string | null>) =>
    chain.guard(
      orNull(registry, (r) => once(`${chain.profile.name}:tokens:${r}`, () => registryTokens(chain, r))),
    )
  const [sourceTokens, destTokens] = [tokensOf(s, sourceRegistry), tokensOf(d, destRegistry)]
  // Awaited later (per token); marked handled now so an early failure is not an unhandled rejection.
  destTokens.catch(() => undefined)
  const limits = await Promise.all(((await sourceTokens) ?? []).map((t) => tokenLimits(s, d, t, destTokens)))
  return limits.filter((l): l is LaneTokenLimits => l !== undefined)
}

async function tokenLimits(
  s: ProfileChain,
  d: ProfileChain,
  token: PoolToken,
  destTokens: Promise<PoolToken[] | null>,
): Promise<LaneTokenLimits | undefined> {
  // All three at once: a pool answers the bucket getters for any selector (zeros when unknown).
  const [supported, outbound, remoteToken] = await s.guard(
    Promise.all([
      s.view(token.pool, isSupportedChain(d.selector)),
      readBucket(s, token.pool, 'outbound', d.selector),
      s.view(token.pool, getRemoteToken(d.selector)).then(decodeAddress),
    ]),
  )
  if (!supported) return undefined
  const destPool = (await destTokens)?.find((t) => t.address.toLowerCase() === remoteToken)?.pool
  const inbound =
    destPool === undefined ? null : await d.guard(readBucket(d, destPool, 'inbound', s.selector))
  return { symbol: token.symbol, decimals: token.decimals, outbound, inbound }
}

/** A remote token is ABI-encoded bytes; EVM chains hold a 32-byte left-padded address. */
function decodeAddress(bytes: string): string | undefined {
  const hex = bytes.toLowerCase()
  return /^0x0{24}[0-9a-f]{40}$/.test(hex) ? `0x${hex.slice(26)}` : undefined
}
