import { jsonRpc } from '../chain/json-rpc.js'
import { createBatcher, type RpcBatcher } from '../chain/rpc-batch.js'
import { sleep } from '../time.js'

export interface MinedChain {
  name: string
  rpcUrl: string
}

/**
 * How blocks come: every `blockTimeMs` (a steady chain, as a real one), or `instant`: as soon as
 * there is work (a transaction in the pool), then `finalityDepth` blocks more so that what was
 * mined becomes final, and otherwise one block a second, so that chain time goes on.
 */
export type MiningMode =
  | { kind: 'interval'; blockTimeMs: number }
  | { kind: 'instant'; finalityDepth: number }

/** Instant mode: how often each chain's pool is looked at, and the block it gets when idle. */
const INSTANT_POLL_MS = 5
const INSTANT_IDLE_MS = 1_000

/**
 * The local chains' block production: every block time, one `evm_mine` on each chain (they run
 * with `--no-mining`). The node process mines rather than anvil's own timer for one reason: a
 * cut of the chains' state must see no chain change while any of them is dumped, and anvil's
 * interval mining cannot be paused (after a pause it takes whole seconds only). It matters
 * because anvil_dumpState is not atomic: it copies the blocks first and the state after, so a
 * chain that mines meanwhile yields a state holding a block whose transactions and logs the dump
 * lacks (measured on anvil 1.7.1: one dump in twelve under load). Restored, such a chain has, for
 * instance, a commit in its OffRamp's storage without the CommitReportAccepted log the nodes
 * read: those messages are never executed.
 *
 * A block is never given up on: anvil finishes an `evm_mine` whose caller stopped waiting
 * (measured), so a miner that timed out would pause for a cut while the block is still being
 * mined, or mine the next block on a height it read before (and let anvil drop the transactions
 * of a block the log archive has not read yet). A slow chain skips ticks instead; the others go on.
 */
export class Miner {
  private pauses = 0
  /** Each chain's block being mined, until anvil has answered for it. */
  private readonly inFlight = new Map<string, Promise<void>>()
  /** Chains whose mining someone took over with anvil's own calls (see mineOne). */
  private readonly handedOver = new Set<string>()
  /** Each chain's batch of reads (kept: one per chain, not one per block). */
  private readonly batchers = new Map<string, RpcBatcher>()
  /** Instant mode: blocks each chain still owes its last transactions' finality, and when it last mined. */
  private readonly owed = new Map<string, number>()
  private readonly minedAt = new Map<string, number>()

  /**
   * `mayMine` is asked before each block with the chain's height (the log archive's rule,
   * archiver.ts); `onMined` hears each new height at once (the nodes' head watcher).
   */
  constructor(
    private readonly chains: readonly MinedChain[],
    private readonly mode: MiningMode,
    private readonly mayMine: (chain: string, head: number) => boolean = () => true,
    private readonly onMined: (chain: string, head: number) => void = () => undefined,
  ) {}

  /** Mine until `signal` aborts. A chain that does not answer is skipped for that block. */
  async run(signal: AbortSignal): Promise<void> {
    let due = Date.now()
    while (!signal.aborted) {
      if (this.pauses === 0) {
        // Registered in the same tick as the check: a pause that starts now waits for these.
        for (const chain of this.chains) {
          if (this.inFlight.has(chain.name)) continue
          const block = this.mineOne(chain)
            .catch(() => undefined)
            .finally(() => this.inFlight.delete(chain.name))
          this.inFlight.set(chain.name, block)
        }
      }
      // On schedule, without bursts: a late block moves the schedule rather than being caught up.
      due = Math.max(
        due + (this.mode.kind === 'interval' ? this.mode.blockTimeMs : INSTANT_POLL_MS),
        Date.now(),
      )
      await sleep(due - Date.now(), signal).catch(() => undefined)
    }
  }

  /**
   * One block, unless someone took the chain's mining over with anvil's own calls
   * (`evm_setAutomine true`, `evm_setIntervalMining N`: a reorg rehearsal mines by hand); giving it
   * back (`evm_setIntervalMining 0`, `evm_setAutomine false`) lets this miner go on.
   */
  private async mineOne(chain: MinedChain): Promise<void> {
    // The reads leave as one batch: one HTTP exchange per chain and block (or look, if instant).
    let rpc = this.batchers.get(chain.name)
    if (rpc === undefined) {
      rpc = createBatcher(chain.rpcUrl, 5_000)
      this.batchers.set(chain.name, rpc)
    }
    const instant = this.mode.kind === 'instant'
    const [head, automine, interval, pool] = await Promise.all([
      rpc.send<string>('eth_blockNumber', []),
      rpc.send<boolean>('anvil_getAutomine', []),
      rpc.send<number | null>('anvil_getIntervalMining', []),
      instant ? rpc.send<{ pending: string }>('txpool_status', []) : undefined,
    ])
    if (automine || interval !== null) {
      this.handedOver.add(chain.name)
      return
    }
    this.handedOver.delete(chain.name)
    const pending = Number(pool?.pending ?? 0) > 0
    if (this.mode.kind === 'instant' && !this.hasWork(chain.name, pending)) return
    if (!this.mayMine(chain.name, Number(head))) return
    await jsonRpc(chain.rpcUrl, 'evm_mine', [], 0, { once: true })
    if (this.mode.kind === 'instant') {
      const owed = this.owed.get(chain.name) ?? 0
      this.owed.set(chain.name, pending ? this.mode.finalityDepth : Math.max(0, owed - 1))
      this.minedAt.set(chain.name, Date.now())
    }
    this.onMined(chain.name, Number(head) + 1)
  }

  /** Instant mode: a transaction waits, blocks are owed for finality, or the chain was idle long enough. */
  private hasWork(chain: string, pending: boolean): boolean {
    return (
      pending ||
      (this.owed.get(chain) ?? 0) > 0 ||
      Date.now() - (this.minedAt.get(chain) ?? 0) >= INSTANT_IDLE_MS
    )
  }

  /** Whether this miner mines `chain` (no one took it over when it last looked). */
  inCharge(chain: string): boolean {
    return !this.handedOver.has(chain)
  }

  /**
   * Stop mining on every chain: resolves once no block is being mined, with the function that
   * lets mining go on. Pauses nest: mining resumes when the last one ends.
   */
  async pause(): Promise<() => void> {
    this.pauses += 1
    await Promise.all(this.inFlight.values())
    let resumed = false
    return () => {
      if (resumed) return
      resumed = true
      this.pauses -= 1
    }
  }
}
