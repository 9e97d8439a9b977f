import type { RawLog } from '../chain/chain.js'
import { scanBackward, searchChain } from '../chain/log-ranges.js'
import { type ChainPool, chainOf, type ProfileChain } from '../chain/profile-chain.js'
import { CcipError, ErrorCode, ExitCode } from '../errors.js'
import type { Profile } from '../profiles/profile.js'
import type { ProfileSnapshot } from '../profiles/read.js'
import {
  EVENT_TOPICS,
  executionWords,
  sentHeader,
  sentMessageId,
  uintTopic,
} from '../protocol/event-words.js'
import type { CcipVersion } from '../protocol/lane-version.js'
import type { RampMessageHeader } from '../protocol/types.js'
import { EVENT_TOPICS_V2 } from '../protocol/v2/events.js'
import type { SentV2 } from '../protocol/v2/sent-event.js'
import { findSentV2, locateExecutedV2 } from './find-v2.js'

/**
 * Locate a message from its id alone, on chain data only (no indexer):
 * 1. ask every candidate destination for ExecutionStateChanged with topic3 = id: the id is
 *    indexed, so this is cheap over the whole chain (a node that caps getLogs ranges is searched
 *    newest-first instead), and a hit names source and sequence (the emitter is then checked to
 *    be one of the Router's OffRamps for that source);
 * 2. then one targeted CCIPMessageSent query (destSelector and sequenceNumber are indexed);
 * 3. a message never executed is found by scanning the source OnRamps newest-first, matching the
 *    id at its fixed place in the log data without decoding.
 */
export interface LocatedMessage {
  /** The lane's version, as the events that located the message tell it. */
  version: CcipVersion
  source: ProfileChain
  dest: ProfileChain
  onRamp: string
  /** The destination OffRamps that accept messages from this source (usually one). */
  offRamps: string[]
  sent: RawLog
  /** 1.6: the sequence number and the sender's nonce; 2.0: the message number and nonce 0. */
  header: RampMessageHeader
  /** 2.0: the send decoded (the MessageV1 that execute takes, its CCVs and executor). */
  sentV2?: SentV2
  /** Every ExecutionStateChanged of the message, when step 1 read them over the full range. */
  executions?: RawLog[]
}

export interface LocateOptions {
  from?: string
  to?: string
  /** The lane (and block) of the send, when the caller knows it: skips the search. */
  hint?: { sourceChain: string; destChain: string; blockNumber?: number }
  /** Chains to reuse (their caches) across calls; default: new ones for this call. */
  readers?: ChainPool
}

/** Sends are heavy logs: start with a small window, recent messages are the common case. */
const SEND_SCAN = { window: 2_000, maxWindow: 50_000 } as const

/**
 * Find the send of `messageId` on the candidate lanes; undefined when no chain has it.
 *
 * @example
 * const located = await locateMessage(await readProfiles(home), id, { from: 'alpha' })
 */
export async function locateMessage(
  profiles: ProfileSnapshot,
  messageId: string,
  opts: LocateOptions = {},
): Promise<LocatedMessage | undefined> {
  const id = messageId.toLowerCase()
  const pool = opts.readers ?? new Map()
  if (opts.hint !== undefined) {
    const source = withRouter(profiles.require(opts.hint.sourceChain))
    const dest = withRouter(profiles.require(opts.hint.destChain))
    // A wrong block in the hint costs one query, then the lane is scanned as usual.
    const atBlock = opts.hint.blockNumber
    return (
      (await findSentV2(pool, [source], [dest], id)) ??
      (atBlock === undefined ? undefined : await findSent(pool, [source], [dest], id, atBlock)) ??
      (await findSent(pool, [source], [dest], id))
    )
  }
  const { sources, dests } = candidates(profiles, opts)
  return (
    (await findExecuted(pool, sources, dests, id)) ??
    (await findSentV2(pool, sources, dests, id)) ??
    (await findSent(pool, sources, dests, id))
  )
}

/** The chains to search: --from/--to when given (they must have a Router), else every profile with one. */
export function candidates(
  profiles: ProfileSnapshot,
  opts: { from?: string; to?: string },
): { sources: Profile[]; dests: Profile[] } {
  const routed = uniqueBySelector(profiles.profiles.filter((p) => p.router !== undefined))
  const pick = (name: string | undefined) =>
    name === undefined ? routed : [withRouter(profiles.require(name))]
  return { sources: pick(opts.from), dests: pick(opts.to) }
}

function withRouter(profile: Profile): Profile {
  if (profile.router !== undefined) return profile
  throw new CcipError(ErrorCode.Usage, `The chain profile '${profile.name}' has no CCIP Router`, {
    hint: `re-add it with --router: ccip chains remove ${profile.name} && ccip chains add ${profile.name} --rpc-url … --router 0x…`,
    exitCode: ExitCode.Usage,
  })
}

/** Two profiles of one chain would only repeat the same queries. */
function uniqueBySelector(profiles: Profile[]): Profile[] {
  const seen = new Set<string>()
  return profiles.filter((p) => !seen.has(p.selector) && seen.add(p.selector) !== undefined)
}

