/**
 * Messages an execution DON has sent an execute transaction for, so the next rounds do not pick
 * them again while that transaction waits for its block (the production exec plugin keeps the
 * same cache). It only ever holds messages back: the chain stays the truth. A transaction that
 * reverts or never lands releases its messages; one that lands keeps them held until the round's
 * leader has read that block (its view then shows them executed). A DON that restarts starts
 * empty and, at worst, resends an execute the OffRamp skips as already executed.
 */
export class InFlight {
  /** `${sourceSelector}:${seq}` → the block its execution landed in, or undefined while pending. */
  private readonly held = new Map<string, number | undefined>()

  static key(source: bigint, seq: bigint): string {
    return `${source}:${seq}`
  }

  /** Hold `keys` until the returned settle is called with the block they landed in (or failed). */
  hold(keys: readonly string[]): (landedIn: number | undefined) => void {
    for (const k of keys) this.held.set(k, undefined)
    return (landedIn) => {
      for (const k of keys) {
        if (landedIn === undefined) this.held.delete(k)
        else if (this.held.has(k)) this.held.set(k, landedIn)
      }
    }
  }

  /** Whether a round whose view has read up to `scannedTo` must leave the message alone. */
  holds(key: string, scannedTo: number): boolean {
    if (!this.held.has(key)) return false
    const landed = this.held.get(key)
    return landed === undefined || landed > scannedTo
  }

  /** Drop what a view that has read up to `scannedTo` sees for itself (every later leader reads further). */
  forgetSeen(scannedTo: number): void {
    for (const [k, landed] of this.held) if (landed !== undefined && landed <= scannedTo) this.held.delete(k)
  }

  get size(): number {
    return this.held.size
  }
}
