import { rpcCall } from '../chain/rpc.js'
import type { StackPaths } from '../stack/paths.js'
import { type CutPointer, readCut, saveCut } from '../stack/state-cut.js'
import type { NodeChain } from './context.js'

/**
 * Crash safety for the chains themselves: every 10 s (CCIPKIT_SNAPSHOT_MS), when any chain mined
 * a transaction since the last cut, pause mining on every chain (miner.ts), save every chain as
 * one cut (stack/state-cut.ts) and let mining go on. After a crash of the whole stack the next `up` resumes
 * every chain from the same cut, at most one interval ago; the nodes then finish whatever was in
 * flight at that point, exactly once, because they read everything back from the chain.
 *
 * Two rules keep the cut from becoming the stack's main cost: empty blocks are not worth one (the
 * head moves every block, but only transactions change what a restart must restore), and the
 * next cut comes only after 20× the time the last one took (the chains stand still ≤ 5% of the
 * time). Cheat calls without a transaction (anvil_setBalance on its own) are caught by a refresh
 * every 5 minutes. A failed cut is retried at the next step and reported in the health file.
 */
const DUMP_SHARE = 20
const IDLE_REFRESH_MS = 5 * 60_000
/** eth_feeHistory answers for at most this many blocks; a longer gap is simply saved. */
const MAX_FEE_HISTORY = 1024

/** What the health file says about the saved state. */
export interface SnapshotHealth {
  /** The complete cut a restart would resume from (null: none yet). */
  lastCut: Pick<CutPointer, 'cut' | 'at' | 'ms' | 'bytes' | 'heads'> | null
  /** Why the latest attempt failed; null once a cut succeeds again. */
  error: string | null
  errorAt: string | null
  /** Why the log archive (archiver.ts) cannot be written; null while it keeps up. Absent: older daemon. */
  archiveError?: string | null
}

/** Stops every chain from mining; resolves, once none is, to the function that resumes them. */
export type PauseChains = () => Promise<() => void>

export class Snapshotter {
  private notBefore = 0
  private takenAt: number
  readonly health: SnapshotHealth

  constructor(
    private readonly paths: StackPaths,
    private readonly chains: readonly NodeChain[],
    private readonly pause: PauseChains,
    /** Runs after each cut, before the chains resume (the refresher restarts chains there). */
    private readonly afterCut: (cut: CutPointer) => Promise<void> = async () => undefined,
  ) {
    const cut = readCut(paths)
    this.health = { lastCut: cut === undefined ? null : summary(cut), error: null, errorAt: null }
    this.takenAt = Date.now()
  }

  async step(): Promise<boolean> {
    const now = Date.now()
    if (now < this.notBefore || !(await this.due(now))) return false
    try {
      const resume = await this.pause()
      let cut: CutPointer
      try {
        cut = await saveCut(this.paths, this.chains)
        await this.afterCut(cut)
      } finally {
        resume()
      }
      // A cut passes ~100 MB of dumps through Buffers, outside the JavaScript heap: this thread
      // allocates little else, so V8 would not collect them for minutes (measured: 108 MiB of
      // dead Buffers held between cuts). The daemon runs with --expose-gc.
      globalThis.gc?.()
      this.health.lastCut = summary(cut)
      this.health.error = null
      this.health.errorAt = null
      this.takenAt = now
      this.notBefore = now + DUMP_SHARE * cut.ms
    } catch (error) {
      this.health.error = error instanceof Error ? error.message : String(error)
      this.health.errorAt = new Date().toISOString()
      throw error
    }
    return false
  }

  /** Did any chain mine a transaction since the last cut (or is a refresh due)? */
  private async due(now: number): Promise<boolean> {
    const last = this.health.lastCut
    if (last === null || this.health.error !== null || now - this.takenAt >= IDLE_REFRESH_MS) return true
    for (const chain of this.chains) {
      const head = Number(await rpcCall<string>(chain.rpcUrl, 'eth_blockNumber', []))
      const saved = last.heads[chain.name]
      if (saved === undefined) return true
      if (head !== saved && (await minedTransactions(chain.rpcUrl, saved, head))) return true
    }
    return false
  }
}

const summary = ({ cut, at, ms, bytes, heads }: CutPointer) => ({ cut, at, ms, bytes, heads })

/** Did any block in (after, head] carry a transaction? Every transaction uses gas. */
async function minedTransactions(rpcUrl: string, after: number, head: number): Promise<boolean> {
  const count = head - after
  if (count > MAX_FEE_HISTORY || count < 0) return true
  const history = await rpcCall<{ oldestBlock: string; gasUsedRatio: number[] }>(rpcUrl, 'eth_feeHistory', [
    `0x${count.toString(16)}`,
    `0x${head.toString(16)}`,
    [],
  ])
  // Blocks loaded from a snapshot are missing from anvil's fee history: unknown counts as yes.
  if (Number(history.oldestBlock) > after + 1) return true
  return history.gasUsedRatio.some((ratio) => ratio > 0)
}
