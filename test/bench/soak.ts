import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readJson } from '../../src/fs-atomic.js'
import type { HealthFile } from '../../src/nodes/health.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import type { Manifest } from '../../src/stack/manifest.js'
import { stackPaths } from '../../src/stack/paths.js'
import { readCut } from '../../src/stack/state-cut.js'
import type { StackStatus } from '../../src/stack/status.js'
import { sleep } from '../../src/time.js'
import { laneLedger } from '../helpers/ledger.js'
import { rssMiB, timeCli } from './measure.js'
import type { Record as RecordRow } from './run.js'
import { type BenchChain, benchChains, type SentBatch, sendMany } from './traffic.js'

/**
 * `npm run bench -- --only soak [--rate N] [--minutes M]`: N msg/s spread over every lane for M
 * minutes (default 10 msg/s for 30 min = 18,000 messages), sampling the stack's resident memory
 * and the wall time of the chain snapshots (one cut of all chains) at 1,000 / 10,000 / 18,000
 * messages; then a kill -9 of the whole stack under load and a count, after `local up`, of
 * messages complete, lost (sent after the last cut) and split (state from two moments: must be 0).
 */
export interface SoakOptions {
  rate: number
  minutes: number
}

const MILESTONES = [1_000, 3_000, 10_000, 18_000]
/** The milestone the cut is measured flat against (see FLAT). */
const FLAT_FROM = 3_000
const RSS_LIMIT_MIB = 800

interface Sample {
  sent: number
  rss: number
  /** The chains' share of `rss` (the rest is the node process). */
  anvilRss: number
  peakRss: number
  cutMs: number | null
  cutBytes: number | null
}

export async function benchSoak(
  home: string,
  up: string[],
  record: RecordRow,
  opts: SoakOptions,
): Promise<void> {
  const paths = stackPaths(home)
  const start = timeCli([...up, '--json'], home)
  if (start.code !== 0) throw new Error(`local up failed:\n${start.stderr}`)
  let chains = benchChains(JSON.parse(start.stdout) as StackStatus)
  const lanes = chains.flatMap((s) => chains.filter((d) => d !== s).map((d) => [s, d] as const))
  const batches: SentBatch[] = []
  let sent = 0
  let running = true
  const t0 = Date.now()
  const endAt = t0 + opts.minutes * 60_000
  // Each lane keeps to its share of the rate (its own sender, so nonces never collide).
  const senders = lanes.map(async ([source, dest], i) => {
    let mine = 0
    while (running) {
      const total = Math.floor(((Date.now() - t0) / 1000) * opts.rate)
      const count = Math.min(Math.floor((total + lanes.length - 1 - i) / lanes.length) - mine, 50)
      if (count <= 0) {
        await sleep(100)
        continue
      }
      const batch = await sendMany(devAccount(1 + i), source, dest, count).catch(() => undefined)
      if (batch === undefined) continue
      batches.push(batch)
      mine += count
      sent += count
    }
  })

  const samples: Sample[] = []
  let peakRss = 0
  let milestone = 0
  let firstMilestone: Sample | undefined
  const sample = (): Sample => {
    const manifest = readJson<Manifest>(paths.manifest)
    const processes = manifest?.processes ?? []
    const rss = processes.reduce((sum, p) => sum + rssMiB(p.pid), 0)
    const anvilRss = processes
      .filter((p) => p.role.startsWith('anvil'))
      .reduce((n, p) => n + rssMiB(p.pid), 0)
    peakRss = Math.max(peakRss, rss)
    const cut = readJson<HealthFile>(join(paths.dir, 'health.json'))?.snapshots?.lastCut ?? null
    if (cut !== null && cuts.at(-1)?.cut !== cut.cut) cuts.push(cut)
    // The median of the last 10 cuts: one cut's wall time under load swings by half.
    const recent = cuts.slice(-10)
    return {
      sent,
      rss,
      anvilRss,
      peakRss,
      cutMs: recent.length === 0 ? null : median(recent.map((c) => c.ms)),
      cutBytes: recent.length === 0 ? null : median(recent.map((c) => c.bytes)),
    }
  }
  const cuts: { cut: number; ms: number; bytes: number }[] = []
  while (Date.now() < endAt) {
    await sleep(1_000)
    const s = sample()
    samples.push(s)
    if (milestone < MILESTONES.length && s.sent >= MILESTONES[milestone]!) {
      if (MILESTONES[milestone] === FLAT_FROM) firstMilestone = s
      recordMilestone(record, MILESTONES[milestone]!, s, firstMilestone)
      milestone += 1
    }
    if (samples.length % 30 === 0) {
      process.stderr.write(
        `soak: ${s.sent} sent, RSS ${s.rss.toFixed(0)} MiB (chains ${s.anvilRss.toFixed(0)}, peak ${s.peakRss.toFixed(0)}), cuts (median of 10) ${s.cutMs} ms / ${((s.cutBytes ?? 0) / 2 ** 20).toFixed(1)} MiB\n`,
      )
    }
  }
  const last = samples[samples.length - 1]
  if (last !== undefined && milestone < MILESTONES.length)
    recordMilestone(record, last.sent, last, firstMilestone)

  const restarts =
    readFileSync(join(paths.logsDir, 'nodes.log'), 'utf8').match(/memory: restarted \w+/g) ?? []
  process.stderr.write(`soak: ${restarts.length} chain restarts for memory (${restarts.join(', ')})\n`)
  // kill -9 of every process of the stack while the load still runs.
  for (const p of readJson<Manifest>(paths.manifest)?.processes ?? []) process.kill(p.pid, 'SIGKILL')
  running = false
  await Promise.allSettled(senders)
  const cut = readCut(paths)
  const restart = timeCli([...up, '--json'], home)
  if (restart.code !== 0) throw new Error(`local up after kill -9 failed:\n${restart.stderr}`)
  for (const c of chains) c.provider.destroy()
  chains = benchChains(JSON.parse(restart.stdout) as StackStatus)
  const outcome = await afterCrash(chains, batches, cut?.heads ?? {})
  for (const c of chains) c.provider.destroy()
  // Every message the restored chains still have must complete; only those after the cut are lost.
  record(
    'soak kill -9: messages complete after restart',
    [outcome.complete],
    'msg',
    sent - outcome.lostAfterCut,
    true,
  )
  record('soak kill -9: lost (sent after the last cut)', [outcome.lostAfterCut], 'msg', Infinity)
  record('soak kill -9: lost although in the last cut', [outcome.lostInCut], 'msg', 0)
  record('soak kill -9: split (executed or committed, send gone)', [outcome.split], 'msg', 0)
  record('soak kill -9: stuck or FAILURE after restart', [outcome.stuck.length], 'msg', 0)
  for (const line of outcome.stuck) process.stderr.write(`soak: not complete after restart: ${line}\n`)
}

