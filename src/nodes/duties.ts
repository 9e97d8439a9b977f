import { nodeWallet } from '../stack/node-keys.js'
import { DON } from '../stack/settings.js'
import { CommitDon } from './commit/don.js'
import { CommitNode } from './commit/node.js'
import { dutyRuns, type NodeNetwork } from './context.js'
import { ExecDon } from './exec/don.js'
import { ExecNode } from './exec/node.js'
import type { Heads } from './heads.js'
import type { HealthBoard } from './health.js'
import { type Log, runLoop } from './loop.js'
import type { Duty } from './messages.js'
import { CommitMonitor } from './rmn/monitor.js'
import { RmnNode } from './rmn/node.js'

/**
 * The node process's duties, each run by its own worker thread on `local up` so that one duty's
 * long synchronous work (encoding a 200-message execution report, hashing a 256-leaf tree,
 * signing every 2.0 message) does not hold up another's RPC round trips:
 * - commit: the commit DON, and the RMN nodes blessing its roots and auditing every commit
 *   (voting to curse a root they cannot reproduce);
 * - exec: the execution DON;
 * - verify: CCIP 2.0's committee verifier nodes (v2/verify-duty.ts);
 * - v2: CCIP 2.0's aggregator, indexer, executors and the RMN's 2.0 audits (v2/duty.ts).
 * A duty the stack has no lanes for (1.6 or 2.0) ends its thread at once.
 */
// DUTIES and Duty live in messages.ts: the main thread must not load the nodes (and ethers)
// just to name the duties, its start-up is on `local up`'s critical path.

export interface DutyContext {
  network: NodeNetwork
  heads: Heads
  board: HealthBoard
  log: Log
  signal: AbortSignal
}

export interface RunningDuty {
  loops: Promise<void>[]
  close(): void
}

/**
 * Start `duty`'s nodes; resolves once every node is on the health board (a thread's first report
 * is what `local up` waits for, so it must name them all).
 */
export async function startDuty(duty: Duty, ctx: DutyContext): Promise<RunningDuty> {
  const { network, heads, board, log, signal } = ctx
  if (!dutyRuns(duty, network)) return idle(signal)
  // The 2.0 duties' code is loaded only on a stack that runs 2.0 lanes.
  if (duty === 'v2') return (await import('./v2/duty.js')).startV2Duty(ctx)
  if (duty === 'verify') return (await import('./v2/verify-duty.js')).startVerifyDuty(ctx)
  const everyChain = network.chains.map((c) => c.name)

  if (duty === 'exec') {
    const execNodes = Array.from({ length: DON.execNodes }, (_, i) => {
      const key = nodeWallet('exec', i)
      return new ExecNode(i, key, network, board.register('exec', i, key.address), heads, log)
    })
    const loops = network.chains.map((dest) => {
      const don = new ExecDon(dest, execNodes, network, board, log, heads)
      // New commits and execution states appear on the destination only.
      return runLoop(`exec→${dest.name}`, heads.trigger([dest.name]), () => don.step(), signal, log)
    })
    return { loops, close: () => closeAll(execNodes) }
  }

  const commitNodes = Array.from({ length: DON.commitNodes }, (_, i) => {
    const signer = nodeWallet('commit', i)
    const health = board.register('commit', i, signer.address)
    return new CommitNode(i, signer, nodeWallet('commitTransmitter', i), network, health, heads, log)
  })
  const rmn = Array.from({ length: DON.rmnNodes }, (_, i) => {
    const key = nodeWallet('rmn', i)
    return new RmnNode(i, key, network, board.register('rmn', i, key.address), heads, log)
  })
  const loops = network.chains.map((dest) => {
    const don = new CommitDon(dest, commitNodes, rmn, network, DON.f, board, log, heads)
    // Sources' blocks make messages final; the destination's confirm commits.
    return runLoop(`commit→${dest.name}`, heads.trigger(everyChain), () => don.step(), signal, log)
  })
  // Every RMN node audits every commit on every destination.
  for (const node of rmn) {
    for (const dest of network.chains) {
      const monitor = new CommitMonitor(
        node,
        dest,
        node.chain(dest),
        dest.curseAuthority,
        log,
        heads,
        network.finalityDepth,
      )
      const name = `rmn${node.index} audit→${dest.name}`
      loops.push(runLoop(name, heads.trigger([dest.name]), () => monitor.step(), signal, log))
    }
  }
  return { loops, close: () => closeAll([...commitNodes, ...rmn]) }
}

/** A duty the stack has no lanes for: nothing runs, and the thread waits to be stopped. */
function idle(signal: AbortSignal): RunningDuty {
  const stopped = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()))
  return { loops: [stopped], close: () => undefined }
}

const closeAll = (nodes: { close(): void }[]) => {
  for (const node of nodes) node.close()
}
