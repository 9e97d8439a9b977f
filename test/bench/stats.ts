import { readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { stackPaths } from '../../src/stack/paths.js'
import type { StackStatus } from '../../src/stack/status.js'
import type { StatsReport } from '../../src/stats/types.js'
import { sleep } from '../../src/time.js'
import { timeCli } from './measure.js'
import type { Record, Row } from './run.js'
import { type BenchChain, benchChains, sendMany } from './traffic.js'

/** Issue 13's stats target: `ccip stats` over ≥ 100,000 messages on the local stack. */
export const STATS_MESSAGES = 100_000

/**
 * Fill the running stack to ≥ 100,000 messages over all its lanes (sends in parallel, one
 * account per lane), wait until the DONs have executed them, then time `ccip stats --json`: once
 * with no history kept (its first run on a home reads every chain from block 0 and keeps the
 * digest), then five times with the history kept (a run reads only the blocks since).
 */
export async function benchStats(
  home: string,
  chains: BenchChain[],
  record: Record,
  rows: Row[],
): Promise<void> {
  const stats = () => timeCli(['stats', '--json'], home)
  const first = stats()
  if (first.code !== 0) throw new Error(`stats failed: ${first.stderr}`)
  const have = (JSON.parse(first.stdout) as StatsReport).total.messages
  const lanes = chains.flatMap((s) => chains.filter((d) => d !== s).map((d) => [s, d] as const))
  const perLane = Math.ceil(Math.max(0, STATS_MESSAGES - have) / lanes.length)
  const { devAccount } = await import('../../src/profiles/dev-keys.js')
  const t0 = Date.now()
  // In rounds of 2,500 per lane: a lane's sends wait on its own nonces, and the DONs start early.
  for (let left = perLane; left > 0; left -= 2_500) {
    const n = Math.min(2_500, left)
    await Promise.all(lanes.map(([s, d], i) => sendMany(devAccount(1 + i), s, d, n)))
  }
  const sendSeconds = (Date.now() - t0) / 1000
  await drained(home, 900_000)
  rows.push(
    note(
      `filled ${have} → ${have + perLane * lanes.length} messages: sent in ${sendSeconds.toFixed(0)} s, executed after ${((Date.now() - t0) / 1000).toFixed(0)} s`,
    ),
  )

  // The stack's node process keeps each chain's history as the fill goes (nodes/history-worker.ts):
  // the first run after the fill is what a user sees; then runs with the history kept; then one with
  // it deleted, which reads every chain's log archive from block 0.
  const firstAfterFill = stats()
  const report = JSON.parse(firstAfterFill.stdout) as StatsReport
  const warm = Array.from({ length: 5 }, () => stats())
  rmSync(join(home, 'history'), { recursive: true, force: true })
  const cold = stats()
  record(
    `\`ccip stats\` over ${report.total.messages.toLocaleString('en-US')} messages, history kept`,
    warm.map((r) => r.ms / 1000),
    's',
    2,
  )
  record('  the first run after the fill (history kept by the stack)', [firstAfterFill.ms / 1000], 's', 2)
  rows.push(
    note(`${report.lanes.length} lanes; ${report.total.success} SUCCESS, ${report.total.inFlight} in flight`),
    note(
      `history deleted: every chain read again from block 0 (${archiveMiB(home)} MiB of log archive) in ${(cold.ms / 1000).toFixed(2)} s`,
    ),
  )
}

/** The local chains' log archives, in MiB. */
function archiveMiB(home: string): number {
  const dir = stackPaths(home).archiveDir
  const bytes = readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0)
  return Math.round(bytes / 2 ** 20)
}

/** `npm run bench -- --only stats`: the stats section on a fresh default stack. */
export async function benchStatsAlone(
  home: string,
  up: string[],
  record: Record,
  rows: Row[],
): Promise<void> {
  timeCli(['local', 'reset'], home)
  const started = timeCli([...up, '--json'], home)
  if (started.code !== 0) throw new Error(`up failed: ${started.stderr}`)
  const chains = benchChains(JSON.parse(started.stdout) as StackStatus)
  try {
    await benchStats(home, chains, record, rows)
  } finally {
    for (const c of chains) c.provider.destroy()
  }
}

/**
 * Until no lane has a message in flight, by the lanes' own counters (the bench's SuccessCounter
 * reads anvil's logs, and anvil no longer holds those of a fill this long: the archive does).
 */
async function drained(home: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const run = timeCli(['lanes', 'list', '--json'], home)
    // --json writes big integers as decimal strings.
    const lanes = run.code === 0 ? (JSON.parse(run.stdout) as { inFlight: string }[]) : undefined
    if (lanes?.every((l) => l.inFlight === '0')) return
    if (Date.now() > deadline) {
      process.stderr.write(`stats fill: still in flight after ${timeoutMs / 1000} s\n`)
      return
    }
    await sleep(5_000)
  }
}

const note = (metric: string): Row => ({
  metric: `  ${metric}`,
  value: 0,
  unit: '',
  target: '',
  ok: true,
  runs: 0,
})
