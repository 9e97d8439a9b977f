import { encodeExecutionReportsWords, executeCalldata } from '../../protocol/abi-encode.js'
import type { NodeChain, NodeNetwork } from '../context.js'
import type { Heads } from '../heads.js'
import type { HealthBoard } from '../health.js'
import type { Log } from '../loop.js'
import { LeaderRotation } from '../rotation.js'
import { GAS_ESTIMATION_SENDER, submit } from '../transmit.js'
import { InFlight } from './inflight.js'
import type { ExecNode } from './node.js'
import { planBatch, plannedGas, type RootWork } from './plan.js'

/**
 * The execution DON for one destination. Each round a rotating leader executes the pending
 * messages of committed roots in one batch. Gas is checked as the special estimation sender,
 * for which the OffRamp reverts on insufficient gas instead of recording a FAILURE. A batch the
 * chain refuses is retried root by root, so one bad root cannot hold up the others. Rounds do not
 * wait for the previous batch's block: messages in flight are held back (InFlight), so a root
 * committed meanwhile is executed in the very next block.
 */
export class ExecDon {
  constructor(
    private readonly dest: NodeChain,
    nodes: ExecNode[],
    private readonly network: NodeNetwork,
    board: HealthBoard,
    private readonly log: Log,
    private readonly heads: Heads,
  ) {
    this.leaders = new LeaderRotation(nodes, board)
  }

  private readonly leaders: LeaderRotation<ExecNode>
  private readonly inFlight = new InFlight()

  /** One round; true when there was something to execute. */
  async step(): Promise<boolean> {
    const leader = this.leaders.next()
    const work = await leader.work(this.dest, this.inFlight)
    if (work.length === 0) return false
    try {
      await this.execute(leader, work)
    } catch (error) {
      if (work.length === 1) throw error
      this.log(`exec ${this.dest.name}: batch refused (${(error as Error).message}); retrying root by root`)
      for (const item of work) {
        await this.execute(leader, [item]).catch((e: Error) =>
          this.log(`exec ${this.dest.name}: ${e.message}`),
        )
      }
    }
    return true
  }

  private async execute(leader: ExecNode, work: RootWork[]): Promise<void> {
    const reports = planBatch(work)
    if (reports.length === 0) return
    const context = [this.network.execConfigDigest[this.dest.name]!, `0x${'00'.repeat(32)}`] as const
    const data = executeCalldata(context, encodeExecutionReportsWords(reports))
    try {
      const sent = await submit(leader.transmitter, this.dest, {
        to: this.dest.offRamp,
        data,
        estimateFrom: GAS_ESTIMATION_SENDER,
        plannedGas: plannedGas(reports, data),
        timeoutMs: 30_000,
        heads: this.heads,
      })
      const settle = this.inFlight.hold(
        reports.flatMap((r) =>
          r.messages.map((m) => InFlight.key(r.sourceChainSelector, m.header.sequenceNumber)),
        ),
      )
      sent.mined.then(
        (mined) => {
          settle(mined.blockNumber)
          leader.health.lastTx = mined.hash
          leader.health.lastError = leader.alert
        },
        (error: Error) => {
          // Released: the next round takes these messages again from what the chain says.
          settle(undefined)
          leader.health.lastError = error.message
          this.log(`exec ${this.dest.name}: ${error.message}`)
        },
      )
    } catch (error) {
      leader.health.lastError = (error as Error).message
      throw error
    }
  }
}