/**
 * The cut must stay flat: from FLAT_FROM on, within FLAT× its time and size there (3,000
 * messages, 300 s at 10 msg/s: anvil's window of kept transactions, 100 s, filled long before,
 * and the last 10 cuts, ~20 s apart under this load, all came after). Before it, the cut grows
 * with that window by design (no target).
 */
const FLAT = 1.5

function recordMilestone(record: RecordRow, count: number, s: Sample, first: Sample | undefined): void {
  const at = `at ${count.toLocaleString('en-US')} messages`
  record(`soak: peak stack RSS ${at}`, [s.peakRss], 'MiB', RSS_LIMIT_MIB)
  if (s.cutMs !== null)
    record(
      `soak: snapshot (one cut, median of the last 10) wall time ${at}`,
      [s.cutMs],
      'ms',
      first?.cutMs == null ? Infinity : Math.round(FLAT * first.cutMs),
    )
  if (s.cutBytes !== null) {
    record(
      `soak: snapshot size (median of the last 10) ${at}`,
      [s.cutBytes / 2 ** 20],
      'MiB',
      first?.cutBytes == null ? Infinity : Math.round(FLAT * (first.cutBytes / 2 ** 20)),
    )
  }
}

/** After the restart: split right away, then complete / lost once every surviving send drained. */
async function afterCrash(chains: BenchChain[], batches: SentBatch[], cutHeads: Record<string, number>) {
  const lanes = chains.flatMap((s) => chains.filter((d) => d !== s).map((d) => [s.name, d.name] as const))
  const read = () => Promise.all(lanes.map(([s, d]) => laneLedger(chains, s, d)))
  const first = await read()
  const splitAtOnce = first.reduce(
    (n, l) => n + l.executedWithoutSend.length + l.committedWithoutSend.length,
    0,
  )
  let ledgers = first
  for (let deadline = Date.now() + 180_000; Date.now() < deadline; await sleep(1_000)) {
    ledgers = await read()
    if (ledgers.every((l) => l.notExecuted.length === 0)) break
  }
  const present = new Set(ledgers.flatMap((l) => [...l.sent]))
  let lostAfterCut = 0
  let lostInCut = 0
  for (const b of batches) {
    const missing = b.messageIds.filter((id) => !present.has(id)).length
    if (b.lastBlock <= (cutHeads[b.source.name] ?? -1)) lostInCut += missing
    else lostAfterCut += missing
  }
  const stuck = ledgers.flatMap((l) => [
    ...l.notExecuted.map((id) => `${l.lane} ${id} never executed`),
    ...l.failed.map((id) => `${l.lane} ${id} FAILURE`),
  ])
  const complete = ledgers.reduce((n, l) => n + l.sent.size - l.notExecuted.length - l.failed.length, 0)
  return { complete, lostAfterCut, lostInCut, split: splitAtOnce, stuck }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}
