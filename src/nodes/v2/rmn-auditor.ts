import { type HDNodeWallet, Interface } from 'ethers'
import { ownArtifact } from '../../chain/artifacts.js'
import type { Chain } from '../../chain/chain.js'
import { laneSubject } from '../../protocol/rmn-subjects.js'
import { EVENT_TOPICS_V2, sentHeaderV2 } from '../../protocol/v2/events.js'
import { nodeChainAccess } from '../connections.js'
import type { NodeChain, NodeNetwork } from '../context.js'
import { type Heads, heightOf } from '../heads.js'
import type { NodeHealth } from '../health.js'
import type { Log } from '../loop.js'
import { transmit } from '../transmit.js'

const authority = new Interface(ownArtifact('curseAuthority').abi)

export interface RmnNodeKey {
  index: number
  wallet: HDNodeWallet
  health: NodeHealth
}

/**
 * One RMN node's judgement on 2.0 lanes, shared by its audits (rmn-audit.ts): whether its own view
 * of a source backs a message, and its vote to curse a lane that carried one it does not. 2.0 has
 * no blessing: whoever holds a threshold of committee signatures can get a message executed, so
 * the RMN is the independent check of what the committee attested.
 */
export class RmnAuditor {
  private readonly voted = new Set<string>()
  private readonly chains = new Map<string, Chain>()
  private readonly sends = new Map<string, { ids: Map<string, bigint>; scannedTo: number }>()

  constructor(
    readonly node: RmnNodeKey,
    readonly network: NodeNetwork,
    private readonly heads: Heads,
    private readonly log: Log,
  ) {
    for (const chain of network.chains) this.chains.set(chain.name, nodeChainAccess(chain))
  }

  access(chain: string): Chain {
    return this.chains.get(chain)!
  }

  /**
   * Why the source's history does not back message `messageId` to `destSelector`, or undefined
   * when it does. The id is keccak256 of the message's bytes: a sent message with this id is
   * these bytes.
   */
  async problemWith(
    sourceSelector: bigint,
    destSelector: bigint,
    messageId: string,
  ): Promise<string | undefined> {
    const source = this.network.chains.find((c) => c.selector === sourceSelector)
    if (source?.v2 === undefined) return `source ${sourceSelector} has no 2.0 OnRamp here`
    const sentTo = (await this.sendsOf(source)).get(messageId.toLowerCase())
    if (sentTo === undefined) return `message ${messageId} was never sent on ${source.name}`
    if (sentTo !== destSelector) return `message ${messageId} was sent to another chain`
    return undefined
  }

  /**
   * Every message `source` sent, id → destination, read up to its current head. Built from the
   * whole history once, then block by block: an audit is a lookup, not a scan of the history.
   */
  private async sendsOf(source: NodeChain): Promise<Map<string, bigint>> {
    let index = this.sends.get(source.name)
    if (index === undefined) {
      index = { ids: new Map(), scannedTo: source.startBlock - 1 }
      this.sends.set(source.name, index)
    }
    const access = this.access(source.name)
    const head = await heightOf(access, this.heads)
    if (head > index.scannedTo) {
      const logs = await access.logs({
        address: source.v2!.onRamp,
        topics: [EVENT_TOPICS_V2.ccipMessageSent],
        fromBlock: index.scannedTo + 1,
        toBlock: head,
      })
      for (const log of logs) {
        const { messageId, destChainSelector } = sentHeaderV2(log)
        index.ids.set(messageId, destChainSelector)
      }
      index.scannedTo = head
    }
    return index.ids
  }

  /** Vote (once per message) on `destSelector`'s curse authority to curse `sourceSelector` there. */
  async vote(destSelector: bigint, sourceSelector: bigint, messageId: string, reason: string): Promise<void> {
    const dest = this.network.chains.find((c) => c.selector === destSelector)
    if (dest === undefined || this.voted.has(messageId)) return
    this.voted.add(messageId)
    const { index, wallet, health } = this.node
    this.log(`rmn ${index} on ${dest.name}: voting to curse source ${sourceSelector}: ${reason}`)
    try {
      const receipt = await transmit(wallet, dest, {
        to: dest.curseAuthority,
        data: authority.encodeFunctionData('voteToCurse', [laneSubject(sourceSelector), reason]),
        timeoutMs: 30_000,
        // The vote that reaches the threshold also curses on the RMN: budget for that one.
        minGas: 400_000n,
        heads: this.heads,
      })
      health.lastTx = receipt.hash
      health.lastError = `voted to curse ${sourceSelector} on ${dest.name}: ${reason}`
    } catch (error) {
      health.lastError = `curse vote failed: ${(error as Error).message}`
    }
  }
}
