/**
 * The off-chain half of the local stack, one process started (detached) by `ccip local up`:
 * the commit DON (n=4, F=1), the RMN (n=3, fSign=1) and the execution DON (n=4), every node with
 * its own key and its own RPC connections. Nodes keep no state the chains don't have: this process
 * can be killed at any moment and restarted; it rebuilds its views from chain logs, and on-chain
 * guards (RootAlreadyCommitted, InvalidInterval, already-executed skips) make re-submission safe.
 *
 * The main thread mines the chains' blocks (miner.ts), watches their heights, takes chain
 * snapshots and writes the health file; the nodes run in one worker thread per duty (duties.ts).
 *
 * Usage: node daemon.js <CCIPKIT_HOME> [<pid of the starting process>]
 */
import { setMaxListeners } from 'node:events'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { stackPaths } from '../stack/paths.js'
import { DEFAULTS } from '../stack/settings.js'
import { LogArchiver } from './archiver.js'
import { chainsReady } from './boot.js'
import { nodeNetwork } from './context.js'
import { serveControl } from './control-server.js'
import { Exclusive } from './exclusive.js'
import { Heads } from './heads.js'
import { writeHealth } from './health.js'
import { every, heapSummary, runLoop } from './loop.js'
import { DUTIES, type Duty, type ToWorker, type WorkerHealth } from './messages.js'
import { Miner, type MiningMode } from './miner.js'
import { watchOwner } from './owner-watch.js'
import { ChainRefresher } from './refresher.js'
import { Snapshotter } from './snapshots.js'
import { StackSnapshots, UnknownSnapshot } from './stack-snapshots.js'

