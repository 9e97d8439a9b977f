import { chainOf, type ProfileChain } from '../chain/profile-chain.js'
import type { CcipContext } from '../context.js'
import { candidates } from '../messages/find.js'
import { indexersFor, verifiedIds } from '../messages/indexer.js'
import type { Profile } from '../profiles/profile.js'
import { isFinalState, MessageState } from '../protocol/status.js'
import { readView } from '../tokens/contracts.js'
import { chainRecords, type DigestPlan } from './digest.js'
import { type JoinChain, joinHistory } from './join.js'
import type { HistoryFilter, HistoryMessage } from './types.js'

/** Without --since, real networks are read back this far (local chains from their first block). */
export const DEFAULT_WINDOW_SECONDS = 24 * 3600

export interface HistoryOptions extends HistoryFilter {
  sender?: string
  state?: MessageState
  /** 2.0: ask the lanes' indexers which unexecuted messages are VERIFIED (at most 50 per lane). */
  verify?: boolean
}

/**
 * Every message on the lanes between the profiles (filtered), newest first, with its state, fee,
 * tokens and the times of its phases. Reads each chain's CCIP logs once, through a digest kept
 * under the home (digest.ts), so a second call reads only the new blocks.
 *
 * @example
 * const failed = await messageHistory(ctx, { from: 'alpha', state: 'FAILURE' })
 */
export async function messageHistory(
  ctx: CcipContext,
  options: HistoryOptions = {},
): Promise<HistoryMessage[]> {
  const snapshot = await ctx.profiles()
  candidates(snapshot, options) // an unknown or Router-less --from/--to fails here, as in every command
  // Every chain with a Router, one profile per chain: a lane's two ends are read whatever the filter.
  const withRouter = candidates(snapshot, {}).sources
  const now = Math.floor(Date.now() / 1000)
  const joined = await Promise.all(withRouter.map((p) => readChain(ctx, p, withRouter, options.since, now)))
  const pools = await poolTokens(ctx, withRouter, joined)
  let messages = joinHistory(joined, pools).filter((m) => wanted(m, options))
  if (options.verify === true) messages = await markVerified(withRouter, messages)
  if (options.state !== undefined) messages = messages.filter((m) => m.state === options.state)
  return messages.sort(
    (a, b) => b.sent.timestamp - a.sent.timestamp || b.sent.blockNumber - a.sent.blockNumber,
  )
}

function wanted(m: HistoryMessage, o: HistoryOptions): boolean {
  return (
    (o.from === undefined || m.sourceChain === o.from) &&
    (o.to === undefined || m.destChain === o.to) &&
    (o.since === undefined || m.sent.timestamp >= o.since) &&
    (o.until === undefined || m.sent.timestamp <= o.until) &&
    (o.sender === undefined || m.sender === o.sender.toLowerCase())
  )
}

async function readChain(
  ctx: CcipContext,
  profile: Profile,
  all: Profile[],
  since: number | undefined,
  now: number,
): Promise<JoinChain> {
  const chain = chainOf(profile, ctx.chains)
  const cache = ctx.history
  let reading = cache.reading.get(profile.name)
  if (reading === undefined) {
    reading = chain.guard(
      (async () => {
        const plan = await planOf(
          chain,
          all,
          profile.local ? undefined : (since ?? now - DEFAULT_WINDOW_SECONDS),
        )
        return chainRecords(ctx.home, chain, plan, cache.digests.get(profile.name))
      })(),
    )
    cache.reading.set(profile.name, reading)
    reading.then(
      (r) => cache.digests.set(profile.name, r.digest),
      () => cache.digests.delete(profile.name),
    )
    reading.finally(() => cache.reading.delete(profile.name)).catch(() => {})
  }
  const { records, head } = await reading
  return {
    name: profile.name,
    selector: profile.selector,
    records,
    finalized: await chain.lastFinalBlock(head),
  }
}

/** The chain's OnRamps to, and OffRamps from, every other chain of the set. */
async function planOf(chain: ProfileChain, all: Profile[], since: number | undefined): Promise<DigestPlan> {
  const others = all.filter((p) => p.selector !== chain.profile.selector)
  const [onRamps, offRamps, from] = await Promise.all([
    Promise.all(others.map((p) => chain.onRamp(BigInt(p.selector)))),
    Promise.all(others.map((p) => chain.offRamps(BigInt(p.selector)))),
    since === undefined ? 0 : import('../chain/log-ranges.js').then((m) => m.blockAtOrAfter(chain, since)),
  ])
  return {
    onRamps: [...new Set(onRamps.filter((r): r is string => r !== undefined))],
    offRamps: [...new Set(offRamps.flat())],
    from,
  }
}

/** The token of every 1.6 source pool the sends name (one view each, remembered). */
async function poolTokens(
  ctx: CcipContext,
  profiles: Profile[],
  chains: JoinChain[],
): Promise<Map<string, string>> {
  const known = ctx.history.poolTokens
  const missing = new Set<string>()
  for (const c of chains)
    for (const s of c.records.sends)
      for (const t of s.tokens)
        if (t.pool !== undefined && !known.has(`${c.name}:${t.pool}`)) missing.add(`${c.name}:${t.pool}`)
  await Promise.all(
    [...missing].map(async (key) => {
      const [name, pool] = key.split(':') as [string, string]
      const profile = profiles.find((p) => p.name === name)
      if (profile === undefined) return
      const token = await readView<string>(
        chainOf(profile, ctx.chains),
        'burnMintPool',
        pool,
        'getToken',
        [],
        { value: '' },
      )
      if (token !== '') known.set(key, token.toLowerCase())
    }),
  )
  return known
}

/** VERIFIED for the unexecuted 2.0 messages an indexer has results for (the newest 50 per lane). */
async function markVerified(profiles: Profile[], messages: HistoryMessage[]): Promise<HistoryMessage[]> {
  const byLane = new Map<string, HistoryMessage[]>()
  for (const m of messages) {
    if (m.version !== '2.0' || isFinalState(m.state)) continue
    const key = `${m.sourceChain}>${m.destChain}`
    const lane = byLane.get(key)
    if (lane === undefined) byLane.set(key, [m])
    else lane.push(m)
  }
  const verified = new Set<string>()
  await Promise.all(
    [...byLane.values()].map(async (lane) => {
      const source = profiles.find((p) => p.name === lane[0]?.sourceChain)
      const dest = profiles.find((p) => p.name === lane[0]?.destChain)
      if (source === undefined || dest === undefined) return
      const newest = lane.sort((a, b) => b.sent.timestamp - a.sent.timestamp).slice(0, 50)
      for (const id of await verifiedIds(
        indexersFor(source, dest),
        newest.map((m) => m.messageId),
      ))
        verified.add(id)
    }),
  )
  return messages.map((m) => (verified.has(m.messageId) ? { ...m, state: MessageState.VERIFIED } : m))
}
