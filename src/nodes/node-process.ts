/**
 * The node process once its threads are started (daemon.ts): waits for the chains, then mines,
 * watches heights, archives logs, takes cuts, restarts chains past their memory budget, serves
 * the control socket and writes the health file, until stopped.
 */
import { join } from 'node:path'
import type { StackPaths } from '../stack/paths.js'
import { DEFAULTS } from '../stack/settings.js'
import { LogArchiver } from './archiver.js'
import { chainsReady } from './boot.js'
import { nodeNetwork } from './context.js'
import { serveControl } from './control-server.js'
import { Exclusive } from './exclusive.js'
import { writeHealth } from './health.js'
import { every, heapSummary, type Log, runLoop } from './loop.js'
import { DUTIES } from './messages.js'
import { Miner, type MiningMode } from './miner.js'
import { watchOwner } from './owner-watch.js'
import { ChainRefresher } from './refresher.js'
import { Snapshotter } from './snapshots.js'
import { StackSnapshots, UnknownSnapshot } from './stack-snapshots.js'
import type { NodeThreads } from './threads.js'

export interface NodeProcessParts {
  home: string
  /** The pid of the `up` that spawned this process: if it dies before the chains are ready, so does this. */
  starter: number | undefined
  paths: StackPaths
  threads: NodeThreads
  stop: AbortController
  log: Log
  startedAt: string
}

export async function runNodeProcess(parts: NodeProcessParts): Promise<void> {
  const { home, paths, threads, stop, log, startedAt } = parts
  const { heads } = threads
  const ready = await chainsReady(paths, parts.starter)
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

  // The miner reports its own blocks at once; the poll catches blocks mined by anyone else.
  const pollMs = network.instant ? 50 : Math.max(20, Math.round(network.blockTimeMs / 8))
  // Mining and polling wait for the node threads: on a 2-core machine the threads' start (loading
  // their code) is most of a stack's start, and nothing needs a block before the nodes are there.
  const loops = [
    threads.allReported.then(() => miner.run(stop.signal)),
    threads.allReported.then(() => heads.poll(network.chains, pollMs, stop.signal)),
    runLoop('archive', every(1_000, stop.signal), () => archiver.step(), stop.signal, log),
  ]

  if (manifest.owner !== undefined) loops.push(watchOwner(manifest.owner, home, paths, stop.signal, log))
  // `ccip local up` stacks keep the message history current, so `ccip stats` never reads a long
  // chain from its first block. Library stacks do not: they are short-lived and reverted often
  // (each revert would start the history over), and their one shared node thread is their speed.
  if (threads.layout === 'threads') {
    const { keepHistoryInBackground } = await import('./history-keeper.js')
    loops.push(threads.allReported.then(() => keepHistoryInBackground(home, stop.signal, log)))
  }

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
  const stackSnapshots = new StackSnapshots({
    chains: network.chains,
    holdChains,
    archiver,
    heads,
    stopNodes: () => threads.stopNodes(),
  })
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
    threads.allReported.then(() =>
      runLoop('snapshots', every(snapshotMs, stop.signal), () => snapshots.step(), stop.signal, log),
    ),
  )

  // Written as soon as every duty has reported (`local up` waits for the file to see every node),
  // then twice a second: an atomic write is a rename, not free on every filesystem.
  const healthFile = join(paths.dir, 'health.json')
  let healthWritten = 0
  const healthTimer = setInterval(() => {
    if (threads.reports.size < DUTIES.length || Date.now() - healthWritten < 500) return
    writeHealth(healthFile, startedAt, [...threads.reports.values()], {
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
    threads.tell({ type: 'stop' })
  }
  process.on('SIGTERM', shutdown)
  process.on('SIGINT', shutdown)
  log(`nodes up: ${DUTIES.join(', ')} on ${network.chains.length} chains`)

  await Promise.all([...loops, ...threads.lifetimes])
  clearInterval(healthTimer)
  if (threads.reports.size === DUTIES.length)
    writeHealth(healthFile, startedAt, [...threads.reports.values()], snapshots.health)
  log('nodes stopped')
}