const [home, starterArg] = process.argv.slice(2)
if (home === undefined) throw new Error('usage: daemon.js <CCIPKIT_HOME> [<starter pid>]')
const paths = stackPaths(home)
const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`)
const stop = new AbortController()
setMaxListeners(50, stop.signal)
const startedAt = new Date().toISOString()

const workers = new Map<Duty, Worker>()
const reports = new Map<Duty, WorkerHealth>()
const tell = (message: ToWorker) => {
  for (const worker of workers.values()) worker.postMessage(message)
}
// One watcher of the chains' heights for every node: a round runs when a block it depends on
// arrives (or at once again after a round that did work).
const heads = new Heads((heights) => tell({ type: 'heads', heights }))
let workersUp: () => void = () => undefined
const allReported = new Promise<void>((resolve) => (workersUp = resolve))
stop.signal.addEventListener('abort', () => workersUp()) // a stop before then must not hang

/** Threads stopped on purpose (a revert), and what their new start waits for. */
const stoppedOnPurpose = new Set<Duty>()
let restartWhen: Promise<void> = Promise.resolve()
// The node threads load their code while the chains start; they too wait for them (boot.ts).
// (Everything their events touch is declared above: they may report before the wait below ends.)
const threads = DUTIES.map(startWorker)
const ready = await chainsReady(paths, starterArg === undefined ? undefined : Number(starterArg))
if (ready === undefined) {
  log('the process starting the stack is gone: not starting')
  process.exit(1)
}
const { manifest, deployment } = ready
const network = nodeNetwork(manifest, deployment, paths)
// The chains mine only when this process says so: a cut pauses them all (see miner.ts), and a
// chain whose log archive fell behind waits for it (archiver.ts).
const archiver = new LogArchiver(paths, network.chains, network.keepBlocks)
const mining: MiningMode = network.instant
  ? { kind: 'instant', finalityDepth: network.finalityDepth }
  : { kind: 'interval', blockTimeMs: network.blockTimeMs }
const miner = new Miner(
  network.chains,
  mining,
  (chain, head) => archiver.mayMine(chain, head),
  (chain, head) => heads.update({ [chain]: head }),
)
// A cut, a snapshot and a revert each stop the chains and read or rewrite all of them: one at a time.
const chainsHeld = new Exclusive()
const holdChains = async () => {
  const release = await chainsHeld.acquire()
  const resume = await miner.pause()
  return () => {
    resume()
    release()
  }
}

/** A duty's thread; one that dies (it should not: loops catch their faults) is started again. */
function startWorker(duty: Duty): Promise<void> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./worker.js', import.meta.url), {
      workerData: { home, duty },
      // V8 grows a busy thread's young generation to 48 MiB; the nodes' garbage is short-lived and
      // small, and 3 threads of it were a fifth of the process (measured 8 MiB: same throughput).
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    })
    workers.set(duty, worker)
    worker.on('message', (message: WorkerHealth) => {
      reports.set(duty, message)
      if (reports.size === DUTIES.length) workersUp()
    })
    worker.on('online', () => worker.postMessage({ type: 'heads', heights: heads.all() } satisfies ToWorker))
    worker.on('error', (error) => log(`${duty} worker failed: ${error.stack ?? error.message}`))
    worker.on('exit', (code) => {
      workers.delete(duty)
      if (stop.signal.aborted) return resolve()
      if (stoppedOnPurpose.delete(duty)) return restartWhen.then(() => startWorker(duty).then(resolve))
      log(`${duty} worker exited (${code}); starting it again`)
      setTimeout(() => startWorker(duty).then(resolve), 1_000)
    })
  })
}

/** Stop every node thread now; resolves to the function that lets them start again. */
async function stopNodes(): Promise<() => void> {
  let release!: () => void
  restartWhen = new Promise<void>((resolve) => (release = resolve))
  await Promise.all(
    [...workers].map(([duty, worker]) => {
      stoppedOnPurpose.add(duty)
      return worker.terminate()
    }),
  )
  return release
}
// The miner reports its own blocks at once; the poll catches blocks mined by anyone else.
const pollMs = network.instant ? 50 : Math.max(20, Math.round(network.blockTimeMs / 8))
const loops = [
  miner.run(stop.signal),
  heads.poll(network.chains, pollMs, stop.signal),
  runLoop('archive', every(1_000, stop.signal), () => archiver.step(), stop.signal, log),
]

if (manifest.owner !== undefined) loops.push(watchOwner(manifest.owner, home, paths, stop.signal, log))

// Chain snapshots for crash safety; CCIPKIT_SNAPSHOT_MS lets tests take them more often.
const snapshotMs = Number(process.env.CCIPKIT_SNAPSHOT_MS ?? 10_000)
const refresher = new ChainRefresher({
  home,
  paths,
  budgetMiB: manifest.chainMemoryMiB ?? DEFAULTS.chainMemoryMiB,
  oldHeaderBytes: DEFAULTS.chainOldHeaderBytes,
  inCharge: (chain) => miner.inCharge(chain),
  mayRestart: () => !stackSnapshots.holding,
  log,
})
const snapshots = new Snapshotter(paths, network.chains, holdChains, (cut) => refresher.afterCut(cut))
const stackSnapshots = new StackSnapshots({ chains: network.chains, holdChains, archiver, heads, stopNodes })
const control = serveControl(
  paths,
  {
    snapshot: async () => ({ id: await stackSnapshots.snapshot() }),
    revert: async (id) => ({ heads: await stackSnapshots.revert(id ?? '') }),
  },
  (error) => error instanceof UnknownSnapshot,
  log,
)
loops.push(
  allReported.then(() =>
    runLoop('snapshots', every(snapshotMs, stop.signal), () => snapshots.step(), stop.signal, log),
  ),
)

// Written as soon as every duty has reported (`local up` waits for the file to see every node),
// then twice a second: an atomic write is a rename, not free on every filesystem.
const healthFile = join(paths.dir, 'health.json')
let healthWritten = 0
const healthTimer = setInterval(() => {
  if (reports.size < DUTIES.length || Date.now() - healthWritten < 500) return
  writeHealth(healthFile, startedAt, [...reports.values()], {
    ...snapshots.health,
    archiveError: archiver.error,
  })
  healthWritten = Date.now()
}, 50)

if (process.env.CCIPKIT_NODES_DEBUG !== undefined) {
  loops.push(
    runLoop(
      'memory',
      every(30_000, stop.signal),
      async () => {
        log(`main: ${heapSummary()}`)
        return false
      },
      stop.signal,
      log,
    ),
  )
}

const shutdown = () => {
  control.close()
  stop.abort()
  tell({ type: 'stop' })
}
process.on('SIGTERM', shutdown)
process.on('SIGINT', shutdown)
log(`nodes up: ${DUTIES.join(', ')} on ${network.chains.length} chains`)

await Promise.all([...loops, ...threads])
clearInterval(healthTimer)
if (reports.size === DUTIES.length)
  writeHealth(healthFile, startedAt, [...reports.values()], snapshots.health)
log('nodes stopped')
