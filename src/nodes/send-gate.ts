/**
 * Holds a thread's node transactions while the chains are saved (stack/state-cut.ts explains why
 * that makes the saved chains one consistent cut). Every eth_sendRawTransaction of a node passes
 * through `send`; `hold` resolves once no send is in progress and none can start until `release`.
 * Nodes keep reading and building reports meanwhile; only the submission waits.
 */
export class SendGate {
  private held: Promise<void> | undefined
  private open: (() => void) | undefined
  private inProgress = 0
  private idle: (() => void)[] = []

  async send<T>(submit: () => Promise<T>): Promise<T> {
    while (this.held !== undefined) await this.held
    this.inProgress += 1
    try {
      return await submit()
    } finally {
      this.inProgress -= 1
      if (this.inProgress === 0) for (const wake of this.idle.splice(0)) wake()
    }
  }

  /** Stop new sends and wait for those already under way. */
  async hold(): Promise<void> {
    if (this.held === undefined) this.held = new Promise((resolve) => (this.open = resolve))
    if (this.inProgress > 0) await new Promise<void>((resolve) => this.idle.push(resolve))
  }

  release(): void {
    this.held = undefined
    this.open?.()
    this.open = undefined
  }
}
