import type { SentMessage } from '../../protocol/events.js'
import type { Any2EVMRampMessage, ExecutionReport } from '../../protocol/types.js'
import type { NodeChain } from '../context.js'
import type { CommittedRoot } from '../dest-view.js'
import { executableOf, treeOf } from '../memo.js'
import { laneLeaves } from '../roots.js'

/** Gas budget of one execute transaction, and what each message is assumed to cost on top of its limit. */
export const BATCH_GAS_LIMIT = 12_000_000n
const PER_MESSAGE_OVERHEAD = 60_000n
const PER_TOKEN_OVERHEAD = 100_000n

export interface RootWork {
  root: CommittedRoot
  source: NodeChain
  /** Every message of the root, in sequence order (the tree needs all of them). */
  all: SentMessage[]
  /** The ones still to execute. */
  pending: SentMessage[]
}

export const messageGas = (m: SentMessage): bigint =>
  executableOf(m).gasLimit + PER_MESSAGE_OVERHEAD + PER_TOKEN_OVERHEAD * BigInt(m.message.tokenAmounts.length)

/**
 * Pack pending messages of committed roots into one batch of execution reports, oldest root first
 * and in sequence order within a root (so ordered messages meet their nonces in order), within
 * the gas budget. Each report proves its subset against its root with one multiproof.
 */
export function planBatch(work: readonly RootWork[], gasBudget = BATCH_GAS_LIMIT): ExecutionReport[] {
  const reports: ExecutionReport[] = []
  let gas = 0n
  for (const item of work) {
    const chosen: SentMessage[] = []
    for (const m of item.pending) {
      const cost = messageGas(m)
      if (gas + cost > gasBudget && (reports.length > 0 || chosen.length > 0)) break
      chosen.push(m)
      gas += cost
    }
    if (chosen.length === 0) break
    const indices = chosen.map((m) => Number(m.message.header.sequenceNumber - item.root.minSeqNr))
    const proof = treeOf(laneLeaves(item.all, item.source)).prove(indices)
    reports.push({
      sourceChainSelector: item.source.selector,
      messages: chosen.map(executableOf),
      offchainTokenData: chosen.map((m) => m.message.tokenAmounts.map(() => '0x')),
      proofs: proof.proofs,
      proofFlagBits: proof.proofFlagBits,
    })
    if (chosen.length < item.pending.length) break
  }
  return reports
}

/**
 * The gas limit a batch is first tried with (see transmit's plannedGas): the calldata, a base for
 * the OffRamp's checks, and per message its own gas limit plus what the OffRamp spends around it.
 * Tighter than the planning budget above (an EOA message measured ~10k gas beyond its calldata):
 * the limit reserves block space. When it is short, the simulation says so and the node estimates.
 */
export function plannedGas(reports: readonly ExecutionReport[], calldata: string): bigint {
  let gas = 21_000n + 80_000n + calldataGas(calldata)
  for (const report of reports) {
    gas += 30_000n // per report: the root's blessing check and proof verification
    for (const m of report.messages) gas += plannedMessageGas(m)
  }
  return gas
}

const plannedMessageGas = (m: Any2EVMRampMessage): bigint =>
  m.gasLimit + 35_000n + PER_TOKEN_OVERHEAD * BigInt(m.tokenAmounts.length)

/** EIP-2028: 4 gas per zero byte of calldata, 16 per other byte. */
function calldataGas(data: string): bigint {
  let zero = 0
  let other = 0
  for (let i = 2; i < data.length; i += 2) {
    if (data.charCodeAt(i) === 48 && data.charCodeAt(i + 1) === 48) zero++
    else other++
  }
  return BigInt(zero * 4 + other * 16)
}
