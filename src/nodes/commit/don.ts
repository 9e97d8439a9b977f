import { Contract, Interface, toBeHex, zeroPadValue } from 'ethers'
import { ccipAbi } from '../../chain/artifacts.js'
import { encodeCommitReport, packOcrSignatures } from '../../protocol/reports.js'
import type { MerkleRoot, PriceUpdates } from '../../protocol/types.js'
import { PRICES } from '../../stack/settings.js'
import { type NodeChain, type NodeNetwork, sourcesOf } from '../context.js'
import type { Heads } from '../heads.js'
import type { HealthBoard } from '../health.js'
import type { Log } from '../loop.js'
import type { RmnNode } from '../rmn/node.js'
import { LeaderRotation } from '../rotation.js'
import { transmit } from '../transmit.js'
import type { CommitNode, CommitProposal } from './node.js'

const offRampInterface = new Interface(ccipAbi('offRamp'))
/** Refresh on-chain prices well before FeeQuoter's 25 h staleness threshold. */
const PRICE_REFRESH_SECONDS = 3_600
const PRICE_CHECK_INTERVAL_MS = 60_000

/**
 * The commit DON for one destination: n nodes, fault tolerance F. Each round has a leader
 * (rotating with the round number) that proposes roots; the RMN blesses them (fSign+1 sorted
 * signatures); followers verify independently and sign; exactly F+1 OCR signatures go on chain
 * in the leader's `OffRamp.commit` transaction.
 */
export class CommitDon {
  private nextPriceCheck = 0

  constructor(
    private readonly dest: NodeChain,
    private readonly nodes: CommitNode[],
    private readonly rmn: RmnNode[],
    private readonly network: NodeNetwork,
    private readonly f: number,
    private readonly board: HealthBoard,
    private readonly log: Log,
    private readonly heads: Heads,
  ) {
    this.leaders = new LeaderRotation(nodes, board)
  }

  private readonly leaders: LeaderRotation<CommitNode>

  /** One round; true when a report went on chain. */
  async step(): Promise<boolean> {
    const leader = this.leaders.next()
    const roots = await leader.observe(this.dest, (source, n) =>
      this.board.lag(source.name, this.dest.name, n),
    )
    const prices = await this.pricesDue(leader)
    if (roots.length === 0 && prices === undefined) return false

    // Blessing, the followers' checks of the roots and the OCR sequence number are independent:
    // one round trip for all three keeps the round within a block.
    const followers = this.nodes.filter((n) => n !== leader)
    const [rmnSignatures, agreeing, latestSeqNr] = await Promise.all([
      roots.length === 0 ? [] : this.bless(roots),
      this.followersAgreeing(followers, roots),
      leader.latestPriceSeqNr(this.dest),
    ])
    if (rmnSignatures === undefined || agreeing === undefined) return false
    const report = encodeCommitReport({
      priceUpdates: prices ?? { tokenPriceUpdates: [], gasPriceUpdates: [] },
      blessedMerkleRoots: roots,
      unblessedMerkleRoots: [],
      rmnSignatures,
    })
    const ocrSeqNr = latestSeqNr + 1n
    const proposal: CommitProposal = {
      dest: this.dest,
      roots,
      report,
      reportContext: [this.network.commitConfigDigest[this.dest.name]!, zeroPadValue(toBeHex(ocrSeqNr), 32)],
    }
    // The leader signs; the first F followers that verified the roots complete F+1.
    const signatures = [leader.sign(proposal), ...agreeing.slice(0, this.f).map((n) => n.sign(proposal))]
    const { rs, ss, rawVs } = packOcrSignatures(signatures)
    const data = offRampInterface.encodeFunctionData('commit', [
      proposal.reportContext,
      report,
      rs,
      ss,
      rawVs,
    ])
    try {
      const receipt = await transmit(leader.transmitter, this.dest, {
        to: this.dest.offRamp,
        data,
        timeoutMs: 30_000,
        heads: this.heads,
      })
      leader.health.lastTx = receipt.hash
      leader.health.lastCommittedRoot = roots[roots.length - 1]?.merkleRoot ?? leader.health.lastCommittedRoot
      leader.health.lastError = leader.alert
      return true
    } catch (error) {
      // A follower-verified report can still lose a race (another leader committed first): the
      // chain refuses it (InvalidInterval / RootAlreadyCommitted) and the next round re-derives.
      leader.health.lastError = error instanceof Error ? error.message : String(error)
      throw error
    }
  }

  /** fSign+1 RMN blessings over the roots, sorted by signer address as RMNRemote.verify wants. */
  private async bless(roots: MerkleRoot[]) {
    const results = await Promise.all(this.rmn.map((node) => node.bless(this.dest, roots)))
    const blessings = results.flatMap((r) => ('refused' in r ? [] : [r]))
    const needed = this.network.fSign + 1
    if (blessings.length < needed) {
      const reasons = results.flatMap((r) => ('refused' in r ? [r.refused] : []))
      this.log(`commit ${this.dest.name}: RMN blessed ${blessings.length}/${needed}: ${reasons.join('; ')}`)
      return undefined
    }
    return blessings
      .slice(0, needed)
      .sort((a, b) => (BigInt(a.signer) < BigInt(b.signer) ? -1 : 1))
      .map((b) => b.signature)
  }

  /** Followers verify the proposed roots in parallel; F of them must agree. */
  private async followersAgreeing(
    followers: CommitNode[],
    roots: MerkleRoot[],
  ): Promise<CommitNode[] | undefined> {
    const verdicts = await Promise.all(
      followers.map((n) => n.verify(this.dest, roots).catch((e: Error) => e.message)),
    )
    const agreeing = followers.filter((_, i) => verdicts[i] === undefined)
    if (agreeing.length < this.f) {
      const reasons = verdicts.filter((v): v is string => v !== undefined)
      this.log(
        `commit ${this.dest.name}: ${agreeing.length}/${this.f} followers agreed: ${reasons.join('; ')}`,
      )
      return undefined
    }
    return agreeing
  }

  /** Gas and token prices for the destination's FeeQuoter, when they are getting old. */
  private async pricesDue(leader: CommitNode): Promise<PriceUpdates | undefined> {
    if (Date.now() < this.nextPriceCheck) return undefined
    this.nextPriceCheck = Date.now() + PRICE_CHECK_INTERVAL_MS
    const feeQuoter = new Contract(this.dest.feeQuoter, ccipAbi('feeQuoter'), leader.provider(this.dest))
    const now = Math.floor(Date.now() / 1000)
    // Lanes are symmetric: the chains that send over 1.6 are the ones this FeeQuoter prices.
    const remotes = sourcesOf(this.network, this.dest, '1.6')
    const stamps = await Promise.all([
      ...remotes.map((r) => feeQuoter.getFunction('getDestinationChainGasPrice')(r.selector)),
      feeQuoter.getFunction('getTokenPrice')(this.dest.link),
      feeQuoter.getFunction('getTokenPrice')(this.dest.weth),
    ])
    if (stamps.every((s) => now - Number(s.timestamp) < PRICE_REFRESH_SECONDS)) return undefined
    return {
      tokenPriceUpdates: [
        { sourceToken: this.dest.link, usdPerToken: PRICES.link },
        { sourceToken: this.dest.weth, usdPerToken: PRICES.weth },
      ],
      gasPriceUpdates: remotes.map((r) => ({ destChainSelector: r.selector, usdPerUnitGas: PRICES.gas })),
    }
  }
}
