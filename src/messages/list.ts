import { byChainOrder, type RawLog } from '../chain/chain.js'
import { blockAtOrAfter, logsInRange, pagesBackward } from '../chain/log-ranges.js'
import { type ChainPool, chainOf, type ProfileChain } from '../chain/profile-chain.js'
import type { CcipContext } from '../context.js'
import type { Profile } from '../profiles/profile.js'
import { onRampBytes } from '../protocol/abi-words.js'
import { coveringRoot, EVENT_TOPICS, executionWords, sentHeader, uintTopic } from '../protocol/event-words.js'
import type { CcipVersion } from '../protocol/lane-version.js'
import { deriveStatus, type MessageEvidence, type MessageState } from '../protocol/status.js'
import type { ExecutionState } from '../protocol/types.js'
import {
  EVENT_TOPICS_V2,
  executionWordsV2,
  isExecutionV2,
  isSentLogV2,
  sentHeaderV2,
} from '../protocol/v2/events.js'
import { candidates } from './find.js'
import { indexersFor, verifiedIds } from './indexer.js'

/** A send's header, from either version's event. */
const headerOf = (log: RawLog) => (isSentLogV2(log) ? sentHeaderV2(log) : sentHeader(log))

/** One row of `ccip messages list`. */
export interface MessageRow {
  messageId: string
  /** The lane's CCIP version, as its send event tells. */
  version: CcipVersion
  sourceChain: string
  destChain: string
  sequenceNumber: bigint
  nonce: bigint
  state: MessageState
  txHash: string
  /** Unix seconds of the send's block. */
  timestamp: number
}

export interface ListOptions {
  from?: string
  to?: string
  state?: MessageState
  limit: number
}

/**
 * Sends are checked in chunks (the chunk is also the messageId OR-list of one getLogs): as many
 * as still wanted, at most 100; with a state filter, chunks of 250 until enough match.
 */
const CHUNK = 100
const FILTERED_CHUNK = 250
const CLOCK_MARGIN_SECONDS = 120

/**
 * The newest messages across the profiles' lanes, newest first, each with its state. Evidence is
 * read in batches: per source one getLogs per window of sends, per destination one getLogs for
 * the executions of a whole chunk and one for the commits since its oldest send.
 *
 * @example
 * const rows = await listMessages(ctx, { from: 'alpha', state: 'FAILURE', limit: 20 })
 */
export async function listMessages(ctx: CcipContext, opts: ListOptions): Promise<MessageRow[]> {
  const { sources, dests } = candidates(await ctx.profiles(), opts)
  const pool = ctx.chains
  const perSource = await Promise.all(sources.map((s) => listFromSource(pool, s, dests, opts)))
  return perSource
    .flat()
    .sort((a, b) => b.timestamp - a.timestamp || Number(b.sequenceNumber - a.sequenceNumber))
    .slice(0, opts.limit)
}

async function listFromSource(
  pool: ChainPool,
  sourceProfile: Profile,
  destProfiles: Profile[],
  opts: ListOptions,
): Promise<MessageRow[]> {
  const source = chainOf(sourceProfile, pool)
  const dests = destProfiles.filter((d) => d.selector !== sourceProfile.selector)
  const onRamps = (await Promise.all(dests.map((d) => source.onRamp(BigInt(d.selector))))).filter(
    (r): r is string => r !== undefined,
  )
  if (onRamps.length === 0) return []
  const head = await source.head()
  const finalized = await source.lastFinalBlock(head)
  // Both versions' CCIPMessageSent index the destination first.
  const query = {
    address: [...new Set(onRamps)],
    topics: [
      [EVENT_TOPICS.ccipMessageSent, EVENT_TOPICS_V2.ccipMessageSent],
      dests.map((d) => uintTopic(BigInt(d.selector))),
    ],
  }
  const rows: MessageRow[] = []
  const pages = pagesBackward(source, query, head, {
    window: 2_000,
    maxWindow: 50_000,
    stop: () => rows.length >= opts.limit,
  })
  for await (const page of pages) {
    const logs = page.sort(byChainOrder).reverse()
    for (let i = 0; i < logs.length && rows.length < opts.limit; ) {
      const size = opts.state === undefined ? Math.min(CHUNK, opts.limit - rows.length) : FILTERED_CHUNK
      const chunk = logs.slice(i, i + size)
      i += size
      rows.push(...(await rowsOf(pool, source, dests, chunk, finalized, opts.state)))
    }
  }
  return rows.slice(0, opts.limit)
}

