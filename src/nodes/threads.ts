import { Worker } from 'node:worker_threads'
import { Heads } from './heads.js'
import type { Log } from './loop.js'
import { DUTIES, type Duty, type ToWorker, type WorkerHealth } from './messages.js'

/**
 * The node process's worker threads, one per duty (duties.ts), and the head watcher that feeds
 * them. Started first thing in daemon.ts, before the rest of the process's code loads: loading
 * each thread's code is most of a stack's start, and it overlaps everything else that way.
 */
export class NodeThreads {
  /** Each duty's last health report. */
  readonly reports = new Map<Duty, WorkerHealth>()
  /** One watcher of the chains' heights for every node: a round runs when a block it depends on arrives. */
  readonly heads = new Heads((heights) => this.tell({ type: 'heads', heights }))
  /** Resolves once every duty has reported (or the process stops). */
  readonly allReported: Promise<void>
  /** Each duty's lifetime: resolves when it stops for good. */
  readonly lifetimes: Promise<void>[]
  private readonly workers = new Map<Duty, Worker>()
  /** Threads stopped on purpose (a revert), and what their new start waits for. */
  private readonly stoppedOnPurpose = new Set<Duty>()
  private restartWhen: Promise<void> = Promise.resolve()
  private workersUp: () => void = () => undefined

  constructor(
    private readonly home: string,
    private readonly signal: AbortSignal,
    private readonly log: Log,
  ) {
    this.allReported = new Promise<void>((resolve) => (this.workersUp = resolve))
    signal.addEventListener('abort', () => this.workersUp()) // a stop before then must not hang
    this.lifetimes = DUTIES.map((duty) => this.start(duty))
  }

  tell(message: ToWorker): void {
    for (const worker of this.workers.values()) worker.postMessage(message)
  }

  /** Stop every node thread now; resolves to the function that lets them start again. */
  async stopNodes(): Promise<() => void> {
    let release!: () => void
    this.restartWhen = new Promise<void>((resolve) => (release = resolve))
    await Promise.all(
      [...this.workers].map(([duty, worker]) => {
        this.stoppedOnPurpose.add(duty)
        return worker.terminate()
      }),
    )
    return release
  }

  /** A duty's thread; one that dies (it should not: loops catch their faults) is started again. */
  private start(duty: Duty): Promise<void> {
    return new Promise((resolve) => {
      const worker = new Worker(new URL('./worker.js', import.meta.url), {
        workerData: { home: this.home, duty },
        // V8 grows a busy thread's young generation to 48 MiB; the nodes' garbage is short-lived and
        // small, and 3 threads of it were a fifth of the process (measured 8 MiB: same throughput).
        resourceLimits: { maxYoungGenerationSizeMb: 8 },
      })
      this.workers.set(duty, worker)
      worker.on('message', (message: WorkerHealth) => {
        this.reports.set(duty, message)
        if (this.reports.size === DUTIES.length) this.workersUp()
      })
      worker.on('online', () =>
        worker.postMessage({ type: 'heads', heights: this.heads.all() } satisfies ToWorker),
      )
      worker.on('error', (error) => this.log(`${duty} worker failed: ${error.stack ?? error.message}`))
      worker.on('exit', (code) => {
        this.workers.delete(duty)
        if (this.signal.aborted) return resolve()
        if (this.stoppedOnPurpose.delete(duty)) {
          return this.restartWhen.then(() => this.start(duty).then(resolve))
        }
        this.log(`${duty} worker exited (${code}); starting it again`)
        setTimeout(() => this.start(duty).then(resolve), 1_000)
      })
    })
  }
}
