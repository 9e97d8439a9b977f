import { Interface } from 'ethers'
import { ownArtifact } from '../../chain/artifacts.js'
import type { Chain } from '../../chain/chain.js'
import { commitRoots, EVENT_TOPICS } from '../../protocol/event-words.js'
import { laneSubject } from '../../protocol/rmn-subjects.js'
import type { MerkleRoot } from '../../protocol/types.js'
import { BlockTrail, describeReorg } from '../block-trail.js'
import type { NodeChain } from '../context.js'
import { type Heads, heightOf } from '../heads.js'
import type { Log } from '../loop.js'
import { transmit } from '../transmit.js'
import type { RmnNode } from './node.js'

const authority = new Interface(ownArtifact('curseAuthority').abi)

/** The RMN curse subject of a chain: its selector as a big-endian bytes16. */

/**
 * The RMN as an independent firewall: every node watches every commit on a destination and
 * re-derives each committed root from its own view of the source. A root it cannot reproduce
 * (a compromised or faulty commit DON) makes it vote, on the destination's curse authority, to
 * curse that source there; fSign+1 votes curse the lane and nothing more from it is committed
 * or executed.
 */
export class CommitMonitor {
  private scannedTo = -1
  private readonly voted = new Set<string>()
  /** A commit in blocks a reorg replaced is not the one audited: those blocks are audited again. */
  private readonly trail: BlockTrail

  constructor(
    private readonly node: RmnNode,
    private readonly dest: NodeChain,
    private readonly access: Chain,
    private readonly curseAuthority: string,
    private readonly log: Log,
    private readonly heads: Heads,
    finalityDepth: number,
  ) {
    this.trail = new BlockTrail(access, finalityDepth)
  }

  async step(): Promise<boolean> {
    const latest = await heightOf(this.access, this.heads)
    const { readFrom, reorg } = await this.trail.sync(this.scannedTo, this.scannedTo, latest)
    if (reorg !== undefined) this.log(`rmn ${this.node.index} audit: ${describeReorg(reorg)}`)
    this.scannedTo = readFrom - 1
    if (latest <= this.scannedTo) return false
    const logs = await this.access.logs({
      address: this.dest.offRamp,
      topics: [EVENT_TOPICS.commitReportAccepted],
      fromBlock: this.scannedTo + 1,
      toBlock: latest,
    })
    this.scannedTo = latest
    for (const log of logs) {
      const commit = commitRoots(log)
      for (const root of [...commit.blessed, ...commit.unblessed]) await this.audit(root, log.blockNumber)
    }
    return false
  }

  private async audit(root: MerkleRoot, block: number): Promise<void> {
    const problem = await this.node.check(this.dest, root, { requireFinal: false })
    if (problem === undefined) {
      this.node.prune(this.dest, root.sourceChainSelector, root.minSeqNr)
      return
    }
    const key = `${root.sourceChainSelector}:${root.merkleRoot}`
    if (this.voted.has(key)) return
    this.voted.add(key)
    const reason = `root ${root.merkleRoot} for seq ${root.minSeqNr}-${root.maxSeqNr} committed in block ${block}: ${problem}`
    this.log(
      `rmn ${this.node.index} on ${this.dest.name}: voting to curse source ${root.sourceChainSelector}: ${reason}`,
    )
    const data = authority.encodeFunctionData('voteToCurse', [laneSubject(root.sourceChainSelector), reason])
    try {
      const receipt = await transmit(this.node.wallet, this.dest, {
        to: this.curseAuthority,
        data,
        timeoutMs: 30_000,
        // Estimated alone, a vote is cheap; mined after another node's it may be the one that
        // reaches the threshold and calls RMNRemote.curse, which costs more.
        minGas: 400_000n,
        heads: this.heads,
      })
      this.node.health.lastTx = receipt.hash
      this.node.health.lastError = `voted to curse ${root.sourceChainSelector} on ${this.dest.name}: ${problem}`
    } catch (error) {
      this.node.health.lastError = `curse vote failed: ${(error as Error).message}`
    }
  }
}
