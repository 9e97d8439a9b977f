import type { HDNodeWallet, JsonRpcProvider, Signature } from 'ethers'
import { onRampBytes } from '../../protocol/abi-words.js'
import { MAX_LEAVES } from '../../protocol/merkle.js'
import { ocrReportDigest } from '../../protocol/reports.js'
import { laneSubject } from '../../protocol/rmn-subjects.js'
import type { MerkleRoot } from '../../protocol/types.js'
import { isCursed, latestPriceSequenceNumber, sourceChainMinSeqNr } from '../../protocol/view-calls.js'
import { reportReorgs } from '../block-trail.js'
import { NodeConnections } from '../connections.js'
import { type NodeChain, type NodeNetwork, sourcesOf } from '../context.js'
import type { Heads } from '../heads.js'
import type { NodeHealth } from '../health.js'
import type { Log } from '../loop.js'
import { rootOf, sameRoot } from '../roots.js'

export interface CommitProposal {
  dest: NodeChain
  roots: MerkleRoot[]
  report: string
  reportContext: [string, string]
}

/**
 * A commit-DON node: its own OCR signing key, its own transmitter key, its own RPC connections
 * and its own view of every source chain. As leader it proposes the roots of the finalized,
 * uncommitted messages; as follower it re-derives every proposed root itself and signs only what
 * it verified.
 */
export class CommitNode {
  private readonly rpc: NodeConnections

  constructor(
    readonly index: number,
    private readonly signer: HDNodeWallet,
    readonly transmitter: HDNodeWallet,
    private readonly network: NodeNetwork,
    readonly health: NodeHealth,
    heads?: Heads,
    log?: Log,
  ) {
    this.rpc = new NodeConnections(network, heads, reportReorgs(`commit ${index}`, health, log))
  }

  /** Why this node refuses some source for good (finality violated there), or null. */
  get alert(): string | null {
    return this.rpc.alert
  }

  provider(chain: NodeChain): JsonRpcProvider {
    return this.rpc.provider(chain)
  }

  /** The next sequence number the destination expects from `source` (OffRamp source config). */
  expectedSeq(dest: NodeChain, source: NodeChain): Promise<bigint> {
    return this.rpc.call(dest, dest.offRamp, sourceChainMinSeqNr(source.selector))
  }

  isCursed(dest: NodeChain, source: NodeChain): Promise<boolean> {
    return this.rpc.call(dest, dest.rmnRemote, isCursed(laneSubject(source.selector)))
  }

  /** The OCR sequence number of the destination's last price update. */
  latestPriceSeqNr(dest: NodeChain): Promise<bigint> {
    return this.rpc.call(dest, dest.offRamp, latestPriceSequenceNumber)
  }

  /** Leader: one root per source with finalized, uncommitted messages (at most 256 each). */
  async observe(dest: NodeChain, onLag: (source: NodeChain, n: number) => void): Promise<MerkleRoot[]> {
    const sources = sourcesOf(this.network, dest, '1.6')
    const roots = await Promise.all(
      sources.map(async (source) => {
        const view = this.rpc.view(source.selector)!
        const [expected, cursed] = await Promise.all([
          this.expectedSeq(dest, source),
          this.isCursed(dest, source),
          view.refresh(),
        ])
        view.pruneBelow(dest.selector, expected)
        await view.ensureFrom(dest.selector, expected)
        // The OffRamp refuses roots from a cursed source: commit nothing for it until uncursed.
        if (cursed) return undefined
        onLag(source, view.pendingCount(dest.selector, expected))
        // A source that replaced final blocks may have unsent what it sent: fail closed.
        if (view.finalityViolation !== undefined) {
          this.health.lastError = view.finalityViolation
          return undefined
        }
        const run = view.finalizedRun(
          dest.selector,
          expected,
          view.head - this.network.finalityDepth,
          MAX_LEAVES,
        )
        return run.length > 0 ? rootOf(run, source) : undefined
      }),
    )
    return roots.filter((r): r is MerkleRoot => r !== undefined)
  }

  /**
   * Follower: verify proposed roots from this node's own view of the sources; undefined when
   * every root is exactly what it sees, final; else why not. It signs a report only after this.
   */
  async verify(dest: NodeChain, roots: readonly MerkleRoot[]): Promise<string | undefined> {
    const problems = await Promise.all(roots.map((root) => this.verifyRoot(dest, root)))
    return problems.find((p) => p !== undefined)
  }

  private async verifyRoot(dest: NodeChain, root: MerkleRoot): Promise<string | undefined> {
    const source = this.network.chains.find((c) => c.selector === root.sourceChainSelector)
    if (source === undefined) return `unknown source ${root.sourceChainSelector}`
    if (root.onRampAddress.toLowerCase() !== onRampBytes(source.onRamp)) {
      return 'on-ramp does not match the lane'
    }
    const view = this.rpc.view(source.selector)!
    const [expected] = await Promise.all([this.expectedSeq(dest, source), view.refresh()])
    if (view.finalityViolation !== undefined) return view.finalityViolation
    if (root.minSeqNr !== expected) return `interval starts at ${root.minSeqNr}, expected ${expected}`
    await view.ensureFrom(dest.selector, root.minSeqNr)
    const messages = view.range(dest.selector, root.minSeqNr, root.maxSeqNr)
    if (messages === undefined) return 'messages not seen on the source'
    if (messages.some((m) => m.blockNumber > view.head - this.network.finalityDepth)) {
      return 'messages not final'
    }
    return sameRoot(rootOf(messages, source), root) ? undefined : 'root does not match the source'
  }

  sign(proposal: CommitProposal): Signature {
    return this.signer.signingKey.sign(ocrReportDigest(proposal.report, proposal.reportContext))
  }

  get signerAddress(): string {
    return this.signer.address
  }

  close(): void {
    this.rpc.close()
  }
}
