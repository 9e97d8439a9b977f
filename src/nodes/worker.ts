/**
 * Duties of the node process (see duties.ts; one per thread, or all of them: threads.ts) in a
 * worker thread. Block heights come from the main thread's head watcher; node health goes back to
 * it twice a second, per duty (it writes the file).
 */
import { setMaxListeners } from 'node:events'
import { parentPort, workerData } from 'node:worker_threads'
import { stackPaths } from '../stack/paths.js'
import { chainsReady } from './boot.js'
import { dutyRuns, nodeNetwork } from './context.js'
import { Heads } from './heads.js'
import { HealthBoard } from './health.js'
import { every, heapSummary } from './loop.js'
import type { Duty, ToWorker, WorkerHealth, WorkerIdle } from './messages.js'

const port = parentPort
if (port === null) throw new Error('worker.js runs as a worker thread of daemon.js')
// CAST: daemon.js passes exactly this.
const { home, duties } = workerData as { home: string; duties: Duty[] }
const name = duties.join('+')
const paths = stackPaths(home)
// The daemon's own wait ends the process if the starter dies; this thread just waits with it.
const ready = await chainsReady(paths, undefined)
if (ready === undefined) throw new Error(`no running stack under ${home}`)
const { manifest, deployment } = ready

const stop = new AbortController()
// Every loop waits on this one signal: dozens of listeners are expected, not a leak.
setMaxListeners(200, stop.signal)
const heads = new Heads()
const boards = duties.map(() => new HealthBoard())
const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`)

port.on('message', (message: ToWorker) => {
  if (message.type === 'heads') heads.update(message.heights)
  else {
    stop.abort()
    heads.stop()
  }
})

const network = nodeNetwork(manifest, deployment, paths)
if (!duties.some((duty) => dutyRuns(duty, network))) {
  // Nothing to run (a 1.6 stack's 2.0 duty, or the reverse): the thread ends without loading the nodes.
  for (const [i, duty] of duties.entries())
    port.postMessage({ type: 'health', duty, ...boards[i]!.snapshot() } satisfies WorkerHealth)
  port.postMessage({ type: 'idle', duties } satisfies WorkerIdle)
  port.close()
  heads.stop()
  process.exit(0)
}
// Loaded only now: the nodes' code (and ethers) is most of a thread's start.
const { startDuty } = await import('./duties.js')
const running = await Promise.all(
  duties.map((duty, i) => startDuty(duty, { network, heads, board: boards[i]!, log, signal: stop.signal })),
)
const report = () => {
  for (const [i, duty] of duties.entries())
    port.postMessage({ type: 'health', duty, ...boards[i]!.snapshot() } satisfies WorkerHealth)
}
report()
const timer = setInterval(report, 500)
if (process.env.CCIPKIT_NODES_DEBUG !== undefined) logLoopDelay()
await Promise.all(running.flatMap((r) => r.loops))
clearInterval(timer)
report()
for (const r of running) r.close()
port.close()

/** Debugging aid (CCIPKIT_NODES_DEBUG): this thread's event-loop delay every second. */
async function logLoopDelay(): Promise<void> {
  const { monitorEventLoopDelay } = await import('node:perf_hooks')
  const h = monitorEventLoopDelay({ resolution: 5 })
  h.enable()
  for (let tick = 1; !stop.signal.aborted; tick++) {
    await every(1_000, stop.signal)()
    log(
      `${name}: loop delay p50 ${(h.percentile(50) / 1e6).toFixed(0)} p99 ${(h.percentile(99) / 1e6).toFixed(0)} ms`,
    )
    h.reset()
    if (tick % 30 === 0) log(`${name}: ${heapSummary()}`)
  }
}
