import { connectChain, disconnect, offRampFor } from '../chain/connect.js'
import { decodeCommitAccepted, decodeExecutionChanged, TOPICS } from '../chain/events.js'
import type { Profile } from '../profiles/profile.js'
import { MessageState } from '../protocol/status.js'
import type { StatusLike, WaitOptions } from './wait.js'
import { waitForFinalState } from './wait.js'

/**
 * `ccip send --wait`: follow a just-sent message on its destination until SUCCESS or FAILURE.
 * Interim reader until src/messages/status.ts (getMessageStatus) is wired in: it reads only the
 * destination OffRamp's CommitReportAccepted and ExecutionStateChanged logs from the block the
 * destination was at when the send was mined.
 */
export interface SentRef {
  messageId: string
  sequenceNumber: bigint
  sourceSelector: bigint
}

const SUCCESS = 2
const FAILURE = 3

export async function followMessage(
  source: Profile,
  dest: Profile,
  sent: SentRef,
  opts: WaitOptions,
): Promise<{ status: StatusLike; timedOut: boolean }> {
  const chain = connectChain(dest)
  try {
    const offRamp = await offRampFor(chain, BigInt(source.selector))
    if (offRamp === undefined) return { status: { state: MessageState.SENT }, timedOut: true }
    // Reorg-safe enough for a follower: a few blocks of slack before the current head.
    const fromBlock = Math.max(0, (await chain.provider.getBlockNumber()) - 20)
    const read = async (): Promise<StatusLike> => {
      const executions = await chain.provider.getLogs({
        address: offRamp,
        topics: [TOPICS.executionStateChanged, null, null, sent.messageId],
        fromBlock,
      })
      const states = executions.map((l) => decodeExecutionChanged(l).state)
      if (states.includes(SUCCESS)) return { state: MessageState.SUCCESS }
      if (states.at(-1) === FAILURE) return { state: MessageState.FAILURE }
      const commits = await chain.provider.getLogs({
        address: offRamp,
        topics: [TOPICS.commitReportAccepted],
        fromBlock,
      })
      for (const log of commits) {
        const commit = decodeCommitAccepted(log)
        const covers = (roots: typeof commit.blessed) =>
          roots.some(
            (r) =>
              r.sourceChainSelector === sent.sourceSelector &&
              r.minSeqNr <= sent.sequenceNumber &&
              sent.sequenceNumber <= r.maxSeqNr,
          )
        if (covers(commit.blessed)) return { state: MessageState.BLESSED }
        if (covers(commit.unblessed)) return { state: MessageState.COMMITTED }
      }
      return { state: MessageState.SENT }
    }
    return await waitForFinalState(read, opts)
  } finally {
    disconnect(chain)
  }
}
