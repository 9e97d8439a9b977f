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
 * Usage: node daemon.js <CCIPKIT_HOME> [<pid of the starting process> [threads|shared]]
 */
import { setMaxListeners } from 'node:events'
import { stackPaths } from '../stack/paths.js'
import { NodeThreads } from './threads.js'

const [home, starterArg, modeArg] = process.argv.slice(2)
if (home === undefined) throw new Error('usage: daemon.js <CCIPKIT_HOME> [<starter pid>]')
const paths = stackPaths(home)
const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`)
const stop = new AbortController()
setMaxListeners(50, stop.signal)
const startedAt = new Date().toISOString()

// The node threads first: they load their code while the chains start, and wait for them (boot.ts).
const threads = new NodeThreads(home, stop.signal, log, modeArg === 'shared' ? 'shared' : 'threads')
// Only now the rest of this process's code: the threads above load theirs meanwhile.
const { runNodeProcess } = await import('./node-process.js')
await runNodeProcess({
  home,
  starter: starterArg === undefined ? undefined : Number(starterArg),
  paths,
  threads,
  stop,
  log,
  startedAt,
})
