import type { HDNodeWallet, JsonRpcProvider } from 'ethers'
import { makeProvider } from '../../chain/provider.js'
import { type RmnReportContext, rmnReportDigest, toRmnSignature } from '../../protocol/reports.js'
import type { MerkleRoot, Signature } from '../../protocol/types.js'
import type { NodeChain, NodeNetwork } from '../context.js'
import type { NodeHealth } from '../health.js'
import { rootOf, sameRoot } from '../roots.js'
import { SourceView } from '../source-view.js'

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
  private readonly providers = new Map<string, JsonRpcProvider>()
  private readonly views = new Map<bigint, SourceView>()

  constructor(
    readonly index: number,
    readonly wallet: HDNodeWallet,
    private readonly network: NodeNetwork,
    readonly health: NodeHealth,
  ) {
    for (const chain of network.chains) {
      const provider = makeProvider(chain.rpcUrl, chain.chainId)
      this.providers.set(chain.name, provider)
      this.views.set(chain.selector, new SourceView(chain))
    }
  }

  provider(chain: NodeChain): JsonRpcProvider {
    return this.providers.get(chain.name)!
  }

  /** Forget source messages below what `dest` already committed (they are settled). */
  prune(dest: NodeChain, source: bigint, below: bigint): void {
    this.views.get(source)?.pruneBelow(dest.selector, below)
  }

  get address(): string {
    return this.wallet.address
  }

  /** Verify each root against this node's own source view; the signature, or why not. */
  async bless(dest: NodeChain, roots: readonly MerkleRoot[]): Promise<Blessing | { refused: string }> {
    this.health.rounds += 1
    this.health.lastRoundAt = new Date().toISOString()
    for (const root of roots) {
      const problem = await this.check(dest, root)
      if (problem !== undefined) {
        this.health.lastError = `refused to bless: ${problem}`
        return { refused: problem }
      }
    }
    this.health.lastError = null
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
    const view = this.views.get(root.sourceChainSelector)
    if (view === undefined) return `unknown source ${root.sourceChainSelector}`
    await view.refresh()
    const messages = view.range(dest.selector, root.minSeqNr, root.maxSeqNr)
    if (messages === undefined) return `messages ${root.minSeqNr}-${root.maxSeqNr} not on the source`
    const finalized = view.head - this.network.finalityDepth
    if (opts.requireFinal && messages.some((m) => m.blockNumber > finalized))
      return 'messages not final on the source'
    if (!sameRoot(rootOf(messages, view.chain), root)) return 'root does not match the source messages'
    return undefined
  }

  close(): void {
    for (const p of this.providers.values()) p.destroy()
  }
}
