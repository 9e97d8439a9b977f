import type { Server } from 'node:http'
import { nodeWallets } from '../../stack/node-keys.js'
import { V2 } from '../../stack/settings.js'
import type { DutyContext, RunningDuty } from '../duties.js'
import { newNodeHealth } from '../health.js'
import { runLoop } from '../loop.js'
import { Aggregator } from './aggregator.js'
import { ExecutionQueue, ExecutorNode } from './executor.js'
import { serveIndexer } from './indexer.js'
import { ExecutionAudit, ResultAudit } from './rmn-audit.js'
import { RmnAuditor } from './rmn-auditor.js'

/**
 * The CCIP 2.0 duty: the aggregator that turns a threshold of the committee verifiers'
 * signatures (verify-duty.ts, another thread, over HTTP) into a result, the indexer serving the
 * results over HTTP, the executor nodes that execute them on each destination, and the RMN's
 * audits. A stack without 2.0 lanes starts none of it.
 */
export function startV2Duty(ctx: DutyContext): RunningDuty {
  const { network, heads, board, log, signal } = ctx
  const bySelector = new Map(network.chains.map((c) => [c.selector, c]))
  const v2Chains = network.chains.filter((c) => c.v2 !== undefined)
  const aggregator = new Aggregator(
    {
      threshold: V2.committee.threshold,
      signers: new Set(nodeWallets('verifier').map((w) => w.address.toLowerCase())),
    },
    (sent) => {
      const source = bySelector.get(sent.message.sourceChainSelector)?.v2
      const dest = bySelector.get(sent.message.destChainSelector)?.v2
      return source === undefined || dest === undefined
        ? undefined
        : { source: source.verifierResolver, dest: dest.verifierResolver }
    },
  )
  const executors = nodeWallets('executor').map(
    (key, i) => new ExecutorNode(i, key, network, board.register('executor', i, key.address)),
  )
  const queues = new Map(v2Chains.map((dest) => [dest.name, new ExecutionQueue(dest, executors, heads, log)]))
  const wakes = new Map(v2Chains.map((dest) => [dest.name, new Wake()]))
  aggregator.onResult((result) => {
    const dest = bySelector.get(result.sent.message.destChainSelector)
    const source = bySelector.get(result.sent.message.sourceChainSelector)
    if (dest === undefined || source === undefined) return
    queues.get(dest.name)?.add(result, source)
    wakes.get(dest.name)?.wake()
  })

  const loops: Promise<void>[] = []
  for (const dest of v2Chains) {
    const queue = queues.get(dest.name)!
    const block = heads.trigger([dest.name])
    const wake = wakes.get(dest.name)!
    // A new block (a state may have changed) or a new result, whichever comes first.
    const next = () => Promise.race([block(), wake.next()])
    loops.push(runLoop(`executor→${dest.name}`, next, () => queue.step(), signal, log))
  }
  // The RMN nodes audit every 2.0 result and execution. On a mixed stack the commit duty reports
  // their health (the same keys audit the 1.6 commits there): these audits then keep theirs to themselves.
  const auditors = nodeWallets('rmn').map((wallet, i) => {
    const health = network.runs['1.6']
      ? newNodeHealth('rmn', i, wallet.address)
      : board.register('rmn', i, wallet.address)
    return new RmnAuditor({ index: i, wallet, health }, network, heads, log)
  })
  for (const auditor of auditors) {
    for (const dest of v2Chains) {
      const audit = new ExecutionAudit(auditor, dest, heads)
      const name = `rmn${auditor.node.index} audit 2.0→${dest.name}`
      loops.push(runLoop(name, heads.trigger([dest.name]), () => audit.step(), signal, log))
    }
  }
  let server: Server | undefined
  if (network.indexerPort !== undefined) {
    const port = network.indexerPort
    const url = `http://127.0.0.1:${port}`
    const everyV2Block = v2Chains.map((c) => c.name)
    loops.push(
      serveIndexer(port, aggregator).then(
        (s) => {
          server = s
          log(`indexer on ${url}`)
          // Read as any client reads it, once it answers.
          const audits = auditors.map((auditor) => {
            const audit = new ResultAudit(auditor, url)
            const name = `rmn${auditor.node.index} audit of indexer results`
            return runLoop(name, heads.trigger(everyV2Block), () => audit.step(), signal, log)
          })
          const closed = new Promise<void>((resolve) =>
            signal.addEventListener('abort', () => s.close(() => resolve())),
          )
          return Promise.all([closed, ...audits]).then(() => undefined)
        },
        (error: Error) => log(`indexer: cannot listen on ${port}: ${error.message}`),
      ),
    )
  }
  return {
    loops,
    close: () => {
      server?.close()
    },
  }
}

/** A wake-up call for a loop waiting on something other than blocks. */
class Wake {
  private waiters: (() => void)[] = []

  next(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  wake(): void {
    const waiting = this.waiters
    this.waiters = []
    for (const resolve of waiting) resolve()
  }
}
