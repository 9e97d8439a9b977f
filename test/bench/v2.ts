import { join } from 'node:path'
import { startLocalStack } from 'ccipkit'
import { readJson } from '../../src/fs-atomic.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import type { Manifest } from '../../src/stack/manifest.js'
import { stackPaths } from '../../src/stack/paths.js'
import { type StackStatus, stackStatus } from '../../src/stack/status.js'
import { latencyNote, measureLatency, measureThroughput } from './lifecycle.js'
import { timeCli } from './measure.js'
import type { Record, Row } from './run.js'
import { benchChains, sendMany, waitAllSuccess } from './traffic.js'

/**
 * CCIP 2.0 beside 1.6 (issue 11): the same targets on a `--ccip 2.0` stack, whose messages go
 * through the committee verifiers, the aggregator and indexer, and the executors instead of the
 * commit DON, the RMN blessing and the execution DON. Then instant mining's latency on a 2.0
 * library stack.
 */
export async function benchV2(home: string, up: string[], record: Record, rows: Row[]): Promise<void> {
  timeCli(['local', 'reset'], home)
  const started = timeCli([...up, '--ccip', '2.0', '--json'], home)
  if (started.code !== 0) throw new Error(`2.0 up failed: ${started.stderr}`)
  record('2.0: cold `local up --ccip 2.0` (3 chains) to ready', [started.ms / 1000], 's', 15)
  const status = JSON.parse(started.stdout) as StackStatus
  const chains = benchChains(status)
  const pids = readJson<Manifest>(join(home, 'local', 'manifest.json'))!.processes.map((p) => p.pid)
  try {
    const latency = await measureLatency(chains, 50, status.indexerUrl)
    record('2.0: send→SUCCESS latency p50 (50 sequential messages)', latency.totals, 's', 2)
    rows.push(latencyNote(latency, 2))

    const throughput = await measureThroughput(chains, 1_000, pids)
    const e2e = throughput.messages / throughput.endToEndSeconds
    record('2.0: throughput, 1,000 messages over 6 lanes until all SUCCESS', [e2e], 'msg/s', 100, true)
    record(
      '  2.0: end-to-end rate ÷ send-only rate of the same senders',
      [e2e / (throughput.messages / throughput.sendSeconds)],
      '×',
      0.7,
      true,
    )
    record('2.0: peak memory of the stack under the 1,000-message load', [throughput.peakRssMiB], 'MiB', 800)

    const lanes = chains.flatMap((s) => chains.filter((d) => d !== s).map((d) => [s, d] as const))
    const fill = await Promise.all(lanes.map(([s, d], i) => sendMany(devAccount(1 + i), s, d, 1_500)))
    await waitAllSuccess(fill, 300_000).catch((e: Error) => process.stderr.write(`2.0 fill: ${e.message}\n`))
    const oldest = fill[0]!.messageIds[0]!
    const lookups = Array.from({ length: 5 }, () => timeCli(['status', oldest, '--json'], home))
    if (lookups.some((r) => r.code !== 0)) throw new Error(`2.0 status failed: ${lookups[0]?.stderr}`)
    record(
      '2.0: `ccip status <id>` with ≥ 10,000 messages on chain',
      lookups.map((r) => r.ms),
      'ms',
      300,
    )
  } finally {
    for (const c of chains) c.provider.destroy()
    timeCli(['local', 'reset'], home)
  }

  const stack = await startLocalStack({ ccip: '2.0', mining: 'instant', deploymentCache: false })
  try {
    const local = await stackStatus(stackPaths(stack.home))
    const instantChains = benchChains(local)
    const latency = await measureLatency(instantChains, 50, local.indexerUrl)
    record('2.0 instant mining: send→SUCCESS p50 (50 sequential messages)', latency.totals, 's', 0.15)
    rows.push(latencyNote(latency, 3))
    for (const c of instantChains) c.provider.destroy()
  } finally {
    await stack.stop()
  }
}
