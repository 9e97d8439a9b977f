import { Worker } from 'node:worker_threads'
import { Heads } from './heads.js'
import type { Log } from './loop.js'
import { DUTIES, type Duty, type ToWorker, type WorkerHealth, type WorkerIdle } from './messages.js'

/**
 * The node process's worker threads and the head watcher that feeds them. Two layouts:
 * - `threads` (`ccip local up`): one thread per duty (duties.ts), so that one duty's long
 *   synchronous work never holds up the other's: throughput under load;
 * - `shared` (library stacks): every duty in one thread. Each thread costs its own Node realm,
 *   ethers and curve tables to start (~0.5 s of CPU), which is most of a test file's stack start;
 *   the main thread stays free, so snapshots and reverts answer at once.
 * Started first thing in daemon.ts, before the rest of the process's code loads: loading the
 * threads' code overlaps everything else that way.
 */
export class NodeThreads {
  /** Each duty's last health report. */
  readonly reports = new Map<Duty, WorkerHealth>()
  /** One watcher of the chains' heights for every node: a round runs when a block it depends on arrives. */
  readonly heads = new Heads((heights) => this.tell({ type: 'heads', heights }))
  /** Resolves once every duty has reported (or the process stops). */
  readonly allReported: Promise<void>
  /** Each thread's lifetime: resolves when it stops for good. */
  readonly lifetimes: Promise<void>[]
  private readonly workers = new Map<string, Worker>()
  /** Threads stopped on purpose (a revert), and what their new start waits for. */
  private readonly stoppedOnPurpose = new Set<string>()
  private restartWhen: Promise<void> = Promise.resolve()
  private workersUp: () => void = () => undefined

  constructor(
    private readonly home: string,
    private readonly signal: AbortSignal,
    private readonly log: Log,
    readonly layout: 'threads' | 'shared',
  ) {
    this.allReported = new Promise<void>((resolve) => (this.workersUp = resolve))
    signal.addEventListener('abort', () => this.workersUp()) // a stop before then must not hang
    const groups = layout === 'threads' ? DUTIES.map((duty) => [duty]) : [[...DUTIES]]
    this.lifetimes = groups.map((duties) => this.start(duties))
  }

  tell(message: ToWorker): void {
    for (const worker of this.workers.values()) worker.postMessage(message)
  }

  /** Stop every node thread now; resolves to the function that lets them start again. */
  async stopNodes(): Promise<() => void> {
    let release!: () => void
    this.restartWhen = new Promise<void>((resolve) => (release = resolve))
    await Promise.all(
      [...this.workers].map(([name, worker]) => {
        this.stoppedOnPurpose.add(name)
        return worker.terminate()
      }),
    )
    return release
  }

  /** A thread for `duties`; one that dies (it should not: loops catch their faults) is started again. */
  private start(duties: Duty[]): Promise<void> {
    const name = duties.join('+')
    return new Promise((resolve) => {
      const worker = new Worker(new URL('./worker.js', import.meta.url), {
        workerData: { home: this.home, duties },
        // V8 grows a busy thread's young generation to 48 MiB; the nodes' garbage is short-lived and
        // small, and 3 threads of it were a fifth of the process (measured 8 MiB: same throughput).
        resourceLimits: { maxYoungGenerationSizeMb: 8 },
      })
      this.workers.set(name, worker)
      let idle = false
      worker.on('message', (message: WorkerHealth | WorkerIdle) => {
        if (message.type === 'idle') {
          idle = true
          return
        }
        this.reports.set(message.duty, message)
        if (this.reports.size === DUTIES.length) this.workersUp()
      })
      worker.on('online', () =>
        worker.postMessage({ type: 'heads', heights: this.heads.all() } satisfies ToWorker),
      )
      worker.on('error', (error) => this.log(`${name} worker failed: ${error.stack ?? error.message}`))
      worker.on('exit', (code) => {
        this.workers.delete(name)
        // A thread with nothing to run on this stack ended on purpose (worker.ts).
        if (this.signal.aborted || idle) return resolve()
        if (this.stoppedOnPurpose.delete(name)) {
          return this.restartWhen.then(() => this.start(duties).then(resolve))
        }
        this.log(`${name} worker exited (${code}); starting it again`)
        setTimeout(() => this.start(duties).then(resolve), 1_000)
      })
    })
  }
}
