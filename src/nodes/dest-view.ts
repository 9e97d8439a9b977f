import { TOPICS } from '../chain/events.js'
import { rawGetLogs } from '../chain/raw-logs.js'
import { commitRoots } from '../protocol/event-words.js'
import type { MerkleRoot } from '../protocol/types.js'
import { ExecutionState } from '../protocol/types.js'
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
 */
export class DestView {
  private scanned: number
  readonly roots: CommittedRoot[] = []
  /** `${sourceSelector}:${seq}` → last observed state. */
  private readonly states = new Map<string, number>()

  /** Reads `chain.rpcUrl` itself; heights from the process's head watcher when given. */
  constructor(
    readonly chain: NodeChain,
    private readonly heads?: Heads,
  ) {
    this.scanned = chain.startBlock - 1
  }

  async refresh(): Promise<void> {
    const latest = await heightOf(this.chain, this.heads)
    while (this.scanned < latest) {
      const from = this.scanned + 1
      const to = Math.min(latest, from + SCAN_WINDOW - 1)
      const logs = await rawGetLogs(this.chain.rpcUrl, {
        address: this.chain.offRamp,
        topics: [[TOPICS.commitReportAccepted, TOPICS.executionStateChanged]],
        fromBlock: from,
        toBlock: to,
      })
      for (const log of logs) {
        if (log.topics[0] === TOPICS.commitReportAccepted) {
          const commit = commitRoots(log)
          const meta = { txHash: log.transactionHash, blockNumber: log.blockNumber }
          for (const r of commit.blessed) this.roots.push({ ...r, blessed: true, ...meta })
          for (const r of commit.unblessed) this.roots.push({ ...r, blessed: false, ...meta })
        } else {
          // topics: [sig, source, seq, messageId]; data word 1 is the state.
          const state = Number.parseInt(log.data.slice(2 + 64 + 62, 2 + 128), 16)
          this.states.set(`${BigInt(log.topics[1]!)}:${BigInt(log.topics[2]!)}`, state)
        }
      }
      this.scanned = to
    }
  }

  /** The last block this view has read. */
  get scannedTo(): number {
    return this.scanned
  }

  state(source: bigint, seq: bigint): number {
    return this.states.get(`${source}:${seq}`) ?? ExecutionState.UNTOUCHED
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
    // Forget fully executed roots so the scan per round stays small on long-lived stacks.
    const keep = new Set(open)
    for (let i = this.roots.length - 1; i >= 0; i--) if (!keep.has(this.roots[i]!)) this.roots.splice(i, 1)
    return open
  }
}
