import { Contract, type JsonRpcProvider } from 'ethers'
import { ccipAbi } from '../chain/artifacts.js'
import { logsInRange } from '../chain/log-ranges.js'
import { chainProvider } from '../chain/provider.js'
import { decodeRevert, revertData } from '../chain/revert.js'
import type { CcipContext } from '../context.js'
import { CcipError, describeError, ErrorCode, ExitCode, usageError } from '../errors.js'
import { type ResolveSignerOptions, resolveSigner } from '../profiles/wallet.js'
import { EVENT_TOPICS, uintTopic } from '../protocol/event-words.js'
import { decodeMessageSent } from '../protocol/events.js'
import { buildManualExecReport, manualExecCheck } from '../protocol/manual-exec.js'
import { executionReportTuple } from '../protocol/reports.js'
import type { EVM2AnyRampMessage, ExecutionReport, MerkleRoot } from '../protocol/types.js'
import { messageNotFound } from './errors.js'
import { describeFailure } from './failure.js'
import type { LocatedMessage } from './find.js'
import { getMessageStatus, inspectMessage, type MessageStatusResult } from './status.js'

export interface ManualExecParams {
  ctx: CcipContext
  messageId: string
  from?: string
  to?: string
  /** New gas limit for the receiver (≥ the message's own); default: keep the message's. */
  gasLimit?: bigint
  /** 2.0: the indexers serving the message's verifier results (default: as `ccip status`). */
  indexers?: readonly string[]
  signer: ResolveSignerOptions
  onProgress?: (event: ManualExecProgress) => void
}

export type ManualExecProgress =
  | { step: 'proof'; leaves: number; root: string }
  | { step: 'sent'; txHash: string; gas: bigint }

export interface ManualExecResult {
  txHash: string
  /** The message's status re-read after the transaction. */
  status: MessageStatusResult
}

/** The extra room a manual execution needs above the receiver's gas (OffRamp bookkeeping). */
const GAS_FLOOR_OVERHEAD = 200_000n

/**
 * Execute a committed message by hand on its destination OffRamp (`manuallyExecute`), with a
 * Merkle proof rebuilt from the source logs of its whole root. Allowed for a FAILURE, or for an
 * untouched message once the permissionless threshold has passed since its commit. A 2.0
 * message goes to manual-exec-v2.ts (OffRamp.execute with the indexer's verifier results).
 *
 * @example
 * const { status } = await manuallyExecute({ ctx, messageId, signer: { env: process.env } })
 */
