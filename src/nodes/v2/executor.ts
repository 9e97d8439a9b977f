import { type HDNodeWallet, Interface } from 'ethers'
import { ccipAbi } from '../../chain/artifacts.js'
import type { Chain } from '../../chain/chain.js'
import { laneSubject } from '../../protocol/rmn-subjects.js'
import { executeGasLimit } from '../../protocol/v2/execute-gas.js'
import { isCursed } from '../../protocol/view-calls.js'
import { nodeChainAccess } from '../connections.js'
import type { NodeChain, NodeNetwork } from '../context.js'
import type { Heads } from '../heads.js'
import type { NodeHealth } from '../health.js'
import type { Log } from '../loop.js'
import { type MinedTx, submit } from '../transmit.js'
import type { VerifierResult } from './aggregator.js'

const offRamp = new Interface(ccipAbi('offRampV2'))
const UNTOUCHED = 0

/** protocol/v2/execute-gas.ts says why not eth_estimateGas. */
const executeGas = (r: VerifierResult): bigint => executeGasLimit(r.sent.message)

/** One executor node: its own key and connections; sends OffRamp.execute for the queue. */
export class ExecutorNode {
  readonly chains = new Map<string, Chain>()

  constructor(
    readonly index: number,
    readonly key: HDNodeWallet,
    network: NodeNetwork,
    readonly health: NodeHealth,
  ) {
    for (const chain of network.chains) this.chains.set(chain.name, nodeChainAccess(chain))
  }
}

interface Pending {
  result: VerifierResult
  attempts: number
  notBefore: number
}

/**
 * The executors of one destination (Chainlink's executor role): every verified message that
 * names this stack's executor is executed with the committee's result, permissionlessly. Skipped:
 * messages already executed (SUCCESS, or FAILURE, which waits for a manual execution), and, until
 * uncursed, messages whose lane the destination's RMN curses. Executors take turns: a message's
 * first attempt falls to the node its id picks, each retry (backing off) to the next node.
 */
export class ExecutionQueue {
  private readonly pending = new Map<string, Pending>()

  constructor(
    private readonly dest: NodeChain,
    private readonly executors: readonly ExecutorNode[],
    private readonly heads: Heads | undefined,
    private readonly log: Log,
  ) {}

  /** A new result: queued when it is for this destination and names this stack's executor. */
  add(result: VerifierResult, source: NodeChain): void {
    const m = result.sent.message
    if (m.destChainSelector !== this.dest.selector) return
    if (result.sent.executor !== source.v2?.executorProxy.toLowerCase()) return
    this.pending.set(result.messageId, { result, attempts: 0, notBefore: 0 })
  }

  get size(): number {
    return this.pending.size
  }

  async step(): Promise<boolean> {
    const now = Date.now()
    const due = [...this.pending.values()].filter((p) => p.notBefore <= now)
    if (due.length === 0) return false
    const reader = this.executors[0]!.chains.get(this.dest.name)!
    const v2 = this.dest.v2!
    const states = await Promise.all(due.map((p) => executionState(reader, v2.offRamp, p.result.messageId)))
    const sources = [...new Set(due.map((p) => p.result.sent.message.sourceChainSelector))]
    const cursed = new Map(
      await Promise.all(
        sources.map(
          async (s) => [s, await reader.view(this.dest.rmnRemote, isCursed(laneSubject(s)))] as const,
        ),
      ),
    )
    const sends: { pending: Pending; node: ExecutorNode; mined: Promise<MinedTx> }[] = []
    for (const [i, p] of due.entries()) {
      if (states[i] !== UNTOUCHED) {
        this.pending.delete(p.result.messageId) // done, or FAILURE: left for a manual execution
        continue
      }
      if (cursed.get(p.result.sent.message.sourceChainSelector) === true) continue
      const turn = Number((BigInt(p.result.messageId) + BigInt(p.attempts)) % BigInt(this.executors.length))
      const node = this.executors[turn]!
      try {
        const sent = await submit(node.key, this.dest, {
          to: v2.offRamp,
          data: offRamp.encodeFunctionData('execute', [
            p.result.sent.encoded,
            [p.result.destResolver],
            [p.result.ccvData],
            0,
          ]),
          plannedGas: executeGas(p.result),
          minGas: executeGas(p.result),
          timeoutMs: 60_000,
          ...(this.heads === undefined ? {} : { heads: this.heads }),
        })
        sends.push({ pending: p, node, mined: sent.mined })
      } catch (error) {
        this.retryLater(p, node, error)
      }
    }
    const outcomes = await Promise.allSettled(sends.map((s) => s.mined))
    for (const [i, outcome] of outcomes.entries()) {
      const { pending, node } = sends[i]!
      if (outcome.status === 'rejected') this.retryLater(pending, node, outcome.reason)
      else {
        node.health.lastTx = outcome.value.hash
        node.health.rounds += 1
        node.health.lastRoundAt = new Date().toISOString()
        this.pending.delete(pending.result.messageId)
      }
    }
    return sends.length > 0
  }

  private retryLater(p: Pending, node: ExecutorNode, error: unknown): void {
    p.attempts += 1
    p.notBefore = Date.now() + Math.min(200 * 2 ** p.attempts, 10_000)
    const why = error instanceof Error ? error.message.split('\n')[0]! : String(error)
    node.health.lastError = why
    this.log(
      `executor ${node.index} → ${this.dest.name}: ${p.result.messageId}: ${why} (attempt ${p.attempts})`,
    )
  }
}

async function executionState(chain: Chain, offRampAddress: string, messageId: string): Promise<number> {
  const data = offRamp.encodeFunctionData('getExecutionState', [messageId])
  const answer = await chain.request<string>('eth_call', [{ to: offRampAddress, data }, 'latest'])
  return Number(offRamp.decodeFunctionResult('getExecutionState', answer)[0])
}