/** States of a chunk of sends from one source, with one query per destination and event. */
async function rowsOf(
  pool: ChainPool,
  source: ProfileChain,
  dests: Profile[],
  sends: RawLog[],
  finalized: number,
  wanted: MessageState | undefined,
): Promise<MessageRow[]> {
  const byDest = new Map<bigint, RawLog[]>()
  for (const log of sends) {
    const dest = headerOf(log).destChainSelector
    byDest.set(dest, [...(byDest.get(dest) ?? []), log])
  }
  const groups = await Promise.all(
    [...byDest].map(async ([selector, logs]) => {
      const destProfile = dests.find((d) => BigInt(d.selector) === selector)
      if (destProfile === undefined) return []
      const evidence = await destEvidence(source, chainOf(destProfile, pool), logs)
      const placeholder = { txHash: null, blockNumber: 0, timestamp: 0 }
      const states = logs.map(
        (log) =>
          deriveStatus({
            sent: placeholder,
            ...(log.blockNumber <= finalized ? { finalized: placeholder } : {}),
            ...evidence(log),
          }).state,
      )
      // Block times only for the rows kept: a state filter may drop most of a chunk.
      return Promise.all(
        logs.flatMap((log, i) => {
          const state = states[i]
          if (state === undefined || (wanted !== undefined && state !== wanted)) return []
          return [row(source, destProfile, log, state)]
        }),
      )
    }),
  )
  return groups.flat()
}

async function row(
  source: ProfileChain,
  dest: Profile,
  log: RawLog,
  state: MessageState,
): Promise<MessageRow> {
  const header = headerOf(log)
  return {
    messageId: header.messageId,
    version: isSentLogV2(log) ? '2.0' : '1.6',
    sourceChain: source.profile.name,
    destChain: dest.name,
    sequenceNumber: header.sequenceNumber,
    nonce: header.nonce,
    state,
    txHash: log.transactionHash,
    timestamp: await source.timestamp(log.blockNumber),
  }
}

type DestEvidence = (log: RawLog) => Pick<MessageEvidence, 'commit' | 'executions'>

/**
 * Executions (by id) of a group of sends on one destination, then the commits only for the ones
 * not executed (an execution decides the state alone): those are the recent ones, so the commit
 * range stays short however deep the list goes.
 */
async function destEvidence(
  source: ProfileChain,
  dest: ProfileChain,
  sends: RawLog[],
): Promise<DestEvidence> {
  const offRamps = await dest.offRamps(source.selector)
  if (offRamps.length === 0) return () => ({ executions: [] })
  const since = async (logs: RawLog[]) => {
    const oldest = Math.min(...logs.map((l) => l.blockNumber))
    return blockAtOrAfter(dest, (await source.timestamp(oldest)) - CLOCK_MARGIN_SECONDS)
  }
  const idOf = (l: RawLog) => headerOf(l).messageId
  const executions = await logsInRange(
    dest,
    {
      address: offRamps,
      topics: [
        [EVENT_TOPICS.executionStateChanged, EVENT_TOPICS_V2.executionStateChanged],
        uintTopic(source.selector),
        null,
        sends.map(idOf),
      ],
    },
    await since(sends),
  )
  const executed = new Set(executions.map((e) => e.topics[3]?.toLowerCase()))
  // Only 1.6 messages are committed: a 2.0 one is verified off chain (below).
  const pending = sends.filter((l) => !executed.has(idOf(l)) && !isSentLogV2(l))
  const commits =
    pending.length === 0
      ? []
      : await logsInRange(
          dest,
          { address: offRamps, topics: [EVENT_TOPICS.commitReportAccepted] },
          await since(pending),
        )
  // Verified comes from the lane's indexers (as `status` finds them): a request per unexecuted 2.0 send.
  const unexecutedV2 = sends.filter((l) => !executed.has(idOf(l)) && isSentLogV2(l)).map(idOf)
  const verified = await verifiedIds(indexersFor(source.profile, dest.profile), unexecutedV2.slice(0, 50))
  const placeholder = { txHash: null, blockNumber: 0, timestamp: 0 }
  return (log) => {
    const header = headerOf(log)
    const lane = {
      sourceChainSelector: source.selector,
      onRampBytes: onRampBytes(log.address),
    }
    const commit = commits
      .map((c) => coveringRoot(c, lane, header.sequenceNumber))
      .find((c) => c !== undefined)
    return {
      ...(commit === undefined ? {} : { commit: { ...placeholder, blessed: commit.blessed } }),
      ...(verified.has(header.messageId) ? { verified: placeholder } : {}),
      executions: executions
        .filter((e) => e.topics[3]?.toLowerCase() === header.messageId)
        .map((e) => {
          const { state, returnData } = isExecutionV2(e) ? executionWordsV2(e) : executionWords(e)
          // CAST: the OffRamp only emits the four ExecutionState values.
          return { ...placeholder, state: state as ExecutionState, returnData }
        }),
    }
  }
}