export async function manuallyExecute(p: ManualExecParams): Promise<ManualExecResult> {
  const filters = {
    ...(p.from === undefined ? {} : { from: p.from }),
    ...(p.to === undefined ? {} : { to: p.to }),
  }
  const inspection = await inspectMessage(p.ctx, p.messageId, {
    ...filters,
    ...(p.indexers === undefined ? {} : { indexers: p.indexers }),
  })
  const { status, located, commit } = inspection
  if (located === undefined) throw messageNotFound(p.messageId, filters)
  if (located.version === '2.0') return (await import('./manual-exec-v2.js')).manuallyExecuteV2(p, inspection)
  const dest = located.dest.profile
  const provider = chainProvider(located.dest, dest.chainId)
  try {
    const offRamp = commit?.log.address ?? located.offRamps[0] ?? ''
    await ensureAllowed(provider, offRamp, status, commit?.log.blockNumber)
    if (commit === undefined) throw new Error('unreachable: allowed without a commit')
    const messages = await messagesOfRoot(located, commit.root)
    const built = buildManualExecReport(messages, located.header.sequenceNumber, commit.root)
    if (!built.ok) throw proofError(built, commit.root)
    p.onProgress?.({ step: 'proof', leaves: built.leafCount, root: commit.root.merkleRoot })
    const message = built.report.messages[0]
    if (message === undefined) throw new Error('unreachable: a report without its message')
    if (p.gasLimit !== undefined && p.gasLimit < message.gasLimit) {
      throw usageError(
        `--gas-limit ${p.gasLimit} is below the message's own gas limit of ${message.gasLimit}`,
        `the OffRamp only accepts a limit ≥ ${message.gasLimit}; omit --gas-limit to keep it`,
      )
    }
    const signer = await resolveSigner(dest, p.signer, provider)
    const contract = new Contract(offRamp, ccipAbi('offRamp'), signer)
    const args = executeArgs(built.report, p.gasLimit ?? 0n)
    const lane = `${status.sourceChain} → ${status.destChain}`
    const estimate: bigint = await contract
      .getFunction('manuallyExecute')
      .estimateGas(...args)
      .catch((error: unknown) => {
        throw manualExecError(error, lane, p.messageId)
      })
    const tokenGas = message.tokenAmounts.reduce((sum, t) => sum + t.destGasAmount, 0n)
    const floor = (p.gasLimit ?? message.gasLimit) + tokenGas + GAS_FLOOR_OVERHEAD
    const gas = estimate > floor ? estimate : floor
    const tx = await contract.getFunction('manuallyExecute').send(...args, { gasLimit: gas })
    p.onProgress?.({ step: 'sent', txHash: tx.hash, gas })
    const receipt = await tx.wait().catch((error: unknown) => {
      throw manualExecError(error, lane, p.messageId)
    })
    const hint = {
      sourceChain: located.source.profile.name,
      destChain: dest.name,
      blockNumber: located.sent.blockNumber,
    }
    return { txHash: receipt?.hash ?? tx.hash, status: await getMessageStatus(p.ctx, p.messageId, { hint }) }
  } finally {
    provider.destroy()
  }
}

/** The OffRamp's own rule, checked first so the user gets a reason instead of a revert. */
async function ensureAllowed(
  provider: JsonRpcProvider,
  offRamp: string,
  status: MessageStatusResult,
  commitBlock: number | undefined,
): Promise<void> {
  const id = status.messageId
  const untouched = status.state !== 'FAILURE' && status.state !== 'SUCCESS' && commitBlock !== undefined
  const dynamicConfig = (): Promise<{ permissionLessExecutionThresholdSeconds: bigint }> =>
    new Contract(offRamp, ccipAbi('offRamp'), provider).getFunction('getDynamicConfig').staticCall()
  const [config, latest, committed] = untouched
    ? await Promise.all([dynamicConfig(), provider.getBlock('latest'), provider.getBlock(commitBlock)])
    : [undefined, undefined, undefined]
  const thresholdSeconds = Number(config?.permissionLessExecutionThresholdSeconds ?? 0n)
  const check = manualExecCheck({
    state: status.state,
    committedAt: committed?.timestamp,
    now: latest?.timestamp ?? 0,
    thresholdSeconds,
  })
  if (check.allowed) return
  const notAllowed = (message: string, hint: string) =>
    new CcipError(ErrorCode.ManualExecNotAllowed, message, { hint })
  switch (check.because) {
    case 'unknown':
      throw messageNotFound(id, {})
    case 'executed':
      throw new CcipError(ErrorCode.AlreadyExecuted, `Message ${id} was already executed (SUCCESS)`, {
        hint: `nothing to do; its phases: \`ccip status ${id}\``,
      })
    case 'not-committed':
      throw notAllowed(
        `Message ${id} is ${status.state}: not committed yet, so there is no Merkle root to prove it against`,
        `the commit DON commits it once the source is final; follow it with \`ccip status ${id} --watch\``,
      )
    case 'too-early': {
      const wait = Math.max(0, check.opensAt - (latest?.timestamp ?? 0))
      throw notAllowed(
        `Message ${id} is ${status.state} and waits for the execution DON: manual execution opens at ${new Date(check.opensAt * 1000).toISOString()} (in ${Math.ceil(wait / 60)} min)`,
        `the OffRamp lets anyone execute an untouched message ${thresholdSeconds} s after its commit; until then follow it with \`ccip status ${id} --watch\``,
      )
    }
  }
}

