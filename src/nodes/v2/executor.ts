import { type HDNodeWallet, Interface } from 'ethers'
import { ccipAbi } from '../../chain/artifacts.js'
import type { Chain } from '../../chain/chain.js'
import { signEip1559 } from '../../chain/raw-tx.js'
import { laneSubject } from '../../protocol/rmn-subjects.js'
import { EVENT_TOPICS_V2, executionWordsV2 } from '../../protocol/v2/events.js'
import { executeGasLimit } from '../../protocol/v2/execute-gas.js'
import { isCursed } from '../../protocol/view-calls.js'
import { nodeChainAccess } from '../connections.js'
import type { NodeChain, NodeNetwork } from '../context.js'
import { type Heads, heightOf } from '../heads.js'
import type { NodeHealth } from '../health.js'
import type { Log } from '../loop.js'
import type { VerifierResult } from './aggregator.js'

const offRamp = new Interface(ccipAbi('offRampV2'))
/** A sent execute that produced no ExecutionStateChanged within this many blocks is sent again. */
const RETRY_AFTER_BLOCKS = 10

/** One executor node: its own key and connections, and the nonce it sends with next on each chain. */
export class ExecutorNode {
  readonly chains = new Map<string, Chain>()
  /** Per chain: the next nonce, kept locally so a burst of executes needs no round trip each. */
  private readonly nonces = new Map<string, number>()

  constructor(
    readonly index: number,
    readonly key: HDNodeWallet,
    network: NodeNetwork,
    readonly health: NodeHealth,
  ) {
    for (const chain of network.chains) this.chains.set(chain.name, nodeChainAccess(chain))
  }

  /**
   * Sign and send OffRamp.execute for each result, back to back with consecutive nonces (the
   * chain batches the sends into one request). Resolves with the ids whose send was refused;
   * a refusal makes the next burst read the nonce from the chain again.
   */
  async send(dest: NodeChain, results: readonly VerifierResult[], baseFee: bigint): Promise<Set<string>> {
    const chain = this.chains.get(dest.name)!
    let nonce =
      this.nonces.get(dest.name) ??
      Number(await chain.request<string>('eth_getTransactionCount', [this.key.address, 'pending']))
    const refused = new Set<string>()
    const sends = results.map((r) => {
      const signed = signEip1559(this.key.signingKey, {
        chainId: dest.chainId,
        nonce: nonce++,
        to: dest.v2!.offRamp,
        data: offRamp.encodeFunctionData('execute', [r.sent.encoded, [r.destResolver], [r.ccvData], 0]),
        // eth_estimateGas is no guide here (protocol/v2/execute-gas.ts).
        gasLimit: executeGasLimit(r.sent.message),
        maxPriorityFeePerGas: 1_000_000n,
        maxFeePerGas: baseFee * 2n + 1_000_000n,
      })
      return chain.request<string>('eth_sendRawTransaction', [signed.serialized]).then(
        (hash) => {
          this.health.lastTx = hash
        },
        (error: Error) => {
          refused.add(r.messageId)
          this.health.lastError = error.message.split('\n')[0]!
        },
      )
    })
    await Promise.all(sends)
    if (refused.size > 0) this.nonces.delete(dest.name)
    else this.nonces.set(dest.name, nonce)
    this.health.rounds += 1
    this.health.lastRoundAt = new Date().toISOString()
    return refused
  }
}

interface Pending {
  result: VerifierResult
  /** The destination block at which its execute was last sent; undefined: not sent yet. */
  sentAt?: number
  attempts: number
}

/**
 * The executors of one destination (Chainlink's executor role): every verified message that
 * names this stack's executor is executed with the committee's result, permissionlessly. What the
 * OffRamp executed (SUCCESS, or FAILURE, which waits for a manual execution) is read from its
 * ExecutionStateChanged logs, not asked per message, so a backlog of thousands costs one log read
 * per block; a lane the destination's RMN curses is held until uncursed. The executors split the
 * messages by id and send their shares in bursts; a send with no execution after a few blocks
 * goes to the next executor.
 */
export class ExecutionQueue {
  private readonly pending = new Map<string, Pending>()
  /** Ids the OffRamp has executed (either outcome): results for them are not queued again. */
  private readonly executed = new Set<string>()
  private scannedTo: number

  constructor(
    private readonly dest: NodeChain,
    private readonly executors: readonly ExecutorNode[],
    private readonly heads: Heads | undefined,
    private readonly log: Log,
  ) {
    this.scannedTo = dest.startBlock - 1
  }

  /** A new result: queued when it is for this destination, names this stack's executor and is not executed. */
  add(result: VerifierResult, source: NodeChain): void {
    const m = result.sent.message
    if (m.destChainSelector !== this.dest.selector || this.executed.has(result.messageId)) return
    if (result.sent.executor !== source.v2?.executorProxy.toLowerCase()) return
    if (!this.pending.has(result.messageId)) this.pending.set(result.messageId, { result, attempts: 0 })
  }

  get size(): number {
    return this.pending.size
  }

  async step(): Promise<boolean> {
    const reader = this.executors[0]!.chains.get(this.dest.name)!
    const head = await heightOf(reader, this.heads)
    await this.readExecutions(reader, head)
    const due = [...this.pending.values()].filter(
      (p) => p.sentAt === undefined || head - p.sentAt >= RETRY_AFTER_BLOCKS,
    )
    if (due.length === 0) return false
    const sources = [...new Set(due.map((p) => p.result.sent.message.sourceChainSelector))]
    const cursed = new Set<bigint>()
    await Promise.all(
      sources.map(async (s) => {
        if (await reader.view(this.dest.rmnRemote, isCursed(laneSubject(s)))) cursed.add(s)
      }),
    )
    const ready = due.filter((p) => !cursed.has(p.result.sent.message.sourceChainSelector))
    if (ready.length === 0) return false
    const block = await reader.request<{ baseFeePerGas?: string } | null>('eth_getBlockByNumber', [
      'latest',
      false,
    ])
    const baseFee = BigInt(block?.baseFeePerGas ?? '0x3b9aca00')
    const shares = this.executors.map(() => [] as Pending[])
    for (const p of ready) {
      const turn = (BigInt(p.result.messageId) + BigInt(p.attempts)) % BigInt(this.executors.length)
      shares[Number(turn)]!.push(p)
    }
    await Promise.all(
      shares.map(async (share, i) => {
        if (share.length === 0) return
        const refused = await this.executors[i]!.send(
          this.dest,
          share.map((p) => p.result),
          baseFee,
        )
        for (const p of share) {
          if (p.sentAt !== undefined) p.attempts += 1 // sent before, never executed: the next executor's turn
          p.sentAt = refused.has(p.result.messageId) ? undefined : head
        }
        if (refused.size > 0)
          this.log(
            `executor ${i} → ${this.dest.name}: ${refused.size} of ${share.length} executes refused; retrying`,
          )
      }),
    )
    return true
  }

  /** Drop what the OffRamp executed since the last read (both outcomes are final for the executors). */
  private async readExecutions(reader: Chain, head: number): Promise<void> {
    if (head <= this.scannedTo) return
    const logs = await reader.logs({
      address: this.dest.v2!.offRamp,
      topics: [EVENT_TOPICS_V2.executionStateChanged],
      fromBlock: this.scannedTo + 1,
      toBlock: head,
    })
    this.scannedTo = head
    for (const log of logs) {
      const { messageId, state } = executionWordsV2(log)
      if (state !== 2 && state !== 3) continue
      this.executed.add(messageId)
      this.pending.delete(messageId)
    }
  }
}
