import type { Chain } from '../chain/chain.js'
import { commitRoots, EVENT_TOPICS } from '../protocol/event-words.js'
import type { MerkleRoot } from '../protocol/types.js'
import { ExecutionState } from '../protocol/types.js'
import { BlockTrail, type Reorg } from './block-trail.js'
import type { NodeChain } from './context.js'
import { type Heads, heightOf } from './heads.js'

const SCAN_WINDOW = 20_000

export interface CommittedRoot extends MerkleRoot {
  blessed: boolean
  txHash: string
  blockNumber: number
}

/**
 * One execution node's view of a destination OffRamp: the committed roots and the execution
 * state of every message, rebuilt from CommitReportAccepted and ExecutionStateChanged logs.
 * Like the source views it notices reorgs: a commit or an execution in replaced blocks is
 * forgotten and read again, so an execution reorged out is executed again.
 */
export class DestView {
  private scanned: number
  private latest = 0
  readonly roots: CommittedRoot[] = []
  /** `${sourceSelector}:${seq}` → the states observed, oldest first, with their blocks. */
  private readonly states = new Map<string, { state: number; block: number }[]>()
  private readonly trail: BlockTrail

  /** Reads `chain.rpcUrl` itself; heights from the process's head watcher when given. */
  constructor(
    readonly chain: NodeChain,
    private readonly access: Chain,
    private readonly finalityDepth: number,
    private readonly heads?: Heads,
    private readonly onReorg?: (reorg: Reorg) => void,
  ) {
    this.scanned = chain.startBlock - 1
    this.trail = new BlockTrail(access, finalityDepth)
  }

  async refresh(): Promise<void> {
    const latest = await heightOf(this.access, this.heads)
    const { readFrom, reorg } = await this.trail.sync(this.scanned, this.latest, latest)
    if (reorg !== undefined) this.forget(reorg)
    this.scanned = readFrom - 1
    this.latest = Math.max(this.latest, latest)
    while (this.scanned < latest) {
      const from = this.scanned + 1
      const to = Math.min(latest, from + SCAN_WINDOW - 1)
      const logs = await this.access.logs({
        address: this.chain.offRamp,
        topics: [[EVENT_TOPICS.commitReportAccepted, EVENT_TOPICS.executionStateChanged]],
        fromBlock: from,
        toBlock: to,
      })
      for (const log of logs) {
        if (log.topics[0] === EVENT_TOPICS.commitReportAccepted) {
          const commit = commitRoots(log)
          const meta = { txHash: log.transactionHash, blockNumber: log.blockNumber }
          for (const r of commit.blessed) this.roots.push({ ...r, blessed: true, ...meta })
          for (const r of commit.unblessed) this.roots.push({ ...r, blessed: false, ...meta })
        } else {
          // topics: [sig, source, seq, messageId]; data word 1 is the state.
          const state = Number.parseInt(log.data.slice(2 + 64 + 62, 2 + 128), 16)
          const key = `${BigInt(log.topics[1]!)}:${BigInt(log.topics[2]!)}`
          this.states.set(key, [...(this.states.get(key) ?? []), { state, block: log.blockNumber }])
        }
      }
      this.scanned = to
    }
  }

  /** Drop the commits and state changes of replaced blocks; they are read again. */
  private forget(reorg: Reorg): void {
    for (let i = this.roots.length - 1; i >= 0; i--) {
      if (this.roots[i]!.blockNumber > reorg.forkPoint) this.roots.splice(i, 1)
    }
    for (const [key, seen] of this.states) {
      const kept = seen.filter((s) => s.block <= reorg.forkPoint)
      if (kept.length === 0) this.states.delete(key)
      else this.states.set(key, kept)
    }
    this.onReorg?.(reorg)
  }

  /** The last block this view has read. */
  get scannedTo(): number {
    return this.scanned
  }

  state(source: bigint, seq: bigint): number {
    return this.states.get(`${source}:${seq}`)?.at(-1)?.state ?? ExecutionState.UNTOUCHED
  }

  /** Done for the DON: SUCCESS or FAILURE (a FAILURE is only retried by manual execution). */
  isDone(source: bigint, seq: bigint): boolean {
    const s = this.state(source, seq)
    return s === ExecutionState.SUCCESS || s === ExecutionState.FAILURE
  }

  /** Roots that still hold a message the DON has not executed, oldest first. */
  openRoots(): CommittedRoot[] {
    const open: CommittedRoot[] = []
    for (const root of this.roots) {
      for (let seq = root.minSeqNr; seq <= root.maxSeqNr; seq++) {
        if (!this.isDone(root.sourceChainSelector, seq)) {
          open.push(root)
          break
        }
      }
    }
    // Forget fully executed roots so the scan per round stays small on long-lived stacks; but
    // only once the executions are final: a reorg could still take one back.
    const keep = new Set(open)
    const finalized = this.scanned - this.finalityDepth
    for (let i = this.roots.length - 1; i >= 0; i--) {
      const root = this.roots[i]!
      if (keep.has(root) || this.executedBy(root) > finalized) continue
      this.roots.splice(i, 1)
      // Its messages' states go with it: no round asks for them again, and a long-lived stack
      // would otherwise keep one entry per message ever executed.
      for (let seq = root.minSeqNr; seq <= root.maxSeqNr; seq++)
        this.states.delete(`${root.sourceChainSelector}:${seq}`)
    }
    return open
  }

  /** The block of the last state change among a done root's messages. */
  private executedBy(root: CommittedRoot): number {
    let last = root.blockNumber
    for (let seq = root.minSeqNr; seq <= root.maxSeqNr; seq++) {
      last = Math.max(last, this.states.get(`${root.sourceChainSelector}:${seq}`)?.at(-1)?.block ?? last)
    }
    return last
  }
}
