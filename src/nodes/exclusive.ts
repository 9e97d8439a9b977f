/**
 * One holder at a time, in call order: what the node process's cuts, snapshots and reverts
 * need, since each stops the chains and reads or rewrites all of them.
 */
export class Exclusive {
  private tail: Promise<void> = Promise.resolve()

  /** Resolves, once every earlier holder has released, to the function that releases this one. */
  acquire(): Promise<() => void> {
    let release!: () => void
    const released = new Promise<void>((resolve) => (release = resolve))
    const turn = this.tail.then(() => release)
    this.tail = this.tail.then(() => released)
    return turn
  }

  /** Run `work` as the holder. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire()
    try {
      return await work()
    } finally {
      release()
    }
  }
}
