import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rpcCall } from '../../src/chain/rpc.js'
import { readJson } from '../../src/fs-atomic.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import type { Manifest } from '../../src/stack/manifest.js'
import { stackPaths } from '../../src/stack/paths.js'
import { readCut } from '../../src/stack/state-cut.js'
import type { StackStatus } from '../../src/stack/status.js'
import { sleep } from '../../src/time.js'
import { type BenchChain, benchChains, type SentBatch, sendMany } from '../bench/traffic.js'
import { jsonOf, runCli, stackLogTail, tempHome } from '../helpers/cli.js'
import {
  archivedHashes,
  gapProbe,
  laneDiagnosis,
  laneLedger,
  missingSendDiagnosis,
} from '../helpers/ledger.js'

/**
 * kill -9 of the whole stack under load, on every lane: after `local up` every message is
 * complete on both sides or absent on both (none executed on a destination without its send on
 * the source), nothing the last cut held is lost, no lane is cursed, and every lane still works.
 * One chain's dump is made slow (a large contract) so that chains saved on their own schedules
 * would restore to moments seconds apart.
 */
const PORT_BASE = 30910
const { home, cleanup } = tempHome('crash-cut')
// Cuts every 0.5 s; anvil keeps 40 blocks of transactions, so the restarted nodes must find the
// cut's older messages in the log archive (`keep` widens it again).
const cli = (...args: string[]) =>
  runCli(args, { home, env: { CCIPKIT_SNAPSHOT_MS: '500', CCIPKIT_KEEP_BLOCKS: keep } })
let keep = '40'
const up = () => cli('local', 'up', '--detach', '--json', '--port-base', String(PORT_BASE))
let chains: BenchChain[] = []
const note = (line: string) => process.stderr.write(`crash-cut: ${line}\n`)

const connect = (run: Awaited<ReturnType<typeof up>>) => {
  expect(run.code, run.stderr).toBe(0)
  for (const c of chains) c.provider.destroy()
  chains = benchChains(jsonOf<StackStatus>(run))
}

beforeAll(async () => connect(await up()))
afterAll(async () => {
  for (const c of chains) c.provider.destroy()
  await cli('local', 'reset')
  cleanup()
})

