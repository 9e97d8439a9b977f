import type { HDNodeWallet, JsonRpcProvider } from 'ethers'
import type { Chain } from '../../chain/chain.js'
import { type RmnReportContext, rmnReportDigest, toRmnSignature } from '../../protocol/reports.js'
import type { MerkleRoot, Signature } from '../../protocol/types.js'
import { reportReorgs } from '../block-trail.js'
import { NodeConnections } from '../connections.js'
import type { NodeChain, NodeNetwork } from '../context.js'
import type { Heads } from '../heads.js'
import type { NodeHealth } from '../health.js'
import type { Log } from '../loop.js'
import { rootOf, sameRoot } from '../roots.js'

export interface Blessing {
  signer: string
  signature: Signature
}

/**
 * An RMN node: independently re-derives every root it is asked to bless from its own view of the
 * source chain (its own key, its own RPC connection) and signs the RMN report only when every
 * root matches what it sees there, final.
 */
export class RmnNode {
  private readonly rpc: NodeConnections

  constructor(
    readonly index: number,
    readonly wallet: HDNodeWallet,
    private readonly network: NodeNetwork,
    readonly health: NodeHealth,
    heads?: Heads,
    log?: Log,
  ) {
    this.rpc = new NodeConnections(network, heads, reportReorgs(`rmn ${index}`, health, log))
  }

  provider(chain: NodeChain): JsonRpcProvider {
    return this.rpc.provider(chain)
  }

  /** This node's own access to `chain`: its audits read over it. */
  chain(chain: NodeChain): Chain {
    return this.rpc.chain(chain)
  }

  /** Forget source messages below what `dest` already committed (they are settled). */
  prune(dest: NodeChain, source: bigint, below: bigint): void {
    this.rpc.view(source)?.pruneBelow(dest.selector, below)
  }

  get address(): string {
    return this.wallet.address
  }

  /** Verify each root against this node's own source view; the signature, or why not. */
  async bless(dest: NodeChain, roots: readonly MerkleRoot[]): Promise<Blessing | { refused: string }> {
    this.health.rounds += 1
    this.health.lastRoundAt = new Date().toISOString()
    const problems = await Promise.all(roots.map((root) => this.check(dest, root)))
    const problem = problems.find((p) => p !== undefined)
    if (problem !== undefined) {
      this.health.lastError = `refused to bless: ${problem}`
      return { refused: problem }
    }
    // A finality violation on some source stays on the health until the node restarts.
    this.health.lastError = this.rpc.alert
    this.health.lastCommittedRoot = roots[roots.length - 1]?.merkleRoot ?? this.health.lastCommittedRoot
    const context: RmnReportContext = {
      destChainId: dest.chainId,
      destChainSelector: dest.selector,
      rmnRemote: dest.rmnRemote,
      offRamp: dest.offRamp,
      rmnHomeConfigDigest: this.network.rmnHomeConfigDigest,
    }
    const signature = toRmnSignature(this.wallet.signingKey.sign(rmnReportDigest(context, roots)))
    return { signer: this.wallet.address, signature }
  }

  /** undefined when the root is exactly what the source chain holds, finalized; else the reason. */
  async check(dest: NodeChain, root: MerkleRoot, opts = { requireFinal: true }): Promise<string | undefined> {
    const view = this.rpc.view(root.sourceChainSelector)
    if (view === undefined) return `unknown source ${root.sourceChainSelector}`
    await view.refresh()
    // The audit may meet a root again after a destination reorg, below what this view pruned.
    await view.ensureFrom(dest.selector, root.minSeqNr)
    let messages = view.range(dest.selector, root.minSeqNr, root.maxSeqNr)
    if (messages === undefined && !opts.requireFinal) {
      // Auditing a commit already made: before calling its messages missing, read the source up
      // to the chain's own head (this thread's watcher may lag; a false alarm curses a lane).
      await view.refresh(true)
      messages = view.range(dest.selector, root.minSeqNr, root.maxSeqNr)
    }
    if (messages === undefined) return `messages ${root.minSeqNr}-${root.maxSeqNr} not on the source`
    const finalized = view.head - this.network.finalityDepth
    if (opts.requireFinal && messages.some((m) => m.blockNumber > finalized))
      return 'messages not final on the source'
    // Bless nothing more from a source that replaced final blocks. (The audit of commits already
    // made does not vote to curse for this alone: the root checks below still apply to it.)
    if (opts.requireFinal && view.finalityViolation !== undefined) return view.finalityViolation
    if (!sameRoot(rootOf(messages, view.chain), root)) return 'root does not match the source messages'
    return undefined
  }

  close(): void {
    this.rpc.close()
  }
}
