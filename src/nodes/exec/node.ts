import type { HDNodeWallet, JsonRpcProvider } from 'ethers'
import { laneSubject } from '../../protocol/rmn-subjects.js'
import { isCursed } from '../../protocol/view-calls.js'
import { reportReorgs } from '../block-trail.js'
import { NodeConnections } from '../connections.js'
import type { NodeChain, NodeNetwork } from '../context.js'
import { DestView } from '../dest-view.js'
import type { Heads } from '../heads.js'
import type { NodeHealth } from '../health.js'
import type { Log } from '../loop.js'
import { InFlight } from './inflight.js'
import type { RootWork } from './plan.js'

/**
 * An execution-DON node: its own transmitter key and RPC connections, its own view of the
 * committed roots and execution states on each destination and of the messages on each source.
 */
export class ExecNode {
  private readonly rpc: NodeConnections
  private readonly dests = new Map<string, DestView>()

  constructor(
    readonly index: number,
    readonly transmitter: HDNodeWallet,
    private readonly network: NodeNetwork,
    readonly health: NodeHealth,
    heads?: Heads,
    log?: Log,
  ) {
    const onReorg = reportReorgs(`exec ${index}`, health, log)
    this.rpc = new NodeConnections(network, heads, onReorg)
    for (const chain of network.chains) {
      this.dests.set(
        chain.name,
        new DestView(chain, this.rpc.chain(chain), network.finalityDepth, heads, onReorg),
      )
    }
  }

  /** Why this node refuses some source for good (finality violated there), or null. */
  get alert(): string | null {
    return this.rpc.alert
  }

  provider(chain: NodeChain): JsonRpcProvider {
    return this.rpc.provider(chain)
  }

  /**
   * Committed roots on `dest` with messages still to execute, skipping sources cursed there and
   * messages `inFlight` holds (an execute for them is waiting for its block).
   */
  async work(dest: NodeChain, inFlight?: InFlight): Promise<RootWork[]> {
    const view = this.dests.get(dest.name)!
    await view.refresh()
    inFlight?.forgetSeen(view.scannedTo)
    const open = view.openRoots()
    if (open.length === 0) return []
    const selectors = [...new Set(open.map((r) => r.sourceChainSelector))]
    // Each source's curse flag and new messages: read for all sources at once.
    const cursed = new Map(
      await Promise.all(
        selectors.map(async (sel) => {
          const [isCursed] = await Promise.all([this.isCursed(dest, sel), this.rpc.view(sel)?.refresh()])
          return [sel, isCursed] as const
        }),
      ),
    )
    const work: RootWork[] = []
    for (const root of open) {
      const sel = root.sourceChainSelector
      // A cursed source would only produce SkippedReportExecution: leave its messages untouched.
      if (cursed.get(sel) === true) continue
      // A source that replaced final blocks may have unsent a committed message: fail closed.
      if (this.rpc.view(sel)?.finalityViolation !== undefined) continue
      const source = this.network.chains.find((c) => c.selector === sel)
      await this.rpc.view(sel)?.ensureFrom(dest.selector, root.minSeqNr)
      const all = this.rpc.view(sel)?.range(dest.selector, root.minSeqNr, root.maxSeqNr)
      if (source === undefined || all === undefined) continue
      const pending = all.filter((m) => {
        const seq = m.message.header.sequenceNumber
        return !view.isDone(sel, seq) && !inFlight?.holds(InFlight.key(sel, seq), view.scannedTo)
      })
      if (pending.length > 0) work.push({ root, source, all, pending })
    }
    this.prune(dest, open)
    return work
  }

  private isCursed(dest: NodeChain, source: bigint): Promise<boolean> {
    return this.rpc.call(dest, dest.rmnRemote, isCursed(laneSubject(source)))
  }

  /** Source messages below the oldest open root of each lane are executed: drop them. */
  private prune(dest: NodeChain, open: { sourceChainSelector: bigint; minSeqNr: bigint }[]): void {
    for (const source of this.network.chains) {
      const sel = source.selector
      const view = this.rpc.view(sel)!
      // Roots of one lane are committed in sequence order, so the first open one is the lowest.
      const floor = open.find((r) => r.sourceChainSelector === sel)?.minSeqNr
      if (floor !== undefined) view.pruneBelow(dest.selector, floor)
    }
  }

  close(): void {
    this.rpc.close()
  }
}
