import type { Chain } from '../chain/chain.js'
import type { NodeHealth } from './health.js'
import type { Log } from './loop.js'

/** The chain replaced blocks a view had read: everything above `forkPoint` must be read again. */
export interface Reorg {
  chain: string
  /** The highest block the view read that the chain still has (or an upper bound of it, when none of those it remembered survived). */
  forkPoint: number
  /** The last block the view had read before it noticed. */
  readTo: number
  /** Some replaced block was already final for the view: finality was violated. */
  beyondFinality: boolean
}

/** What a view must do before reading logs of new blocks. */
export interface TrailSync {
  /** The first block to read logs from (below the view's old position after a reorg). */
  readFrom: number
  reorg?: Reorg
}

/**
 * The hashes of the blocks a view has read logs from, down to just below its finalized height:
 * how a view notices that the chain replaced blocks it already read (a reorg), and how deep.
 * Logs are scanned forward only, so without this a replaced send stays in a view's cache for
 * good, and the nodes that read it before the reorg keep proposing a message the chain no
 * longer holds.
 *
 * Ordering is what makes it sound: a block's hash is read BEFORE its logs. If the chain
 * reorganises between the two reads, the view holds the old hash with logs of whatever chain it
 * then read, and the next check sees the old hash gone and reads the blocks again.
 */
export class BlockTrail {
  /** block → hash of the blocks read, from one below the finalized height up. */
  private readonly hashes = new Map<number, string>()

  constructor(
    private readonly access: Chain,
    private readonly finalityDepth: number,
  ) {}

  /**
   * Check the blocks read so far (up to `readTo`; the view judged finality against `head`) and
   * remember the hashes of the new blocks up to `latest`, in one batch of header reads when
   * nothing changed.
   */
  async sync(readTo: number, head: number, latest: number): Promise<TrailSync> {
    const [reorg] = await Promise.all([this.check(readTo, head), this.remember(readTo + 1, latest)])
    if (reorg === undefined) return { readFrom: readTo + 1 }
    // The replaced blocks are read again: remember their new hashes first (see the class comment).
    await this.remember(reorg.forkPoint + 1, Math.min(readTo, latest))
    return { readFrom: reorg.forkPoint + 1, reorg }
  }

  /** Whether the blocks read up to `readTo` are still the chain's; if not, where it forked. */
  private async check(readTo: number, head: number): Promise<Reorg | undefined> {
    // Only what was read before this call: remember() adds the new blocks concurrently.
    const known = [...this.hashes].filter(([n]) => n <= readTo).sort(([a], [b]) => b - a)
    const tip = known[0]
    if (tip === undefined) return undefined
    // The tip's hash covers every block below it (each header commits to its parent).
    if ((await this.hashOf(tip[0])) === tip[1]) return undefined
    const now = await Promise.all(known.map(([n]) => this.hashOf(n)))
    const kept = known.findIndex(([, hash], i) => now[i] === hash)
    // Nothing remembered survived: the fork is below everything remembered, i.e. below the
    // finalized height (the trail reaches one block under it).
    const forkPoint = kept >= 0 ? known[kept]![0] : known[known.length - 1]![0] - 1
    for (const [n] of known) if (n > forkPoint) this.hashes.delete(n)
    return {
      chain: this.access.target.name,
      forkPoint,
      readTo,
      beyondFinality: kept < 0 || forkPoint < head - this.finalityDepth,
    }
  }

  /** Read and keep the hashes of blocks [from, to] that are above the finalized height. */
  private async remember(from: number, to: number): Promise<void> {
    if (to < from) return
    // One block under the finalized height too: a reorg that replaced it replaced a final block.
    const floor = to - this.finalityDepth - 1
    const first = Math.max(from, floor)
    const heights = Array.from({ length: to - first + 1 }, (_, i) => first + i)
    const hashes = await Promise.all(heights.map((n) => this.hashOf(n)))
    heights.forEach((n, i) => {
      const hash = hashes[i]
      // A block above the node's head (a lagging RPC behind a balancer): nothing to remember.
      if (hash !== undefined) this.hashes.set(n, hash)
    })
    for (const n of this.hashes.keys()) if (n < floor) this.hashes.delete(n)
  }

  private async hashOf(block: number): Promise<string | undefined> {
    const header = await this.access.request<{ hash: string } | null>('eth_getBlockByNumber', [
      `0x${block.toString(16)}`,
      false,
    ])
    return header?.hash
  }
}

/** One line for the node log. */
export function describeReorg(r: Reorg): string {
  const what = `${r.chain} replaced blocks ${r.forkPoint + 1}–${r.readTo} this node had read`
  return r.beyondFinality
    ? `FINALITY VIOLATED: ${what}, some of them final`
    : `reorg: ${what}; reading them again`
}

/**
 * A node's handler for its views' reorgs: each goes to the node log; a finality violation also
 * stays on the node's health (`local status`), since the node stops serving that chain for it.
 */
export function reportReorgs(node: string, health: NodeHealth, log: Log | undefined): (r: Reorg) => void {
  return (reorg) => {
    log?.(`${node}: ${describeReorg(reorg)}`)
    if (reorg.beyondFinality) health.lastError = describeReorg(reorg)
  }
}
