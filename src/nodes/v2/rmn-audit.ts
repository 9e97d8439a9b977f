import { type HDNodeWallet, Interface } from 'ethers'
import { ownArtifact } from '../../chain/artifacts.js'
import type { Chain } from '../../chain/chain.js'
import { laneSubject } from '../../protocol/rmn-subjects.js'
import { EVENT_TOPICS_V2 } from '../../protocol/v2/events.js'
import { decodeExecutionChangedV2, decodeSentV2 } from '../../protocol/v2/sent-event.js'
import { nodeChainAccess } from '../connections.js'
import type { NodeChain, NodeNetwork } from '../context.js'
import { type Heads, heightOf } from '../heads.js'
import type { NodeHealth } from '../health.js'
import type { Log } from '../loop.js'
import { transmit } from '../transmit.js'

const authority = new Interface(ownArtifact('curseAuthority').abi)

/**
 * The RMN as the independent firewall of 2.0 lanes. 2.0 has no blessing: whoever holds a
 * threshold of committee signatures can execute a message on the destination. So every RMN node
 * watches every 2.0 execution on a destination and looks the message up on the source over its
 * own connection: a message the source never sent (forged or stolen committee keys), or one that
 * differs from what was sent, makes it vote on the destination's curse authority to curse that
 * source there; fSign+1 votes curse the lane, and executors and the OffRamp stop taking it.
 */
export class ExecutionAudit {
  private scannedTo = -1
  private readonly voted = new Set<string>()
  private readonly chains = new Map<string, Chain>()

  constructor(
    private readonly node: { index: number; wallet: HDNodeWallet; health: NodeHealth },
    private readonly dest: NodeChain,
    private readonly network: NodeNetwork,
    private readonly heads: Heads,
    private readonly log: Log,
  ) {
    for (const chain of network.chains) this.chains.set(chain.name, nodeChainAccess(chain))
  }

  async step(): Promise<boolean> {
    const access = this.chains.get(this.dest.name)!
    const latest = await heightOf(access, this.heads)
    if (latest <= this.scannedTo) return false
    const logs = await access.logs({
      address: this.dest.v2!.offRamp,
      topics: [EVENT_TOPICS_V2.executionStateChanged],
      fromBlock: this.scannedTo + 1,
      toBlock: latest,
    })
    this.scannedTo = latest
    for (const log of logs) {
      const executed = decodeExecutionChangedV2(log)
      const problem = await this.check(executed.sourceChainSelector, executed.messageId)
      if (problem !== undefined) await this.vote(executed.sourceChainSelector, executed.messageId, problem)
    }
    return false
  }

  /** Why the source's history does not back this execution, or undefined when it does. */
  private async check(sourceSelector: bigint, messageId: string): Promise<string | undefined> {
    const source = this.network.chains.find((c) => c.selector === sourceSelector)
    if (source?.v2 === undefined) return `executed from ${sourceSelector}, which has no 2.0 OnRamp here`
    const sends = await this.chains.get(source.name)!.logs({
      address: source.v2.onRamp,
      topics: [EVENT_TOPICS_V2.ccipMessageSent, null, null, messageId],
      fromBlock: source.startBlock,
    })
    if (sends.length === 0) return `message ${messageId} was never sent on ${source.name}`
    try {
      const sent = decodeSentV2(sends[0]!)
      if (sent.message.destChainSelector !== this.dest.selector)
        return `message ${messageId} was sent to another chain`
    } catch (error) {
      return `message ${messageId} as sent on ${source.name} is malformed: ${(error as Error).message}`
    }
    return undefined
  }

  private async vote(source: bigint, messageId: string, problem: string): Promise<void> {
    if (this.voted.has(messageId)) return
    this.voted.add(messageId)
    const reason = `2.0 execution not backed by the source: ${problem}`
    this.log(`rmn ${this.node.index} on ${this.dest.name}: voting to curse source ${source}: ${reason}`)
    try {
      const receipt = await transmit(this.node.wallet, this.dest, {
        to: this.dest.curseAuthority,
        data: authority.encodeFunctionData('voteToCurse', [laneSubject(source), reason]),
        timeoutMs: 30_000,
        // The vote that reaches the threshold also curses on the RMN: budget for that one.
        minGas: 400_000n,
        heads: this.heads,
      })
      this.node.health.lastTx = receipt.hash
      this.node.health.lastError = `voted to curse ${source} on ${this.dest.name}: ${problem}`
    } catch (error) {
      this.node.health.lastError = `curse vote failed: ${(error as Error).message}`
    }
  }
}
