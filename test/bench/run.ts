/**
 * `npm run bench`: the speed and memory targets of the issues, measured on this machine against
 * the real stack. Prints a table and writes test/bench/results.json. Targets, not tests: a miss
 * is reported, it does not fail the run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { readJson } from '../../src/fs-atomic.js'
import { packageRoot } from '../../src/package-root.js'
import type { Manifest } from '../../src/stack/manifest.js'
import { benchCurse } from './curse.js'
import { benchLibrary } from './library.js'
import { median, must, rssMiB, timeCli } from './measure.js'
import { benchMessages } from './messages.js'
import { benchParallelSends } from './parallel.js'
import { benchSoak } from './soak.js'
import { benchStatsAlone } from './stats.js'
import { benchToken } from './token.js'
import { benchV2 } from './v2.js'

export interface Row {
  metric: string
  value: number
  unit: string
  target: string
  ok: boolean
  runs: number
}

const PORT_BASE = 20545
// `npm run bench -- --only curse|parallel|library|v2` runs one section, to iterate on it without the full run.
// `--only soak` is the long run (not in the default one): `--rate` msg/s for `--minutes`.
const values = parseArgs({
  options: {
    only: { type: 'string' },
    rate: { type: 'string' },
    minutes: { type: 'string' },
    'port-base': { type: 'string' },
  },
}).values
const { only, rate, minutes } = values
const portBase = Number(values['port-base'] ?? PORT_BASE)
const SECTIONS = ['curse', 'parallel', 'soak', 'library', 'v2', 'stats']
if (only !== undefined && !SECTIONS.includes(only)) {
  throw new Error(`--only: unknown section ${only} (${SECTIONS.join(', ')})`)
}
const home = mkdtempSync(join(tmpdir(), 'ccip-bench-'))
const rows: Row[] = []
export type Record = (
  metric: string,
  values: number[],
  unit: string,
  limit: number,
  atLeast?: boolean,
) => void
const record: Record = (metric, values, unit, limit, atLeast = false) => {
  const value = Number(median(values).toFixed(unit === 'MiB' || unit === 'msg/s' ? 0 : 3))
  const target = `${atLeast ? '≥' : '≤'} ${limit} ${unit}`
  rows.push({
    metric,
    value,
    unit,
    target,
    ok: atLeast ? value >= limit : value <= limit,
    runs: values.length,
  })
}

try {
  const up = ['local', 'up', '--detach', '--port-base', String(portBase)]
  if (only === undefined) {
    // CLI start-up first, with no stack running (a running stack's polling would be measured too).
    const help = Array.from({ length: 10 }, () => timeCli(['--help'], home).ms)
    record('`ccip --help`', help, 'ms', 200)
    const list = Array.from({ length: 10 }, () => timeCli(['chains', 'list', '--json'], home).ms)
    record('`ccip chains list --json`', list, 'ms', 200)

    const cold: number[] = []
    for (let i = 0; i < 3; i++) {
      must(timeCli(['local', 'reset'], home), 'reset')
      const run = timeCli(up, home)
      must(run, 'cold up')
      cold.push(run.ms / 1000)
      if (i < 2) must(timeCli(['local', 'down'], home), 'down')
    }
    record('cold `local up` (3 chains, first deploy) to ready', cold, 's', 15)

    const manifest = readJson<Manifest>(join(home, 'local', 'manifest.json'))
    const rss = (manifest?.processes ?? []).reduce((sum, p) => sum + rssMiB(p.pid), 0)
    record('resident memory of the whole stack (3 chains)', [rss], 'MiB', 600)

    const warm: number[] = []
    for (let i = 0; i < 5; i++) {
      must(timeCli(['local', 'down'], home), 'down')
      const run = timeCli(up, home)
      must(run, 'warm up')
      warm.push(run.ms / 1000)
    }
    record('warm `local up` (saved state) to ready', warm, 's', 2)

    await benchMessages(home, up, record, rows)
    // After the messages: its tokens would lengthen `lanes list` (it lists every registered token).
    benchToken(home, record, rows)
  }
  if (only === undefined || only === 'parallel') {
    timeCli(['local', 'reset'], home)
    await benchParallelSends(home, up, record, rows)
  }
  if (only === undefined || only === 'library') await benchLibrary(record, rows)
  if (only === undefined || only === 'v2') await benchV2(home, up, record, rows)
  if (only === 'stats') await benchStatsAlone(home, up, record, rows)
  if (only === 'soak') {
    await benchSoak(home, up, record, { rate: Number(rate ?? 10), minutes: Number(minutes ?? 30) })
  }
  // Last, on a fresh stack: the forged roots leave lanes cursed.
  if (only === undefined || only === 'curse') await benchCurse(home, up, record, rows)
} finally {
  timeCli(['local', 'reset'], home)
  rmSync(home, { recursive: true, force: true })
}

const machine = `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`
const width = Math.max(...rows.map((r) => r.metric.length))
process.stdout.write(`ccipkit bench (${machine})\n\n`)
process.stdout.write(`${'metric'.padEnd(width)}  ${'median'.padStart(9)}  target        ok\n`)
for (const r of rows) {
  process.stdout.write(
    `${r.metric.padEnd(width)}  ${`${r.value} ${r.unit}`.padStart(9)}  ${r.target.padEnd(12)}  ${r.ok ? 'yes' : 'NO'}\n`,
  )
}
// A partial run must not overwrite the results of the last full one.
if (only === undefined) {
  const out = join(packageRoot(), 'test', 'bench', 'results.json')
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), machine, rows }, null, 2)}\n`)
  process.stdout.write(`\nwrote ${out}\n`)
}
