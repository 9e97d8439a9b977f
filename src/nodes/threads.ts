import { Worker } from 'node:worker_threads'
import type { NodeNetwork } from './context.js'
import type { RunningDuty } from './duties.js'
import { Heads } from './heads.js'
import type { Log } from './loop.js'
import { DUTIES, type Duty, type ToWorker, type WorkerHealth } from './messages.js'

/**
 * The node process's duties (duties.ts) and the head watcher that feeds them, either in worker
 * threads, one per duty, or inline on the main thread:
 * - threads (`ccip local up`): a duty's long synchronous work never holds up the other's, for
 *   throughput under load. Started first thing in daemon.ts, before the rest of the process's
 *   code loads: loading each thread's code is most of a stack's start, and it overlaps the rest.
 * - inline (library stacks): no thread to boot (each costs its own Node realm, ethers and curve
 *   tables: ~0.5 s of CPU), so a test file's stack starts in well under a second.
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

  /** Inline mode: the duties running now, and what stops this generation of them. */
  private inline: { running: RunningDuty[]; stop: AbortController; timer: NodeJS.Timeout } | undefined

  constructor(
    private readonly home: string,
    private readonly signal: AbortSignal,
    private readonly log: Log,
    private readonly mode: 'threads' | 'inline',
  ) {
    this.allReported = new Promise<void>((resolve) => (this.workersUp = resolve))
    signal.addEventListener('abort', () => this.workersUp()) // a stop before then must not hang
    this.lifetimes =
      mode === 'threads'
        ? DUTIES.map((duty) => this.start(duty))
        : [
            new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve())).then(() =>
              this.finishInline(),
            ),
          ]
  }

  /** Inline mode: start the duties on this thread, once the chains are ready (threads wait by themselves). */
  async startInline(network: NodeNetwork): Promise<void> {
    if (this.mode !== 'inline' || this.signal.aborted) return
    const [{ startDuty }, { HealthBoard }] = await Promise.all([import('./duties.js'), import('./health.js')])
    const stop = new AbortController()
    this.signal.addEventListener('abort', () => stop.abort(), { once: true })
    const boards = DUTIES.map(() => new HealthBoard())
    const running = DUTIES.map((duty, i) =>
      startDuty(duty, { network, heads: this.heads, board: boards[i]!, log: this.log, signal: stop.signal }),
    )
    const report = () => {
      for (const [i, duty] of DUTIES.entries())
        this.reports.set(duty, { type: 'health', duty, ...boards[i]!.snapshot() })
      this.workersUp()
    }
    report()
    this.inline = { running, stop, timer: setInterval(report, 500) }
    this.startInlineAgain = () => this.startInline(network)
  }

  private startInlineAgain: () => Promise<void> = async () => undefined

  /** Inline mode, on the way out: the duties' loops end (they see the stop), then their nodes close. */
  private async finishInline(): Promise<void> {
    const current = this.inline
    if (current === undefined) return
    clearInterval(current.timer)
    await Promise.all(current.running.flatMap((r) => r.loops))
    for (const r of current.running) r.close()
  }

  tell(message: ToWorker): void {
    for (const worker of this.workers.values()) worker.postMessage(message)
  }

  /** Stop every node now (threads, or the inline duties); resolves to the function that starts them again. */
  async stopNodes(): Promise<() => void> {
    if (this.mode === 'inline') {
      const current = this.inline
      this.inline = undefined
      if (current !== undefined) {
        current.stop.abort()
        clearInterval(current.timer)
        this.heads.stop() // wakes loops waiting for a block, so they see the stop
        await Promise.all(current.running.flatMap((r) => r.loops))
        for (const r of current.running) r.close()
        this.heads.restart()
      }
      return () => void this.startInlineAgain()
    }
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
