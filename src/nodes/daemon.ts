/**
 * The off-chain half of the local stack, one process started (detached) by `ccip local up`:
 * the commit DON (n=4, F=1), the RMN (n=3, fSign=1) and the execution DON (n=4), every node with
 * its own key and its own RPC connections. Nodes keep no state the chains don't have: this process
 * can be killed at any moment and restarted; it rebuilds its views from chain logs, and on-chain
 * guards (RootAlreadyCommitted, InvalidInterval, already-executed skips) make re-submission safe.
 *
 * Usage: node daemon.js <CCIP_HOME>
 */
import { setMaxListeners } from 'node:events'
import { join } from 'node:path'
import { readDeployment, readManifest } from '../stack/manifest.js'
import { nodeWallet } from '../stack/node-keys.js'
import { stackPaths } from '../stack/paths.js'
import { DON } from '../stack/settings.js'
import { CommitDon } from './commit/don.js'
import { CommitNode } from './commit/node.js'
import { nodeNetwork } from './context.js'
import { ExecDon } from './exec/don.js'
import { ExecNode } from './exec/node.js'
import { Heads } from './heads.js'
import { HealthBoard } from './health.js'
import { every, runLoop } from './loop.js'
import { CommitMonitor } from './rmn/monitor.js'
import { RmnNode } from './rmn/node.js'
import { Snapshotter } from './snapshots.js'

const home = process.argv[2]
if (home === undefined) throw new Error('usage: daemon.js <CCIP_HOME>')
const paths = stackPaths(home)
const manifest = readManifest(paths)
const deployment = readDeployment(paths)
if (manifest === undefined || deployment === undefined) throw new Error(`no running stack under ${home}`)

const network = nodeNetwork(manifest, deployment)
const board = new HealthBoard()
const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`)
const stop = new AbortController()
// Every loop waits on this one signal: dozens of listeners are expected, not a leak.
setMaxListeners(200, stop.signal)

// One watcher of the chains' heights wakes the loops: a round runs when a block it depends on
// arrives (or at once again after a round that did work).
const heads = new Heads(network.chains, Math.max(20, Math.round(network.blockTimeMs / 8)))

const commitNodes = Array.from({ length: DON.commitNodes }, (_, i) => {
  const signer = nodeWallet('commit', i)
  return new CommitNode(
    i,
    signer,
    nodeWallet('commitTransmitter', i),
    network,
    board.register('commit', i, signer.address),
    heads,
  )
})
const rmnNodes = Array.from({ length: DON.rmnNodes }, (_, i) => {
  const key = nodeWallet('rmn', i)
  return new RmnNode(i, key, network, board.register('rmn', i, key.address), heads)
})
const execNodes = Array.from({ length: DON.execNodes }, (_, i) => {
  const key = nodeWallet('exec', i)
  return new ExecNode(i, key, network, board.register('exec', i, key.address), heads)
})

const everyChain = network.chains.map((c) => c.name)
const loops = network.chains.flatMap((dest) => {
  const commit = new CommitDon(dest, commitNodes, rmnNodes, network, DON.f, board, log, heads)
  const exec = new ExecDon(dest, execNodes, network, board, log, heads)
  return [
    // Sources' blocks make messages final; the destination's confirm commits.
    runLoop(`commit→${dest.name}`, heads.trigger(everyChain), () => commit.step(), stop.signal, log),
    // New commits and execution states appear on the destination only.
    runLoop(`exec→${dest.name}`, heads.trigger([dest.name]), () => exec.step(), stop.signal, log),
  ]
})
loops.push(heads.run(stop.signal))

// Every RMN node audits every commit on every destination (and votes to curse on a bad root).
for (const node of rmnNodes) {
  for (const dest of network.chains) {
    const monitor = new CommitMonitor(node, dest, dest.curseAuthority, log, heads)
    const next = heads.trigger([dest.name])
    loops.push(runLoop(`rmn${node.index} audit→${dest.name}`, next, () => monitor.step(), stop.signal, log))
  }
}

// Chain snapshots for crash safety; CCIP_SNAPSHOT_MS lets tests take them more often.
const snapshotMs = Number(process.env.CCIP_SNAPSHOT_MS ?? 10_000)
const snapshots = new Snapshotter(paths, network.chains)
loops.push(runLoop('snapshots', every(snapshotMs, stop.signal), () => snapshots.step(), stop.signal, log))

const healthFile = join(paths.dir, 'health.json')
const writeHealth = () => board.write(healthFile)
writeHealth()
const healthTimer = setInterval(writeHealth, 500)

const shutdown = () => {
  stop.abort()
  clearInterval(healthTimer)
}
process.on('SIGTERM', shutdown)
process.on('SIGINT', shutdown)
log(
  `nodes up: ${commitNodes.length} commit, ${rmnNodes.length} RMN, ${execNodes.length} exec on ${network.chains.length} chains`,
)

if (process.env.CCIP_NODES_DEBUG !== undefined) {
  const { monitorEventLoopDelay } = await import('node:perf_hooks')
  const h = monitorEventLoopDelay({ resolution: 5 })
  h.enable()
  const timer = setInterval(() => {
    log(
      `loop delay p50 ${(h.percentile(50) / 1e6).toFixed(0)} p99 ${(h.percentile(99) / 1e6).toFixed(0)} max ${(h.max / 1e6).toFixed(0)} ms`,
    )
    h.reset()
  }, 1000)
  stop.signal.addEventListener('abort', () => clearInterval(timer))
}
await Promise.all(loops)
for (const node of [...commitNodes, ...rmnNodes, ...execNodes]) node.close()
log('nodes stopped')