async function findExecuted(
  pool: ChainPool,
  sources: Profile[],
  dests: Profile[],
  id: string,
): Promise<LocatedMessage | undefined> {
  const hit = await firstFound(
    dests.map(async (destProfile) => {
      const dest = chainOf(destProfile, pool)
      const sourceSelectors = sources
        .filter((s) => s.selector !== destProfile.selector)
        .map((s) => uintTopic(BigInt(s.selector)))
      if (sourceSelectors.length === 0) return undefined
      // No address filter: asking the Router for the OffRamps first would cost a round trip.
      // The emitter is checked against the Router's OffRamps below, beside the next read.
      // Both versions' ExecutionStateChanged index source, sequence (or message number) and id alike.
      const { logs, complete } = await searchChain(dest, {
        topics: [
          [EVENT_TOPICS.executionStateChanged, EVENT_TOPICS_V2.executionStateChanged],
          sourceSelectors,
          null,
          id,
        ],
      })
      return logs.length === 0 ? undefined : { dest, logs, complete }
    }),
  )
  const first = hit?.logs[0]
  if (hit === undefined || first === undefined) return undefined
  if (first.topics[0]?.toLowerCase() === EVENT_TOPICS_V2.executionStateChanged) {
    const sourceProfile = sources.find(
      (s) => uintTopic(BigInt(s.selector)) === first.topics[1]?.toLowerCase(),
    )
    if (sourceProfile === undefined) return undefined
    const v2 = hit.logs.filter((l) => l.topics[0]?.toLowerCase() === EVENT_TOPICS_V2.executionStateChanged)
    return locateExecutedV2(chainOf(sourceProfile, pool), hit.dest, v2, id, hit.complete)
  }
  const { sourceChainSelector, sequenceNumber } = executionWords(first)
  const sourceProfile = sources.find((s) => BigInt(s.selector) === sourceChainSelector)
  if (sourceProfile === undefined) return undefined
  const source = chainOf(sourceProfile, pool)
  // destSelector and sequenceNumber are indexed: one cheap query, the OnRamp checked on the result.
  const [onRamp, candidates, offRamps] = await Promise.all([
    source.onRamp(hit.dest.selector),
    searchChain(source, {
      topics: [EVENT_TOPICS.ccipMessageSent, uintTopic(hit.dest.selector), uintTopic(sequenceNumber)],
    }).then((found) => found.logs),
    hit.dest.offRamps(sourceChainSelector),
  ])
  const sent = candidates.find((l) => l.address === onRamp && sentMessageId(l.data) === id)
  const executions = hit.logs.filter((l) => offRamps.includes(l.address))
  // Not from a real OffRamp of the lane (a contract can emit any event): search the sources.
  if (onRamp === undefined || sent === undefined || executions.length === 0) return undefined
  // A search cut short by a capped node may have missed older attempts: those are then read
  // from the send's time on (see executionLogs).
  return {
    version: '1.6',
    source,
    dest: hit.dest,
    onRamp,
    offRamps,
    sent,
    header: sentHeader(sent),
    ...(hit.complete ? { executions } : {}),
  }
}

/**
 * The first search that finds something, without waiting for slower chains. A chain that fails
 * only matters when no other one has the answer: then its error is the result.
 */
async function firstFound<T>(searches: Promise<T | undefined>[]): Promise<T | undefined> {
  const errors: unknown[] = []
  return new Promise<T | undefined>((resolve, reject) => {
    let pending = searches.length
    const settle = () => {
      pending -= 1
      if (pending > 0) return
      if (errors.length > 0) reject(errors[0])
      else resolve(undefined)
    }
    if (pending === 0) resolve(undefined)
    for (const search of searches) {
      search.then(
        (found) => (found === undefined ? settle() : resolve(found)),
        (error: unknown) => {
          errors.push(error)
          settle()
        },
      )
    }
  })
}

/** Newest-first scan of the source OnRamps (all candidate sources at once; the first hit wins). */
async function findSent(
  pool: ChainPool,
  sources: Profile[],
  dests: Profile[],
  id: string,
  atBlock?: number,
): Promise<LocatedMessage | undefined> {
  let found = false
  const results = await Promise.all(
    sources.map(async (sourceProfile) => {
      const source = chainOf(sourceProfile, pool)
      const lanes = dests.filter((d) => d.selector !== sourceProfile.selector)
      const onRamps = (await Promise.all(lanes.map((d) => source.onRamp(BigInt(d.selector))))).filter(
        (r): r is string => r !== undefined,
      )
      if (onRamps.length === 0) return undefined
      const query = {
        address: [...new Set(onRamps)],
        topics: [EVENT_TOPICS.ccipMessageSent, lanes.map((d) => uintTopic(BigInt(d.selector)))],
      }
      const match = (l: RawLog) => sentMessageId(l.data) === id
      const sent =
        atBlock === undefined
          ? await scanBackward(source, query, await source.head(), match, { ...SEND_SCAN, stop: () => found })
          : (await source.logs({ ...query, fromBlock: atBlock, toBlock: atBlock })).find(match)
      if (sent !== undefined) found = true
      return sent === undefined ? undefined : { source, sent }
    }),
  )
  const hit = results.find((r) => r !== undefined)
  if (hit === undefined) return undefined
  const header = sentHeader(hit.sent)
  const destProfile = dests.find((d) => BigInt(d.selector) === header.destChainSelector)
  if (destProfile === undefined) return undefined
  const dest = chainOf(destProfile, pool)
  const offRamps = await dest.offRamps(hit.source.selector)
  return {
    version: '1.6',
    source: hit.source,
    dest,
    onRamp: hit.sent.address,
    offRamps,
    sent: hit.sent,
    header,
  }
}
