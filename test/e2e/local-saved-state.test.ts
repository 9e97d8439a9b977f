import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stackPaths } from '../../src/stack/paths.js'
import { readCut } from '../../src/stack/state-cut.js'
import { jsonOf, runCli, tempHome } from '../helpers/cli.js'
import { errorOf, expectNothingLeft, fileHashes, stackProcesses } from '../helpers/stack-files.js'

/**
 * `ccip local up` never overwrites saved chain state because a companion file is missing or
 * damaged: it stops with STACK_STATE naming the file and the way out, and every file under the
 * home stays byte-identical. Real stack: one cold deploy, saved by `down`, then damaged on purpose.
 */
const PORT_BASE = 31745
const PORTS = [PORT_BASE, PORT_BASE + 1, PORT_BASE + 2]
const { home, cleanup } = tempHome('saved-state')
const local = join(home, 'local')
const file = (name: string) => join(local, name)
const cli = (...args: string[]) => runCli(args, { home })
const up = () => cli('local', 'up', '--detach', '--json', '--port-base', String(PORT_BASE))
/** A chain's file in the saved cut, relative to local/ (the cut's number is known once saved). */
const chainFile = (chain: string) => join('state', `cut-${readCut(stackPaths(home))?.cut}`, `${chain}.json`)

interface Damage {
  name: string
  /** The file the error must name. */
  names: string
  damage: () => void
  /** Which command meets the damage (default `local up`). */
  command?: string[]
}

const DAMAGES: Damage[] = [
  {
    name: 'deployment.json missing',
    names: 'deployment.json',
    damage: () => rmSync(file('deployment.json')),
  },
  {
    name: 'deployment.json with an empty chains list',
    names: 'deployment.json',
    damage: () => {
      const deployment = JSON.parse(readFileSync(file('deployment.json'), 'utf8')) as { chains: unknown[] }
      writeFileSync(file('deployment.json'), JSON.stringify({ ...deployment, chains: [] }))
    },
  },
  {
    name: 'deployment.json truncated',
    names: 'deployment.json',
    damage: () =>
      writeFileSync(file('deployment.json'), readFileSync(file('deployment.json')).subarray(0, 300)),
  },
  {
    name: 'deployment.json truncated, met by `local status`',
    names: 'deployment.json',
    damage: () =>
      writeFileSync(file('deployment.json'), readFileSync(file('deployment.json')).subarray(0, 300)),
    command: ['local', 'status', '--json'],
  },
  {
    name: 'a chain state file missing',
    get names() {
      return chainFile('beta')
    },
    damage: () => rmSync(file(chainFile('beta'))),
  },
  {
    name: 'a chain state file truncated',
    get names() {
      return chainFile('gamma')
    },
    damage: () => {
      const state = file(chainFile('gamma'))
      writeFileSync(state, readFileSync(state).subarray(0, 4096))
    },
  },
  {
    name: 'manifest.json corrupt',
    names: 'manifest.json',
    damage: () => writeFileSync(file('manifest.json'), '{"version":1,"startedAt":"2026-'),
  },
]

describe('local up never overwrites saved chain state over a missing or corrupt file', () => {
  beforeAll(async () => {
    const first = await up()
    expect(first.code, first.stderr).toBe(0)
    const down = await cli('local', 'down', '--json')
    expect(down.code, down.stderr).toBe(0)
    expect(jsonOf<{ saved: string[] }>(down).saved).toEqual(['alpha', 'beta', 'gamma'])
  })

  afterAll(async () => {
    await cli('local', 'reset')
    for (const p of stackProcesses(home, PORTS)) process.kill(p.pid, 'SIGKILL')
    cleanup()
  })

  for (const d of DAMAGES) {
    it(`${d.name}: STACK_STATE naming the file, the way out, nothing changed`, async () => {
      const intact = fileHashes(home)
      const originals = new Map(Object.keys(intact).map((f) => [f, readFileSync(join(home, f))]))
      try {
        d.damage()
        const before = fileHashes(home)
        const run = d.command === undefined ? await up() : await cli(...d.command)
        expect(run.code, run.stderr).toBe(1)
        const error = errorOf(run)
        expect(error.code).toBe('STACK_STATE')
        expect(error.message).toContain(join(local, d.names))
        expect(error.hint).toMatch(/ccip local reset/)
        expect(error.hint).toMatch(/--fresh/)
        expect(fileHashes(home), 'every file byte-identical').toEqual(before)
        expect(await expectNothingLeft(home, PORTS)).toEqual([])
      } finally {
        rmSync(file('manifest.json'), { force: true })
        for (const [f, bytes] of originals) writeFileSync(join(home, f), bytes)
      }
      expect(fileHashes(home)).toEqual(intact)
    })
  }

  it('`local down` is the gentle way out of a corrupt manifest: stops, removes it, keeps the saved chains', async () => {
    const saved = fileHashes(home)
    expect((await up()).code).toBe(0)
    const pids = stackProcesses(home, PORTS).map((p) => p.pid)
    expect(pids.length).toBe(4)
    writeFileSync(file('manifest.json'), '{"version":1,"startedAt":"2026-')
    const down = await cli('local', 'down', '--json')
    expect(down.code, down.stderr).toBe(0)
    expect(jsonOf<{ stopped: boolean; saved: string[] }>(down)).toMatchObject({ stopped: true, saved: [] })
    expect(down.stderr).toMatch(/manifest\.json is unusable/)
    expect(await expectNothingLeft(home, PORTS)).toEqual([])
    expect(existsSync(file('manifest.json'))).toBe(false)
    // The node daemon may have snapshotted meanwhile; the deployment and the chains are all there.
    expect(Object.keys(fileHashes(home)).sort()).toEqual(Object.keys(saved).sort())
    expect(fileHashes(home)['local/deployment.json']).toBe(saved['local/deployment.json'])
  })

  it('with every file back, up resumes the saved chains; temp files of killed writers are swept', async () => {
    writeFileSync(file(join('state', 'alpha.json.4242.0.7.tmp')), '{"block":')
    writeFileSync(file('manifest.json.4242.0.3.tmp'), '{')
    const run = await up()
    expect(run.code, run.stderr).toBe(0)
    expect(jsonOf<{ mode: string }>(run).mode).toBe('warm')
    expect(existsSync(file(join('state', 'alpha.json.4242.0.7.tmp')))).toBe(false)
    expect(existsSync(file('manifest.json.4242.0.3.tmp'))).toBe(false)
    expect((await cli('local', 'down')).code).toBe(0)
  })

  it('--fresh is a way out of a corrupt deployment and manifest: deploys anew', async () => {
    writeFileSync(file('deployment.json'), '{"version":1,"chains":[')
    writeFileSync(file('manifest.json'), 'garbage')
    const run = await cli('local', 'up', '--detach', '--json', '--fresh', '--port-base', String(PORT_BASE))
    expect(run.code, run.stderr).toBe(0)
    expect(jsonOf<{ mode: string }>(run).mode).toBe('cold')
  })

  it('reset is a way out of a corrupt manifest: stops the processes of this home and wipes', async () => {
    writeFileSync(file('manifest.json'), 'garbage')
    const reset = await cli('local', 'reset', '--json')
    expect(reset.code, reset.stderr).toBe(0)
    expect(await expectNothingLeft(home, PORTS)).toEqual([])
    expect(existsSync(file('deployment.json'))).toBe(false)
    expect(existsSync(file('manifest.json'))).toBe(false)
  })
})
