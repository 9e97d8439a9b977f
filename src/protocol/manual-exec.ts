import { leafHash, toAny2EVM } from './hashing.js'
import { MerkleTree } from './merkle.js'
import { MessageState } from './status.js'
import type { EVM2AnyRampMessage, ExecutionReport, MerkleRoot } from './types.js'

/**
 * The two pure halves of manual execution: may this message be executed by hand now (the
 * OffRamp's rule), and the single-message execution report with a Merkle proof rebuilt from the
 * source logs of the whole committed root.
 */

export type ManualExecCheck =
  | { allowed: true; because: 'failed' | 'threshold-passed' }
  | { allowed: false; because: 'unknown' | 'executed' | 'not-committed' }
  | { allowed: false; because: 'too-early'; opensAt: number }

/**
 * OffRamp 1.6: a FAILURE may be retried at any time; an untouched message only once its root is
 * older than permissionLessExecutionThresholdSeconds (strictly: now − committed > threshold).
 */
export function manualExecCheck(p: {
  state: MessageState
  /** Unix seconds of the commit's block; undefined when not committed. */
  committedAt: number | undefined
  /** Unix seconds of the destination's newest block. */
  now: number
  thresholdSeconds: number
}): ManualExecCheck {
  if (p.state === MessageState.UNKNOWN) return { allowed: false, because: 'unknown' }
  if (p.state === MessageState.SUCCESS) return { allowed: false, because: 'executed' }
  if (p.state === MessageState.FAILURE) return { allowed: true, because: 'failed' }
  if (p.committedAt === undefined) return { allowed: false, because: 'not-committed' }
  const opensAt = p.committedAt + p.thresholdSeconds + 1
  return p.now >= opensAt
    ? { allowed: true, because: 'threshold-passed' }
    : { allowed: false, because: 'too-early', opensAt }
}

export type ProofResult =
  | { ok: true; report: ExecutionReport; leafCount: number }
  | { ok: false; problem: 'missing'; missing: bigint[] }
  | { ok: false; problem: 'mismatch'; computedRoot: string }

/**
 * Rebuild the root from every message in [root.minSeqNr, root.maxSeqNr] (as the source OnRamp
 * emitted them), check it against the committed root, and prove the target message.
 */
export function buildManualExecReport(
  messages: readonly EVM2AnyRampMessage[],
  target: bigint,
  root: MerkleRoot,
): ProofResult {
  const bySeq = new Map<bigint, EVM2AnyRampMessage>()
  for (const m of messages) {
    const seq = m.header.sequenceNumber
    if (seq >= root.minSeqNr && seq <= root.maxSeqNr) bySeq.set(seq, m)
  }
  const missing: bigint[] = []
  const ordered: EVM2AnyRampMessage[] = []
  for (let seq = root.minSeqNr; seq <= root.maxSeqNr; seq++) {
    const m = bySeq.get(seq)
    if (m === undefined) missing.push(seq)
    else ordered.push(m)
  }
  if (missing.length > 0 || !bySeq.has(target)) return { ok: false, problem: 'missing', missing }
  const converted = ordered.map(toAny2EVM)
  // The leaf commits to the on-ramp exactly as the OffRamp's source config holds it (the root says).
  const tree = new MerkleTree(converted.map((m) => leafHash(m, root.onRampAddress)))
  if (tree.root.toLowerCase() !== root.merkleRoot.toLowerCase()) {
    return { ok: false, problem: 'mismatch', computedRoot: tree.root }
  }
  const index = Number(target - root.minSeqNr)
  const message = converted[index]
  if (message === undefined) return { ok: false, problem: 'missing', missing: [target] }
  const { proofs, proofFlagBits } = tree.prove([index])
  return {
    ok: true,
    leafCount: converted.length,
    report: {
      sourceChainSelector: message.header.sourceChainSelector,
      messages: [message],
      offchainTokenData: [message.tokenAmounts.map(() => '0x')],
      proofs,
      proofFlagBits,
    },
  }
}
