import type { Chain } from '../chain/chain.js'
import { EVENT_TOPICS } from '../protocol/event-words.js'
import type { SentMessage } from '../protocol/events.js'
import { BlockTrail, type Reorg } from './block-trail.js'
import type { NodeChain } from './context.js'
import { type Heads, heightOf } from './heads.js'
import { decodeSentCached } from './memo.js'

const SCAN_WINDOW = 20_000

/**
 * One node's own view of the messages a source chain sent, rebuilt from the chain's logs (the
 * only state a node keeps is this cache; after a restart it scans again). Messages are kept per
 * destination by sequence number; callers prune what the destination no longer needs.
 */
export class SourceView {
  private scannedTo: number
  private latest = 0
  private readonly byDest = new Map<bigint, Map<bigint, SentMessage>>()
  private readonly trail: BlockTrail
  /** Per destination: messages below this were pruned (settled, as the destination said then). */
  private readonly floors = new Map<bigint, bigint>()
  /** A caller asked for pruned messages: read the chain again from the start. */
  private stale = false
  /** Set for good once the chain replaced a block this view held final (see `finalityViolation`). */
  private violation: string | undefined

  /**
   * Reads `chain.rpcUrl` itself (each node builds its own views over its own endpoint); the
   * process's head watcher, when given, spares it asking for the height before each read.
   * `onReorg` hears every reorg the view noticed (the node logs it).
   */
  constructor(
    readonly chain: NodeChain,
    private readonly access: Chain,
    finalityDepth: number,
    private readonly heads?: Heads,
    private readonly onReorg?: (reorg: Reorg) => void,
  ) {
    this.scannedTo = chain.startBlock - 1
    this.trail = new BlockTrail(access, finalityDepth)
  }

  /**
   * Why this chain can no longer be trusted as a source, once it replaced a block that was final
   * (deeper than the finality depth). A message committed from it may have vanished: the nodes
   * fail closed (commit nothing more from it, bless nothing, execute nothing) until an operator
   * has looked and restarted them.
   */
  get finalityViolation(): string | undefined {
    return this.violation
  }

  /**
   * Pull new CCIPMessageSent logs up to the chain head: the height the process's head watcher
   * last reported, or with `askChain` the chain's own (a watcher can lag behind a thread busy
   * reading history; an RMN node asks the chain before it calls a root forged).
   */
  async refresh(askChain = false): Promise<void> {
    // One read at a time: several rounds (one per destination) share this view, and a second
    // refresh only needs the blocks the first did not reach.
    const next = this.refreshing.then(() => this.readNewBlocks(askChain))
    this.refreshing = next.catch(() => undefined)
    return next
  }

  private refreshing: Promise<void> = Promise.resolve()

  private async readNewBlocks(askChain: boolean): Promise<void> {
    if (this.stale) {
      // A reorg on a destination took back commits this view had pruned for (rare: the whole
      // history is read again, as after a restart).
      this.stale = false
      this.byDest.clear()
      this.floors.clear()
      this.scannedTo = this.chain.startBlock - 1
    }
    const latest = await heightOf(this.access, askChain ? undefined : this.heads)
    const { readFrom, reorg } = await this.trail.sync(this.scannedTo, this.latest, latest)
    if (reorg !== undefined) this.forget(reorg)
    this.scannedTo = readFrom - 1
    this.latest = Math.max(this.latest, latest)
    while (this.scannedTo < latest) {
      const from = this.scannedTo + 1
      const to = Math.min(latest, from + SCAN_WINDOW - 1)
      const logs = await this.access.logs({
        address: this.chain.onRamp,
        topics: [EVENT_TOPICS.ccipMessageSent],
        fromBlock: from,
        toBlock: to,
      })
      for (const log of logs) {
        const sent = decodeSentCached(log)
        let lane = this.byDest.get(sent.message.header.destChainSelector)
        if (lane === undefined) {
          lane = new Map()
          this.byDest.set(sent.message.header.destChainSelector, lane)
        }
        lane.set(sent.message.header.sequenceNumber, sent)
      }
      this.scannedTo = to
    }
  }

  /** Drop what was read from the replaced blocks; they are read again from the fork point. */
  private forget(reorg: Reorg): void {
    for (const lane of this.byDest.values()) {
      for (const [seq, sent] of lane) if (sent.blockNumber > reorg.forkPoint) lane.delete(seq)
    }
    if (reorg.beyondFinality) {
      this.violation ??=
        `finality violated on ${this.chain.name} (blocks ${reorg.forkPoint + 1}–${reorg.readTo} replaced): ` +
        'nothing from it is committed, blessed or executed until the nodes restart'
    }
    this.onReorg?.(reorg)
  }

  get head(): number {
    return this.latest
  }

  /**
   * Messages to `dest` with consecutive sequence numbers from `fromSeq`, sent at or below
   * `finalizedBlock`, at most `max`: exactly what one commit root may cover.
   */
  finalizedRun(dest: bigint, fromSeq: bigint, finalizedBlock: number, max: number): SentMessage[] {
    if (this.pruned(dest, fromSeq)) return []
    const lane = this.byDest.get(dest)
    const run: SentMessage[] = []
    for (let seq = fromSeq; run.length < max; seq++) {
      const sent = lane?.get(seq)
      if (sent === undefined || sent.blockNumber > finalizedBlock) break
      run.push(sent)
    }
    return run
  }

  /** Messages [min, max] to `dest`, or undefined when any of them is missing from this view. */
  range(dest: bigint, min: bigint, max: bigint): SentMessage[] | undefined {
    if (this.pruned(dest, min)) return undefined
    const lane = this.byDest.get(dest)
    const out: SentMessage[] = []
    for (let seq = min; seq <= max; seq++) {
      const sent = lane?.get(seq)
      if (sent === undefined) return undefined
      out.push(sent)
    }
    return out
  }

  /**
   * Forget messages to `dest` below `seq` (committed and executed: no longer needed). The
   * destination may still take a commit back in a reorg: asked for a pruned message later, the
   * view reads everything again at its next refresh.
   */
  pruneBelow(dest: bigint, seq: bigint): void {
    const lane = this.byDest.get(dest)
    if (lane === undefined) return
    for (const key of lane.keys()) if (key < seq) lane.delete(key)
    if (seq > (this.floors.get(dest) ?? 0n)) this.floors.set(dest, seq)
  }

  /**
   * Make sure messages to `dest` from `seq` on are in the view: when they were pruned (for
   * commits a destination reorg then took back), read the chain again now.
   */
  async ensureFrom(dest: bigint, seq: bigint): Promise<void> {
    if (this.pruned(dest, seq)) await this.refresh()
  }

  /** Whether `seq` to `dest` was pruned; if so the next refresh reads the chain again. */
  private pruned(dest: bigint, seq: bigint): boolean {
    if (seq >= (this.floors.get(dest) ?? 0n)) return false
    this.stale = true
    return true
  }

  pendingCount(dest: bigint, fromSeq: bigint): number {
    let n = 0
    for (const key of this.byDest.get(dest)?.keys() ?? []) if (key >= fromSeq) n++
    return n
  }
}
