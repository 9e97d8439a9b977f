import { chainOf, type ProfileChain } from '../chain/profile-chain.js'
import type { CcipContext } from '../context.js'
import { candidates } from '../messages/find.js'
import { indexersFor, verifiedIds } from '../messages/indexer.js'
import type { Profile } from '../profiles/profile.js'
import { isFinalState, MessageState } from '../protocol/status.js'
import { readView } from '../tokens/contracts.js'
import { hashAt } from './columns.js'
import { chainRecords, type DigestPlan } from './digest.js'
import { type HistoryTable, type JoinChain, joinHistory } from './join.js'
import { messageAt, newestFirst, selectRows, sentAt } from './rows.js'
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
 * tokens and the times of its phases (the newest `limit` when given). Reads each chain's CCIP logs
 * once, through a digest kept under the home (digest.ts), so a second call reads only the new
 * blocks.
 *
 * @example
 * const failed = await messageHistory(ctx, { from: 'alpha', state: 'FAILURE' })
 */
export async function messageHistory(
  ctx: CcipContext,
  options: HistoryOptions & { limit?: number } = {},
): Promise<HistoryMessage[]> {
  const { table, rows } = await historyTable(ctx, options)
  const newest = newestFirst(table, rows)
  const wanted = options.limit === undefined ? newest : newest.subarray(0, options.limit)
  return Array.from(wanted, (k) => messageAt(table, k))
}

/**
 * The history as a table (join.ts) and the rows the options keep, in no particular order: what
 * `ccip stats` adds up without an object per message.
 */
export async function historyTable(
  ctx: CcipContext,
  options: HistoryOptions = {},
): Promise<{ table: HistoryTable; rows: Int32Array }> {
  const snapshot = await ctx.profiles()
  candidates(snapshot, options) // an unknown or Router-less --from/--to fails here, as in every command
  // Every chain with a Router, one profile per chain: a lane's two ends are read whatever the filter.
  const withRouter = candidates(snapshot, {}).sources
  const now = Math.floor(Date.now() / 1000)
  const joined = await Promise.all(withRouter.map((p) => readChain(ctx, p, withRouter, options.since, now)))
  const pools = await poolTokens(ctx, withRouter, joined)
  const table = joinHistory(joined, pools)
  let rows = selectRows(table, {
    ...options,
    ...(options.sender === undefined ? {} : { sender: options.sender.toLowerCase() }),
  })
  if (options.verify === true) await markVerified(withRouter, table, rows)
  if (options.state !== undefined) rows = rows.filter((k) => table.state[k] === options.state)
  return { table, rows }
}

/**
 * Every local chain's digest brought up to date (reads only the blocks since each digest), nothing
 * joined: what the local stack's node process does every few seconds (nodes/history-worker.ts).
 */
export async function keepHistory(ctx: CcipContext): Promise<void> {
  const routed = candidates(await ctx.profiles(), {}).sources
  const now = Math.floor(Date.now() / 1000)
  await Promise.all(routed.filter((p) => p.local).map((p) => readChain(ctx, p, routed, undefined, now)))
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
  for (const { name, records } of chains) {
    const { strings, sends } = records
    let transfer = 0
    for (let i = 0; i < sends.b.length; i++) {
      const count = sends.transfers[i]!
      // 1.6 transfers name their source pool; 2.0 ones their token.
      if (sends.v2[i] === 0)
        for (let t = transfer; t < transfer + count; t++) {
          const key = `${name}:${strings[sends.transferRef[t]!]}`
          if (!known.has(key)) missing.add(key)
        }
      transfer += count
    }
  }
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

/** VERIFIED for the unexecuted 2.0 rows an indexer has results for (the newest 50 per lane). */
async function markVerified(profiles: Profile[], table: HistoryTable, rows: Int32Array): Promise<void> {
  const byLane = new Map<string, number[]>()
  for (const k of rows) {
    const { sends } = table.chains[table.source[k]!]!.records
    if (sends.v2[table.send[k]!] !== 1 || isFinalState(table.state[k]!)) continue
    const key = `${table.source[k]}>${table.dest[k]}`
    const lane = byLane.get(key)
    if (lane === undefined) byLane.set(key, [k])
    else lane.push(k)
  }
  await Promise.all(
    [...byLane.values()].map(async (lane) => {
      const first = lane[0]!
      const source = profiles.find((p) => p.name === table.chains[table.source[first]!]!.name)
      const dest = profiles.find((p) => p.name === table.chains[table.dest[first]!]!.name)
      if (source === undefined || dest === undefined) return
      const newest = lane.sort((a, b) => sentAt(table, b) - sentAt(table, a)).slice(0, 50)
      const idOf = new Map(
        newest.map((k) => [hashAt(table.chains[table.source[k]!]!.records.sends.id, table.send[k]!), k]),
      )
      for (const id of await verifiedIds(indexersFor(source, dest), [...idOf.keys()])) {
        const k = idOf.get(id)
        if (k !== undefined) table.state[k] = MessageState.VERIFIED
      }
    }),
  )
}
