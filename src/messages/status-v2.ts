import { byChainOrder, type RawLog } from '../chain/chain.js'
import { logsInRange } from '../chain/log-ranges.js'
import { evmAddressOf } from '../protocol/abi-words.js'
import type { SentSummary } from '../protocol/event-words.js'
import { uintTopic } from '../protocol/event-words.js'
import { deriveStatus, type MessageEvidence, MessageState } from '../protocol/status.js'
import type { ExecutionState } from '../protocol/types.js'
import { EVENT_TOPICS_V2 } from '../protocol/v2/events.js'
import { decodeExecutionChangedV2, type SentV2, totalFee } from '../protocol/v2/sent-event.js'
import { destStart, finalizedBlock, type Memo } from './evidence.js'
import { fetchVerifications } from './indexer.js'
import type { MessageInspection, MessageStatusResult } from './status.js'

/**
 * The status of a CCIP 2.0 message: SENT and SOURCE_FINALIZED from the source as for 1.6,
 * VERIFIED when an indexer serves the verifiers' results (an off-chain phase: its time is the
 * attestation's, it has no block), then the OffRamp's executions. An indexer that cannot be
 * reached leaves VERIFIED out (an execution still shows), never fails the status.
 */
export async function inspectLocatedV2(m: Memo, indexers: readonly string[]): Promise<MessageInspection> {
  const { located } = m
  const { source, dest, sent, header } = located
  const sentV2 = located.sentV2!
  const [sentTs, finalizedAt, executions, verification] = await Promise.all([
    source.timestamp(sent.blockNumber),
    finalizedBlock(m),
    executionLogsV2(m),
    m.verified ?? fetchVerifications(indexers, header.messageId),
  ])
  if (verification.kind === 'verified') m.verified = verification
  const [finalizedTs, execTs] = await Promise.all([
    finalizedAt === undefined ? undefined : source.timestamp(finalizedAt),
    Promise.all(executions.map((l) => dest.timestamp(l.blockNumber))),
  ])
  const attempts = executions.map((log, i) => {
    const e = decodeExecutionChangedV2(log)
    // CAST: the OffRamp only emits the four ExecutionState values.
    return {
      state: e.state as ExecutionState,
      returnData: e.returnData,
      txHash: log.transactionHash,
      blockNumber: log.blockNumber,
      timestamp: execTs[i] ?? 0,
    }
  })
  const verifiedAt =
    verification.kind === 'verified' ? Math.max(...verification.results.map((r) => r.timestamp)) : undefined
  const evidence: MessageEvidence = {
    sent: { txHash: sent.transactionHash, blockNumber: sent.blockNumber, timestamp: sentTs },
    ...(finalizedAt === undefined || finalizedTs === undefined
      ? {}
      : { finalized: { txHash: null, blockNumber: finalizedAt, timestamp: finalizedTs } }),
    ...(verifiedAt === undefined
      ? {}
      : { verified: { txHash: null, blockNumber: null, timestamp: verifiedAt } }),
    executions: attempts,
  }
  const derived = deriveStatus(evidence)
  const failure =
    derived.state === MessageState.FAILURE
      ? (await import('./failure.js')).describeFailure(derived.failureData ?? '0x')
      : undefined
  const status: MessageStatusResult = {
    messageId: header.messageId,
    version: '2.0',
    state: derived.state,
    sourceChain: source.profile.name,
    destChain: dest.profile.name,
    sequenceNumber: header.sequenceNumber,
    nonce: null,
    phases: derived.phases,
    ...(failure === undefined ? {} : { failure }),
    detail: {
      ...summaryV2(sentV2),
      onRamp: located.onRamp,
      offRamp: executions[0]?.address ?? located.offRamps[0],
      root: undefined,
      ccvs: sentV2.ccvs,
      executor: sentV2.executor,
      ...(verification.kind === 'unreachable' ? { verificationUnknown: verification.why } : {}),
      attempts: attempts.map(({ returnData: _r, ...a }) => a),
    },
  }
  return {
    status,
    located,
    ...(verification.kind === 'verified' ? { verifications: verification.results } : {}),
  }
}

/** What the text and JSON views show of the send. */
function summaryV2(sent: SentV2): SentSummary {
  const m = sent.message
  return {
    sender: evmAddressOf(m.sender),
    receiver: m.receiver,
    data: m.data,
    gasLimit: BigInt(m.ccipReceiveGasLimit),
    feeToken: sent.feeToken,
    feeTokenAmount: totalFee(sent),
    tokenAmounts:
      m.tokenTransfer === undefined
        ? []
        : [
            {
              sourcePoolAddress: evmAddressOf(m.tokenTransfer.sourcePoolAddress),
              destTokenAddress: m.tokenTransfer.destTokenAddress,
              amount: m.tokenTransfer.amount,
            },
          ],
  }
}

async function executionLogsV2(m: Memo): Promise<RawLog[]> {
  const { located } = m
  const known = located.executions
  if (known !== undefined) {
    delete located.executions
    return known.sort(byChainOrder)
  }
  if (located.offRamps.length === 0) return []
  const logs = await logsInRange(
    located.dest,
    {
      address: located.offRamps,
      topics: [
        EVENT_TOPICS_V2.executionStateChanged,
        uintTopic(located.source.selector),
        null,
        located.header.messageId,
      ],
    },
    await destStart(m),
  )
  return logs.sort(byChainOrder)
}