describe('a kill -9 of the whole stack under load', () => {
  it('restores one cut: no message split, nothing cut-saved lost, no curse, every lane works', {
    timeout: 300_000,
  }, async () => {
    const gamma = chains.find((c) => c.name === 'gamma')!
    // 3 MB of code (in pieces anvil accepts): gamma's dump takes several times longer than the others'.
    for (let i = 1; i <= 6; i++) {
      const address = `0x${i.toString(16).padStart(40, '0')}`.replace(/^0x0/, '0xc')
      await rpcCall(gamma.rpcUrl, 'anvil_setCode', [address, `0x${'5b'.repeat(500_000)}`])
    }
    const lanes = chains.flatMap((s) => chains.filter((d) => d !== s).map((d) => [s, d] as const))
    const sent: SentBatch[] = []
    let load = true
    const senders = lanes.map(async ([source, dest], i) => {
      while (load) sent.push(await sendMany(devAccount(1 + i), source, dest, 3).catch(() => stop()))
    })
    const stop = (): never => {
      load = false
      throw new Error('stack gone')
    }
    // Under load until a cut taken during it is on disk and the senders have a dozen batches in
    // (on a machine busy with other stacks, batches come slowly), and a few seconds more.
    const loadFrom = Number(await rpcCall<string>(gamma.rpcUrl, 'eth_blockNumber', []))
    const paths = stackPaths(home)
    const underLoad = () => (readCut(paths)?.heads.gamma ?? 0) > loadFrom + 5 && sent.length > 12
    for (let i = 0; i < 1_200 && !underLoad(); i++) await sleep(100)
    await sleep(4_000)
    note(`load ran to block ${loadFrom}+, cut ${JSON.stringify(readCut(paths))}`)
    const manifest = readJson<Manifest>(join(home, 'local', 'manifest.json'))!
    for (const p of manifest.processes) process.kill(p.pid, 'SIGKILL')
    load = false
    await Promise.allSettled(senders)
    expect(sent.length, 'the load ran').toBeGreaterThan(12)
    const cut = readCut(paths)!
    expect(cut.heads.gamma, `a cut was taken under load: ${JSON.stringify(cut)}`).toBeGreaterThan(
      loadFrom + 5,
    )

    connect(await up())
    note(`restarted; ${sent.length} batches sent`)
    // Right after the restart, before the nodes can change anything: no execution without its send.
    const ledgers = await Promise.all(lanes.map(([s, d]) => laneLedger(chains, s.name, d.name)))
    for (const [i, l] of ledgers.entries()) {
      if (l.executedWithoutSend.length > 0) {
        const [s, d] = lanes[i]!
        const dump = join(paths.stateDir, `cut-${cut.cut}`, `${s.name}.json`)
        const probe = `${await gapProbe(s, l.gap.from, l.gap.to)}; manifest pids ${JSON.stringify(readJson<Manifest>(join(home, 'local', 'manifest.json'))?.processes.map((p) => `${p.role}:${p.pid}`))}`
        note(
          `split?\nat the check: ${l.readNote}\nthe node's blocks in the gap: ${probe}\nread again: ${await missingSendDiagnosis(chains, s.name, d.name, dump)}\nthe archive's blocks in the gap now: ${await archivedHashes(s.logArchive, l.gap.from, l.gap.to)}\n${stackLogTail(home, 'nodes', 20)}`,
        )
      }
      expect(l.executedWithoutSend, `${l.lane}: executed, never sent`).toEqual([])
      expect(l.committedWithoutSend, `${l.lane}: committed, never sent`).toEqual([])
    }
    // Lost are only sends after the cut: every batch mined at or below the cut's head is there.
    for (const batch of sent.filter((b) => b.lastBlock <= cut.heads[b.source.name]!)) {
      const ledger =
        ledgers[lanes.findIndex(([s, d]) => s.name === batch.source.name && d.name === batch.dest.name)]!
      const where = `blocks ${batch.firstBlock}–${batch.lastBlock}, cut ${JSON.stringify(cut)}`
      for (const id of batch.messageIds)
        expect(ledger.sent.has(id), `${ledger.lane}: ${id} lost (${where})`).toBe(true)
    }
    // Sends the chains still have complete; none of them is stuck behind a reused sequence number.
    const deadline = Date.now() + 90_000
    let pending = ledgers
    while (Date.now() < deadline) {
      pending = await Promise.all(lanes.map(([s, d]) => laneLedger(chains, s.name, d.name)))
      if (pending.every((l) => l.notExecuted.length === 0)) break
      await sleep(500)
    }
    note(`drained: ${pending.map((l) => `${l.lane} ${l.sent.size}/${l.notExecuted.length}`).join(', ')}`)
    for (const [i, l] of pending.entries()) {
      const [s, d] = lanes[i]!
      const why = l.notExecuted.length === 0 ? '' : await laneDiagnosis(chains, s.name, d.name)
      expect(l.notExecuted, `${why}\ncut ${JSON.stringify(cut)}\n${stackLogTail(home, 'nodes', 30)}`).toEqual(
        [],
      )
      expect(l.failed, `${l.lane} failed`).toEqual([])
    }
    const rmn = await cli('rmn', 'status', '--json')
    expect(rmn.code, rmn.stderr).toBe(0)
    for (const c of jsonOf<{ chain: string; cursed: unknown[] }[]>(rmn)) expect(c.cursed, c.chain).toEqual([])
    // Every lane keeps working: a new message on each reaches SUCCESS.
    for (const [s, d] of lanes) {
      const send = await cli('send', '--from', s.name, '--to', d.name, '--data', 'after', '--wait', '--json')
      expect(send.code, `${s.name} → ${d.name}: ${send.stderr}`).toBe(0)
    }
  })

  it('a failing save degrades health in status, makes `local down` fail loudly, and keeps the last cut', async () => {
    // Unwritable, the log archive would stop the chains (40 blocks kept: within 8 blocks, see
    // log-archive.test.ts); with 1,000 kept a young stack has nothing to archive yet.
    keep = '1000'
    expect((await cli('local', 'down')).code).toBe(0)
    connect(await up())
    const paths = stackPaths(home)
    const kept = readCut(paths)!
    // The cut pointer in the way as a directory: every cut fails at its last write, even as root.
    // (Only the writes: a full disk or read-only home still lets the nodes read the log archive.)
    const pointer = join(paths.stateDir, 'cut.json')
    renameSync(pointer, `${pointer}.away`)
    mkdirSync(pointer)
    try {
      const sent = await cli('send', '--from', 'alpha', '--to', 'beta', '--data', 'x', '--async')
      expect(sent.code, `${sent.stderr}\n${stackLogTail(home, 'nodes', 30)}`).toBe(0)
      let status: { nodes: { degraded: string | null } | null } | undefined
      for (let i = 0; i < 120 && (status?.nodes?.degraded ?? null) === null; i++) {
        await sleep(250)
        status = jsonOf(await cli('local', 'status', '--json'))
      }
      expect(status?.nodes?.degraded).toMatch(
        /chain state not saved since .*could not save the chains' state/,
      )
      expect(status?.nodes?.degraded).toContain(`resumes from the last cut, #${kept.cut}`)
      expect((await cli('local', 'status')).stdout).toMatch(/Saved state: DEGRADED: chain state not saved/)
      const down = await cli('local', 'down', '--json')
      expect(down.code).toBe(1)
      expect(jsonOf<{ stopped: boolean; saveError: string }>(down)).toMatchObject({
        stopped: true,
        saveError: expect.stringMatching(/could not save the chains' state/),
      })
      expect(down.stderr).toContain('chain state NOT saved')
    } finally {
      rmSync(pointer, { recursive: true, force: true })
      renameSync(`${pointer}.away`, pointer)
    }
    expect(readCut(paths)).toEqual(kept)
    // Nothing half-written stays: no temp files, no partial cut directories.
    expect(readdirSync(paths.stateDir).sort()).toEqual(['archive', `cut-${kept.cut}`, 'cut.json'])
    connect(await up())
  })
})
