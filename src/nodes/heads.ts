import type { Chain } from '../chain/chain.js'
import { rpcCall } from '../chain/rpc.js'
import { sleep } from '../time.js'
import type { NodeChain } from './context.js'

/**
 * The chains' block heights, polled by one watcher for the whole process: the stand-in for the
 * `newHeads` subscription a production node holds. Loops wait here for a block that can change
 * what they see instead of polling the chain themselves on a timer: an idle stack then costs a
 * few requests per block, and a round starts within one poll of the block it needs. The heights
 * only trigger work: every node still reads what it acts on over its own connection.
 */
export class Heads {
  private readonly latest = new Map<string, number>()
  private waiters: { ready: () => boolean; wake: () => void }[] = []
  private stopped = false

  /** `onChange` hears every batch of new heights (the daemon forwards them to its worker threads). */
  constructor(private readonly onChange?: (heights: Record<string, number>) => void) {}

  /**
   * Poll `chains` every `pollMs` until `signal` aborts. An unreachable chain keeps its last
   * height (it has no news). Worker threads don't poll: they are fed through `update`.
   */
  async poll(chains: readonly NodeChain[], pollMs: number, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const polled = await Promise.all(
        chains.map(async (c) => {
          try {
            return [c.name, Number(await rpcCall<string>(c.rpcUrl, 'eth_blockNumber', [], 5_000))] as const
          } catch {
            // The loops' own reads report the outage; nothing to wake anyone for.
            return undefined
          }
        }),
      )
      this.update(Object.fromEntries(polled.filter((p) => p !== undefined)))
      await sleep(pollMs, signal).catch(() => undefined)
    }
    this.stop()
  }

  /**
   * New heights of several chains at once (lower or equal ones are ignored), then one wake-up:
   * the local chains mine in step, and a loop that follows all of them should run once per
   * step, not once per chain.
   */
  update(heights: Record<string, number>): void {
    const changed: Record<string, number> = {}
    for (const [chain, head] of Object.entries(heights)) {
      if (head <= this.head(chain)) continue
      this.latest.set(chain, head)
      changed[chain] = head
    }
    if (Object.keys(changed).length === 0) return
    this.onChange?.(changed)
    const waiting = this.waiters
    this.waiters = []
    for (const w of waiting) {
      if (w.ready()) w.wake()
      else this.waiters.push(w)
    }
  }

  /** Heights after the chains were reverted (lower ones included): the watcher starts over from them. */
  reset(heights: Record<string, number>): void {
    this.latest.clear()
    this.update(heights)
  }

  /** No more heights: release every waiter (their loops see the stop signal). */
  stop(): void {
    this.stopped = true
    for (const w of this.waiters) w.wake()
    this.waiters = []
  }

  /** Every height known. */
  all(): Record<string, number> {
    return Object.fromEntries(this.latest)
  }

  head(chain: string): number {
    return this.latest.get(chain) ?? -1
  }

  /** Resolves once `chain` is past `block` (or the watcher stops). */
  after(chain: string, block: number): Promise<void> {
    return this.when(() => this.head(chain) > block)
  }

  /**
   * A trigger for a loop: each call resolves once one of `chains` has a block it has not seen at
   * the previous call (the first call resolves at once).
   */
  trigger(chains: readonly string[]): () => Promise<void> {
    let seen: number[] | undefined
    const now = () => chains.map((c) => this.head(c))
    return async () => {
      if (seen !== undefined) {
        const last = seen
        await this.when(() => now().some((h, i) => h > last[i]!))
      }
      seen = now()
    }
  }

  private when(ready: () => boolean): Promise<void> {
    if (this.stopped || ready()) return Promise.resolve()
    return new Promise((wake) => this.waiters.push({ ready, wake }))
  }
}

/** `chain`'s height: the watcher's when it has one, else asked of the chain itself. */
export async function heightOf(chain: Chain, heads: Heads | undefined): Promise<number> {
  const watched = heads?.head(chain.target.name) ?? -1
  return watched >= 0 ? watched : chain.head()
}
