import { byChainOrder, type RawLog } from '../chain/chain.js'
import { blockAtOrAfter, logsInRange, scanBackward, scanForward } from '../chain/log-ranges.js'
import { onRampBytes } from '../protocol/abi-words.js'
import { coveringRoot, EVENT_TOPICS, uintTopic } from '../protocol/event-words.js'
import type { MerkleRoot } from '../protocol/types.js'
import type { LocatedMessage } from './find.js'
import type { VerificationRead } from './indexer.js'

/**
 * The chain evidence of a located message beyond its send: source finality, the commit covering
 * it and its executions on the destination.
 */
export interface CommitHit {
  log: RawLog
  root: MerkleRoot
  blessed: boolean
}

/**
 * What one process has learnt about a message: where it was sent, and its commit once seen. Both
 * are final, so `--watch` and `ccip send --wait` polling this only re-read what can still change.
 */
export interface Memo {
  located: LocatedMessage
  destStart?: number
  commit?: CommitHit
  /** Next destination block to scan for the commit. */
  commitCursor?: number
  finalizedAt?: number
  /** 2.0: the verifiers' results, once an indexer served them (final, like the send). */
  verified?: VerificationRead & { kind: 'verified' }
}

/** Destination and source clocks may disagree a little; start the destination search earlier. */
const CLOCK_MARGIN_SECONDS = 120

/**
 * The source block at which the send became final: a chain whose profile has a finality depth
 * (the local stack's: the commit DON's own rule) is final that many blocks on; other chains by
 * the node's `finalized` tag, which only says that the send is final by now, so the phase shows
 * the first final block this process saw.
 */
export async function finalizedBlock(m: Memo): Promise<number | undefined> {
  if (m.finalizedAt !== undefined) return m.finalizedAt
  const { source, sent } = m.located
  const depth = source.profile.finalityDepth
  let at: number | undefined
  if (depth !== undefined) {
    // Final once the block `depth` above it exists: one read that also brings its timestamp.
    const target = sent.blockNumber + depth
    if ((await source.minedTimestamp(target)) !== undefined) at = target
  } else {
    const finalized = await source.finalized()
    if (finalized !== undefined && finalized >= sent.blockNumber) at = finalized
  }
  m.finalizedAt = at
  return at
}

/** The first destination block that can hold the message's commit or execution. */
export async function destStart(m: Memo): Promise<number> {
  const { source, sent, dest } = m.located
  m.destStart ??= await blockAtOrAfter(
    dest,
    (await source.timestamp(sent.blockNumber)) - CLOCK_MARGIN_SECONDS,
  )
  return m.destStart
}

export async function executionLogs(m: Memo): Promise<RawLog[]> {
  const { located } = m
  // Read over the full range while locating: use them once, later calls re-read.
  const known = located.executions
  if (known !== undefined) {
    delete located.executions
    return known.sort(byChainOrder)
  }
  // An empty address list would match every contract: no OffRamp means no executions.
  if (located.offRamps.length === 0) return []
  const from = m.commit?.log.blockNumber ?? (await destStart(m))
  const { source, header } = located
  const logs = await logsInRange(
    located.dest,
    {
      address: located.offRamps,
      topics: [
        EVENT_TOPICS.executionStateChanged,
        uintTopic(source.selector),
        uintTopic(header.sequenceNumber),
        header.messageId,
      ],
    },
    from,
  )
  return logs.sort(byChainOrder)
}

/**
 * The CommitReportAccepted whose root covers the message: backwards from its first execution
 * when there is one (the commit precedes it closely), else forwards from the destination block
 * of the send's time, resuming where the previous call stopped.
 */
export async function findCommit(m: Memo, executions: RawLog[]): Promise<CommitHit | undefined> {
  const { located } = m
  if (located.offRamps.length === 0) return undefined
  const lane = {
    sourceChainSelector: located.source.selector,
    onRampBytes: onRampBytes(located.onRamp),
  }
  const seq = located.header.sequenceNumber
  const query = { address: located.offRamps, topics: [EVENT_TOPICS.commitReportAccepted] }
  const match = (log: RawLog) => coveringRoot(log, lane, seq) !== undefined
  const first = executions[0]
  let log: RawLog | undefined
  if (first !== undefined) {
    log = await scanBackward(located.dest, query, first.blockNumber, match, {
      window: 1_000,
      maxWindow: 20_000,
      floor: m.destStart ?? 0,
    })
  } else {
    const from = m.commitCursor ?? (await destStart(m))
    const head = await located.dest.head()
    log = await scanForward(located.dest, query, from, head, match, { window: 5_000, maxWindow: 50_000 })
    m.commitCursor = head + 1
  }
  const covering = log === undefined ? undefined : coveringRoot(log, lane, seq)
  return log === undefined || covering === undefined ? undefined : { log, ...covering }
}
