import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLocalStack } from 'ccipkit'
import { stackPaths } from '../../src/stack/paths.js'
import { stackStatus } from '../../src/stack/status.js'
import { latencyNote, measureLatency } from './lifecycle.js'
import type { Record, Row } from './run.js'
import { benchChains } from './traffic.js'

/**
 * The library in a test suite (issue 10): a fresh stack per test file from a cached deployment,
 * instant mining's send→SUCCESS, 100 sequential messages as one test would send them, and a
 * whole-stack snapshot + revert. Each stack on free ports in its own temporary home.
 */
export async function benchLibrary(record: Record, rows: Row[]): Promise<void> {
  const cache = mkdtempSync(join(tmpdir(), 'ccip-bench-cache-'))
  process.env.CCIPKIT_CACHE = cache
  try {
    // The first start deploys and fills the cache; the next ones are what a test file gets.
    await (await startLocalStack({ mining: 'instant' })).stop()
    const fresh: number[] = []
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now()
      const stack = await startLocalStack({ mining: 'instant' })
      fresh.push((performance.now() - t0) / 1000)
      await stack.stop()
    }
    record('fresh library stack (`startLocalStack`, cached deployment) to ready', fresh, 's', 1)

    const stack = await startLocalStack({ mining: 'instant' })
    try {
      const chains = benchChains(await stackStatus(stackPaths(stack.home)))
      const latency = await measureLatency(chains, 50)
      record('instant mining: send→SUCCESS p50 (50 sequential messages)', latency.totals, 's', 0.15)
      rows.push(latencyNote(latency, 3))
      for (const c of chains) c.provider.destroy()

      // As a test would: the API's send (quote, checks, simulation, send) and waitFor, one by one.
      const t0 = performance.now()
      for (let i = 0; i < 100; i++) {
        const sent = await stack.send({ from: 'alpha', to: 'beta', data: '0x01' })
        const final = await stack.waitFor(sent.messageId)
        if (final.state !== 'SUCCESS') throw new Error(`message ${i} ended ${final.state}`)
      }
      record(
        'instant mining: 100 sequential messages in one test (send + waitFor)',
        [(performance.now() - t0) / 1000],
        's',
        20,
      )

      const both: number[] = []
      for (let i = 0; i < 10; i++) {
        const t = performance.now()
        await stack.revert(await stack.snapshot())
        both.push(performance.now() - t)
      }
      record('`snapshot()` + `revert()` of the whole stack (3 chains, nodes)', both, 'ms', 50)
    } finally {
      await stack.stop()
    }
  } finally {
    delete process.env.CCIPKIT_CACHE
    rmSync(cache, { recursive: true, force: true })
  }
}