/** Every message of the root, from the source OnRamp: searched outwards from the target's block. */
async function messagesOfRoot(located: LocatedMessage, root: MerkleRoot): Promise<EVM2AnyRampMessage[]> {
  const { source, dest, onRamp, sent } = located
  const seqs: string[] = []
  for (let s = root.minSeqNr; s <= root.maxSeqNr; s++) seqs.push(uintTopic(s))
  const query = { address: onRamp, topics: [EVENT_TOPICS.ccipMessageSent, uintTopic(dest.selector), seqs] }
  const head = await source.head()
  for (let radius = 5_000; ; radius *= 4) {
    const from = Math.max(0, sent.blockNumber - radius)
    const to = Math.min(head, sent.blockNumber + radius)
    const logs = await logsInRange(source, query, from, to)
    if (logs.length >= seqs.length || (from === 0 && to === head)) {
      return logs.map((log) => decodeMessageSent(log).message)
    }
  }
}

function executeArgs(report: ExecutionReport, gasLimit: bigint): unknown[] {
  const overrides = report.messages.map((m) => ({
    receiverExecutionGasLimit: gasLimit,
    tokenGasOverrides: m.tokenAmounts.map(() => 0),
  }))
  return [[executionReportTuple(report)], [overrides]]
}

function proofError(
  built: { problem: 'missing'; missing: bigint[] } | { problem: 'mismatch'; computedRoot: string },
  root: MerkleRoot,
): CcipError {
  if (built.problem === 'missing') {
    return new CcipError(
      ErrorCode.ProofMismatch,
      `The source chain returned no CCIPMessageSent for sequence number(s) ${built.missing.join(', ')} of the committed root`,
      { hint: 'the source RPC may prune old logs; use an archive RPC for this chain. Nothing was sent' },
    )
  }
  return new CcipError(
    ErrorCode.ProofMismatch,
    `The Merkle root rebuilt from the source logs (${built.computedRoot}) differs from the committed root ${root.merkleRoot}`,
    { hint: 'the source logs and the commit disagree (wrong source RPC, or a reorg); nothing was sent' },
  )
}

/**
 * A reverting estimate or transaction of a manual execution, in the user's terms: `fn` is the
 * OffRamp function called (1.6 manuallyExecute, 2.0 execute). A retry that would fail again
 * reverts with ExecutionError on 1.6 and NoStateProgressMade on 2.0, both carrying the receiver's
 * error as `err`.
 */
export function manualExecError(
  error: unknown,
  lane: string,
  messageId: string,
  fn: 'manuallyExecute' | 'execute' = 'manuallyExecute',
): CcipError {
  const data = revertData(error)
  const revert = decodeRevert(data)
  switch (revert?.name) {
    case 'CursedByRMN':
      return new CcipError(ErrorCode.LaneCursed, `The lane ${lane} is cursed by the RMN (CursedByRMN)`, {
        hint: 'manual execution waits for the uncurse: see `ccip rmn status` (an operator lifts it with `ccip rmn uncurse`)',
      })
    case 'ExecutionError':
    case 'NoStateProgressMade': {
      const why = describeFailure(String(revert.args.err ?? '0x')).reason
      return new CcipError(
        ErrorCode.MessageFailed,
        `Manual execution of ${messageId} would fail again: ${why}`,
        {
          hint: 'fix the receiver (or raise --gas-limit if it ran out of gas) and retry; nothing was sent',
          exitCode: ExitCode.MessageFailed,
        },
      )
    }
    case 'ManualExecutionNotYetEnabled':
      return new CcipError(ErrorCode.ManualExecNotAllowed, `Manual execution is not open yet on ${lane}`, {
        hint: 'the permissionless threshold since the commit has not passed; retry later',
      })
    default:
      return new CcipError(
        ErrorCode.Revert,
        `${fn} on ${lane} reverted: ${revert?.text ?? data ?? describeError(error)}`,
        { hint: 're-run with --verbose for the node error', cause: error },
      )
  }
}
