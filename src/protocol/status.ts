import { ExecutionState } from './types.js'

/**
 * The lifecycle states of a CCIP message, exactly as the official tools name them. 1.6:
 * SENT → SOURCE_FINALIZED → COMMITTED → BLESSED → SUCCESS | FAILURE; 2.0: SENT →
 * SOURCE_FINALIZED → VERIFIED (the verifiers' result is served) → SUCCESS | FAILURE.
 */
export const MessageState = {
  UNKNOWN: 'UNKNOWN',
  SENT: 'SENT',
  SOURCE_FINALIZED: 'SOURCE_FINALIZED',
  COMMITTED: 'COMMITTED',
  BLESSED: 'BLESSED',
  VERIFIED: 'VERIFIED',
  SUCCESS: 'SUCCESS',
  FAILURE: 'FAILURE',
} as const
export type MessageState = (typeof MessageState)[keyof typeof MessageState]

export interface PhaseEvidence {
  txHash: string | null
  /** null for a phase that happens off chain (VERIFIED). */
  blockNumber: number | null
  /** Unix seconds of the block. */
  timestamp: number
}

export interface Phase extends PhaseEvidence {
  state: MessageState
}

/** Everything observed on chain about one message; status derives from it alone. */
export interface MessageEvidence {
  sent?: PhaseEvidence
  /** The block at which the send became final on the source (no tx of its own). */
  finalized?: PhaseEvidence
  commit?: PhaseEvidence & { blessed: boolean }
  /** 2.0: when the verifiers' result was attested (off chain: no block). */
  verified?: PhaseEvidence
  executions: (PhaseEvidence & { state: ExecutionState; returnData: string })[]
}

export interface DerivedStatus {
  state: MessageState
  phases: Phase[]
  /** Revert data of the receiver when the state is FAILURE. */
  failureData?: string
}

export const isFinalState = (state: MessageState): boolean =>
  state === MessageState.SUCCESS || state === MessageState.FAILURE

/**
 * Derive a message's state and phase timeline. A SUCCESS anywhere wins (manual execution after a
 * FAILURE); otherwise the latest execution attempt decides; otherwise the furthest phase reached.
 */
export function deriveStatus(evidence: MessageEvidence): DerivedStatus {
  const phases: Phase[] = []
  if (evidence.sent === undefined) return { state: MessageState.UNKNOWN, phases }
  phases.push({ state: MessageState.SENT, ...evidence.sent })
  if (evidence.finalized !== undefined)
    phases.push({ state: MessageState.SOURCE_FINALIZED, ...evidence.finalized })
  if (evidence.verified !== undefined) phases.push({ state: MessageState.VERIFIED, ...evidence.verified })
  if (evidence.commit !== undefined) {
    const { blessed, ...commit } = evidence.commit
    phases.push({ state: MessageState.COMMITTED, ...commit })
    if (blessed) phases.push({ state: MessageState.BLESSED, ...commit })
  }
  const done = evidence.executions.filter(
    (e) => e.state === ExecutionState.SUCCESS || e.state === ExecutionState.FAILURE,
  )
  const success = done.find((e) => e.state === ExecutionState.SUCCESS)
  const last = success ?? done[done.length - 1]
  if (last !== undefined) {
    const failed = last.state === ExecutionState.FAILURE
    const { state: _s, returnData, ...evidenceOfLast } = last
    phases.push({ state: failed ? MessageState.FAILURE : MessageState.SUCCESS, ...evidenceOfLast })
    return failed
      ? { state: MessageState.FAILURE, phases, failureData: returnData }
      : { state: MessageState.SUCCESS, phases }
  }
  return { state: phases[phases.length - 1]!.state, phases }
}
