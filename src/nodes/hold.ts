import { DUTIES, type Duty, type ToWorker, type WorkerHeld } from './messages.js'

const HOLD_TIMEOUT_MS = 5_000

/**
 * The main thread's side of holding the worker threads' sends for a cut (send-gate.ts): ask
 * every duty to hold, wait until each says its sends are held, and release them all afterwards.
 * A duty that does not answer in time fails the hold (and releases the others): a cut taken while
 * one thread may still send would not be consistent.
 */
export class WorkerHold {
  private cut = 0
  private active: { cut: number; waiting: Set<Duty>; done: () => void } | undefined

  constructor(private readonly tell: (message: ToWorker) => void) {}

  /** A cut is being taken: a worker (re)started now must hold too. */
  get holding(): number | undefined {
    return this.active?.cut
  }

  async hold(): Promise<() => void> {
    const cut = ++this.cut
    const release = () => {
      if (this.active?.cut === cut) this.active = undefined
      this.tell({ type: 'release' })
    }
    let timer: NodeJS.Timeout | undefined
    try {
      await new Promise<void>((resolve, reject) => {
        this.active = { cut, waiting: new Set(DUTIES), done: resolve }
        timer = setTimeout(() => {
          const late = [...(this.active?.waiting ?? [])].join(', ')
          reject(new Error(`the ${late} nodes did not hold their transactions within ${HOLD_TIMEOUT_MS} ms`))
        }, HOLD_TIMEOUT_MS)
        this.tell({ type: 'hold', cut })
      })
    } catch (error) {
      release()
      throw error
    } finally {
      clearTimeout(timer)
    }
    return release
  }

  held(message: WorkerHeld): void {
    const active = this.active
    if (active === undefined || message.cut !== active.cut) return
    active.waiting.delete(message.duty)
    if (active.waiting.size === 0) active.done()
  }
}
