import type { CcipContext } from '../context.js'
import { invalidArgument } from '../errors.js'
import { executionWords, isMessageId, type SentSummary, sentSummary } from '../protocol/event-words.js'
import type { CcipVersion } from '../protocol/lane-version.js'
import { deriveStatus, type MessageEvidence, MessageState, type Phase } from '../protocol/status.js'
import type { ExecutionState, MerkleRoot } from '../protocol/types.js'
import { type CommitHit, executionLogs, finalizedBlock, findCommit, type Memo } from './evidence.js'
import type { FailureInfo } from './failure.js'
import { type LocatedMessage, type LocateOptions, locateMessage } from './find.js'
import { indexersFor, type Verification } from './indexer.js'

export type { CommitHit } from './evidence.js'

export interface MessageStatusResult {
  messageId: string
  /** The lane's CCIP version; null when the message was not found. */
  version: CcipVersion | null
  state: MessageState
  sourceChain: string | null
  destChain: string | null
  /** 1.6: the sequence number; 2.0: the message number. */
  sequenceNumber: bigint | null
  /** 1.6 only (2.0 messages have no nonce). */
  nonce: bigint | null
  /** Phases reached, in order; SENT and SOURCE_FINALIZED are source blocks, the rest destination blocks. */
  phases: Phase[]
  /** Only when the state is FAILURE. */
  failure?: FailureInfo
  /** What the text view shows beyond the JSON contract. */
  detail?: StatusDetail
}

export interface StatusDetail extends SentSummary {
  onRamp: string
  offRamp: string | undefined
  root: Pick<MerkleRoot, 'merkleRoot' | 'minSeqNr' | 'maxSeqNr'> | undefined
  /** 2.0: the CCVs and the executor the message names (source addresses). */
  ccvs?: string[]
  executor?: string
  /** 2.0: why VERIFIED could not be read (no indexer answered). */
  verificationUnknown?: string
  /** Every execution attempt (the DON's, then manual ones), oldest first. */
  attempts: { state: ExecutionState; txHash: string; blockNumber: number; timestamp: number }[]
}

/** The status plus the chain data behind it, for commands that act on the message (manual-exec). */
export interface MessageInspection {
  status: MessageStatusResult
  located?: LocatedMessage
  commit?: CommitHit
  /** 2.0: the verifiers' results an indexer served, as OffRamp.execute takes them. */
  verifications?: Verification[]
}

/** What is known about each message (see Memo), by messageId: a context keeps it between reads. */
export type MessageMemos = Map<string, Memo>

export type StatusOptions = Omit<LocateOptions, 'readers'> & {
  /** 2.0: the indexers to read VERIFIED from (default: the profiles', else Chainlink's public ones). */
  indexers?: readonly string[]
}

/**
 * Where a message is, from chain data alone: its send on the source OnRamp, source finality, the
 * destination OffRamp's commit covering it (blessed by the RMN or not) and its executions.
 * Resolves with state UNKNOWN when no candidate chain has it. Repeated calls sharing `memos` are
 * cheap (the send and the commit are remembered); a hint skips the search entirely.
 *
 * @example
 * const status = await getMessageStatus(ctx, id, { hint: { sourceChain: 'alpha', destChain: 'beta', blockNumber } })
 */
export async function getMessageStatus(
  ctx: CcipContext,
  messageId: string,
  opts: StatusOptions = {},
): Promise<MessageStatusResult> {
  return (await inspectMessage(ctx, messageId, opts)).status
}

/**
 * getMessageStatus plus the chain data behind it (the located send, the covering commit), for
 * commands that act on a message.
 *
 * @example
 * const { status, located, commit } = await inspectMessage(ctx, id, { to: 'beta' })
 */
export async function inspectMessage(
  ctx: CcipContext,
  messageId: string,
  opts: StatusOptions = {},
): Promise<MessageInspection> {
  if (!isMessageId(messageId)) {
    throw invalidArgument(
      `'${messageId}' is not a message id`,
      'a message id is 0x followed by 64 hex digits, as `ccip send` prints it',
    )
  }
  const id = messageId.toLowerCase()
  let memo = ctx.memos.get(id)
  if (memo === undefined) {
    const located = await locateMessage(await ctx.profiles(), id, { ...opts, readers: ctx.chains })
    if (located === undefined) return { status: unknownStatus(id) }
    memo = { located }
    ctx.memos.set(id, memo)
  }
  if (memo.located.version === '2.0') {
    const { inspectLocatedV2 } = await import('./status-v2.js')
    const { source, dest } = memo.located
    return inspectLocatedV2(memo, indexersFor(source.profile, dest.profile, opts.indexers))
  }
  return inspectLocated(memo)
}

async function inspectLocated(m: Memo): Promise<MessageInspection> {
  const { located } = m
  const { source, dest, sent, header } = located
  // The commit search starts as soon as the executions are known, beside the source reads.
  const reading = executionLogs(m)
  const [sentTs, finalizedAt, executions, commit] = await Promise.all([
    source.timestamp(sent.blockNumber),
    finalizedBlock(m),
    reading,
    reading.then(async (found) => {
      m.commit ??= await findCommit(m, found)
      return m.commit
    }),
  ])
  const [finalizedTs, commitTs, execTs] = await Promise.all([
    finalizedAt === undefined ? undefined : source.timestamp(finalizedAt),
    commit === undefined ? undefined : dest.timestamp(commit.log.blockNumber),
    Promise.all(executions.map((l) => dest.timestamp(l.blockNumber))),
  ])
  const attempts = executions.map((log, i) => ({
    // CAST: the OffRamp only emits the four ExecutionState values.
    state: executionWords(log).state as ExecutionState,
    returnData: executionWords(log).returnData,
    txHash: log.transactionHash,
    blockNumber: log.blockNumber,
    timestamp: execTs[i] ?? 0,
  }))
  const evidence: MessageEvidence = {
    sent: { txHash: sent.transactionHash, blockNumber: sent.blockNumber, timestamp: sentTs },
    ...(finalizedAt === undefined || finalizedTs === undefined
      ? {}
      : { finalized: { txHash: null, blockNumber: finalizedAt, timestamp: finalizedTs } }),
    ...(commit === undefined || commitTs === undefined
      ? {}
      : {
          commit: {
            txHash: commit.log.transactionHash,
            blockNumber: commit.log.blockNumber,
            timestamp: commitTs,
            blessed: commit.blessed,
          },
        }),
    executions: attempts,
  }
  const derived = deriveStatus(evidence)
  const failure =
    derived.state === MessageState.FAILURE
      ? (await import('./failure.js')).describeFailure(derived.failureData ?? '0x')
      : undefined
  const summary = sentSummary(sent)
  const status: MessageStatusResult = {
    messageId: header.messageId,
    version: '1.6',
    state: derived.state,
    sourceChain: source.profile.name,
    destChain: dest.profile.name,
    sequenceNumber: header.sequenceNumber,
    nonce: header.nonce,
    phases: derived.phases,
    ...(failure === undefined ? {} : { failure }),
    detail: {
      ...summary,
      onRamp: located.onRamp,
      offRamp: commit?.log.address ?? executions[0]?.address ?? located.offRamps[0],
      root: commit?.root,
      attempts: attempts.map(({ returnData: _r, ...a }) => a),
    },
  }
  return { status, located, ...(commit === undefined ? {} : { commit }) }
}

function unknownStatus(messageId: string): MessageStatusResult {
  return {
    messageId,
    version: null,
    state: MessageState.UNKNOWN,
    sourceChain: null,
    destChain: null,
    sequenceNumber: null,
    nonce: null,
    phases: [],
  }
}
