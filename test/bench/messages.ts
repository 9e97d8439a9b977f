import { join } from 'node:path'
import { readJson } from '../../src/fs-atomic.js'
import type { Manifest } from '../../src/stack/manifest.js'
import type { StackStatus } from '../../src/stack/status.js'
import { benchExplorer } from './explorer.js'
import { latencyNote, measureLatency, measureThroughput } from './lifecycle.js'
import { timeCli } from './measure.js'
import type { Record, Row } from './run.js'
import { benchStats } from './stats.js'
import { benchChains, sendMany, waitAllSuccess } from './traffic.js'

/**
 * Issue 3's targets on a fresh default stack: send→SUCCESS latency (50 sequential messages),
 * end-to-end throughput of 1,000 messages against the send rate of the same senders, `ccip status`
 * with ≥ 10,000 messages on chain, and the stack's peak memory under that load.
 */
export async function benchMessages(home: string, up: string[], record: Record, rows: Row[]): Promise<void> {
  timeCli(['local', 'reset'], home)
  const started = timeCli([...up, '--json'], home)
  if (started.code !== 0) throw new Error(`up failed: ${started.stderr}`)
  const chains = benchChains(JSON.parse(started.stdout) as StackStatus)
  const pids = readJson<Manifest>(join(home, 'local', 'manifest.json'))!.processes.map((p) => p.pid)
  try {
    const lanesList = Array.from({ length: 5 }, () => timeCli(['lanes', 'list', '--json'], home).ms)
    record('`ccip lanes list --json` (3 chains, 6 lanes)', lanesList, 'ms', 500)
    const latency = await measureLatency(chains, 50)
    record('send→SUCCESS latency p50 (50 sequential messages)', latency.totals, 's', 2)
    rows.push(latencyNote(latency, 2))

    const throughput = await measureThroughput(chains, 1_000, pids)
    const e2e = throughput.messages / throughput.endToEndSeconds
    const sendRate = throughput.messages / throughput.sendSeconds
    record('throughput, 1,000 messages over 6 lanes until all SUCCESS', [e2e], 'msg/s', 100, true)
    record('  end-to-end rate ÷ send-only rate of the same senders', [e2e / sendRate], '×', 0.7, true)

    // Fill the chains to ≥ 10,000 messages, then look one up by id from the CLI.
    const lanes = chains.flatMap((s) => chains.filter((d) => d !== s).map((d) => [s, d] as const))
    const { devAccount } = await import('../../src/profiles/dev-keys.js')
    const fill = await Promise.all(lanes.map(([s, d], i) => sendMany(devAccount(1 + i), s, d, 1_500)))
    // Look up once the DONs have drained the fill, so the lookup is measured, not the backlog.
    await waitAllSuccess(fill, 300_000).catch((e: Error) => process.stderr.write(`fill: ${e.message}\n`))
    const oldest = fill[0]!.messageIds[0]!
    const statusTimes = Array.from({ length: 5 }, () => timeCli(['status', oldest, '--json'], home))
    if (statusTimes.every((r) => r.code === 0 || r.code === 4)) {
      record(
        '`ccip status <id>` with ≥ 10,000 messages on chain',
        statusTimes.map((r) => r.ms),
        'ms',
        300,
      )
    } else {
      rows.push({
        metric: `\`ccip status\` failed: ${statusTimes[0]?.stderr.trim().split('\n')[0]}`,
        value: 0,
        unit: '',
        target: '≤ 300 ms',
        ok: false,
        runs: 0,
      })
    }
    record('peak memory of the stack under the 1,000-message load', [throughput.peakRssMiB], 'MiB', 800)
    await benchExplorer(home, record, rows)
    await benchStats(home, chains, record, rows)
  } finally {
    for (const c of chains) c.provider.destroy()
  }
}
