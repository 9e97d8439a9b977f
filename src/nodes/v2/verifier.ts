import type { HDNodeWallet } from 'ethers'
import type { Chain } from '../../chain/chain.js'
import { signHash } from '../../chain/ecdsa.js'
import { laneSubject } from '../../protocol/rmn-subjects.js'
import { COMMITTEE_VERSION_TAG, committeeSignedHash } from '../../protocol/v2/committee.js'
import { EVENT_TOPICS_V2 } from '../../protocol/v2/events.js'
import { ccvAndExecutorHash } from '../../protocol/v2/message-v1.js'
import { decodeSentV2, type SentV2 } from '../../protocol/v2/sent-event.js'
import { isCursed } from '../../protocol/view-calls.js'
import { nodeChainAccess } from '../connections.js'
import type { NodeChain, NodeNetwork } from '../context.js'
import { type Heads, heightOf } from '../heads.js'
import type { NodeHealth } from '../health.js'
import type { Log } from '../loop.js'
import type { AggregatorClient } from './aggregator-client.js'
import type { SignedSubmission } from './signature-intake.js'

/** The finality bits of a request (ccip-2.0-protocol.md §8): a block depth in the low 16 bits, flags above. */
const DEPTH_MASK = 0xffff

/**
 * One committee verifier node (Chainlink's committee verifier role): with its own key and its
 * own connection to each source, it reads every 2.0 message its committee is asked to verify,
 * waits for the finality the message requested, holds it while the source's RMN curses the lane,
 * and signs keccak256(tag ‖ messageId) for the aggregator (over HTTP: aggregator-client.ts). It
 * signs only what it read itself, and only a message consistent with itself: id =
 * keccak256(encoded message), CCV and executor hash matching the receipts, its own resolver among
 * the CCVs with the committee's tag.
 */
export class CommitteeVerifierNode {
  private readonly chains = new Map<string, Chain>()
  /** Per source: the last block read. */
  private readonly scanned = new Map<string, number>()
  /** Per source: messages read and not yet signed (not final, or their lane cursed). */
  private readonly waiting = new Map<string, SentV2[]>()

  constructor(
    readonly index: number,
    private readonly key: HDNodeWallet,
    private readonly network: NodeNetwork,
    readonly health: NodeHealth,
    private readonly aggregator: AggregatorClient,
    private readonly heads: Heads | undefined,
    private readonly log: Log,
  ) {
    for (const chain of network.chains) this.chains.set(chain.name, nodeChainAccess(chain))
  }

  /** Read `source`'s new messages and sign the ones that became final; whether any was signed. */
  async step(source: NodeChain): Promise<boolean> {
    const v2 = source.v2
    if (v2 === undefined) return false
    const chain = this.chains.get(source.name)!
    const head = await heightOf(chain, this.heads)
    const waiting = this.waiting.get(source.name) ?? []
    this.waiting.set(source.name, waiting)
    const from = (this.scanned.get(source.name) ?? source.startBlock - 1) + 1
    if (from <= head) {
      const logs = await chain.logs({
        address: v2.onRamp,
        topics: [EVENT_TOPICS_V2.ccipMessageSent],
        fromBlock: from,
        toBlock: head,
      })
      for (const log of logs) {
        const sent = this.readMessage(source, log)
        if (sent !== undefined) waiting.push(sent)
      }
      this.scanned.set(source.name, head)
    }
    const due = waiting.filter((m) => this.isFinal(m, head))
    if (due.length === 0) return false
    const cursed = new Map<bigint, boolean>()
    for (const dest of new Set(due.map((m) => m.message.destChainSelector))) {
      cursed.set(dest, await chain.view(source.rmnRemote, isCursed(laneSubject(dest))))
    }
    const signed = new Set<SentV2>()
    const submissions: SignedSubmission[] = []
    for (const sent of due) {
      if (cursed.get(sent.message.destChainSelector) === true) continue
      const sig = signHash(committeeSignedHash(sent.messageId), this.key.privateKey)
      submissions.push({
        attested: sent,
        signature: { signer: this.key.address, r: sig.r, s: sig.s, yParity: sig.yParity },
      })
      signed.add(sent)
    }
    // Kept waiting until the aggregator took them: an aggregator not up yet gets them next round.
    if (submissions.length > 0) await this.aggregator.submit(submissions)
    // One pass, not a splice per message: a backlog signs thousands at once.
    if (signed.size > 0)
      this.waiting.set(
        source.name,
        waiting.filter((m) => !signed.has(m)),
      )
    return signed.size > 0
  }

  /** The message a log tells, when this committee is asked to verify it and it is consistent. */
  private readMessage(source: NodeChain, log: Parameters<typeof decodeSentV2>[0]): SentV2 | undefined {
    let sent: SentV2
    try {
      sent = decodeSentV2(log)
    } catch (error) {
      this.log(`verifier ${this.index}: ${source.name} ${(error as Error).message}: not signed`)
      return undefined
    }
    const resolver = source.v2!.verifierResolver.toLowerCase()
    const at = sent.ccvs.indexOf(resolver)
    if (at < 0) return undefined // another verifier's message
    const problem =
      sent.message.sourceChainSelector !== source.selector
        ? 'names another source chain'
        : ccvAndExecutorHash(sent.ccvs, sent.executor) !== sent.message.ccvAndExecutorHash.toLowerCase()
          ? 'does not hash to its CCVs and executor'
          : !sent.verifierBlobs[at]!.toLowerCase().startsWith(COMMITTEE_VERSION_TAG)
            ? "carries another verifier's tag"
            : undefined
    if (problem === undefined) return sent
    this.log(`verifier ${this.index}: ${source.name} message ${sent.messageId} ${problem}: not signed`)
    return undefined
  }

  /**
   * Whether the finality `m` asked for is reached at `head`: a block depth N once N blocks are on
   * top (never later than the stack's finality), anything else once final in the stack's sense.
   */
  private isFinal(m: SentV2, head: number): boolean {
    const depth = m.message.finality & DEPTH_MASK
    const flags = m.message.finality >>> 16
    const needed =
      flags === 0 && depth > 0 ? Math.min(depth, this.network.finalityDepth) : this.network.finalityDepth
    return m.blockNumber + needed <= head
  }

  close(): void {
    this.aggregator.close()
  }
}
