import { type Contract, type HDNodeWallet, type JsonRpcProvider, toBeHex, zeroPadValue } from 'ethers'
import { NodeConnections } from '../connections.js'
import type { NodeChain, NodeNetwork } from '../context.js'
import { DestView } from '../dest-view.js'
import type { Heads } from '../heads.js'
import type { NodeHealth } from '../health.js'
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
  ) {
    this.rpc = new NodeConnections(network, heads)
    for (const chain of network.chains) this.dests.set(chain.name, new DestView(chain, heads))
  }

  provider(chain: NodeChain): JsonRpcProvider {
    return this.rpc.provider(chain)
  }

  private rmnRemote(dest: NodeChain): Contract {
    return this.rpc.contract(dest, dest.rmnRemote, 'rmnRemote')
  }

  /** Committed roots on `dest` with messages still to execute, skipping sources cursed there. */
  async work(dest: NodeChain): Promise<RootWork[]> {
    const view = this.dests.get(dest.name)!
    await view.refresh()
    const open = view.openRoots()
    if (open.length === 0) return []
    const rmn = this.rmnRemote(dest)
    const cursed = new Map<bigint, boolean>()
    const work: RootWork[] = []
    for (const root of open) {
      const sel = root.sourceChainSelector
      if (!cursed.has(sel)) {
        // A cursed source would only produce SkippedReportExecution: leave its messages untouched.
        const subject = zeroPadValue(toBeHex(sel), 16)
        const read = () => rmn.getFunction('isCursed(bytes16)')(subject).then(Boolean)
        cursed.set(sel, await this.rpc.perBlock(dest, `cursed:${sel}`, read))
        await this.rpc.view(sel)?.refresh()
      }
      if (cursed.get(sel) === true) continue
      const source = this.network.chains.find((c) => c.selector === sel)
      const sourceView = this.rpc.view(sel)
      const all = sourceView?.range(dest.selector, root.minSeqNr, root.maxSeqNr)
      if (source === undefined || all === undefined) continue
      const pending = all.filter((m) => !view.isDone(sel, m.message.header.sequenceNumber))
      if (pending.length > 0) work.push({ root, source, all, pending })
    }
    this.prune(dest, open)
    return work
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
