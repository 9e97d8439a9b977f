import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readJson } from '../../src/fs-atomic.js'
import { packageRoot } from '../../src/package-root.js'
import type { Manifest } from '../../src/stack/manifest.js'
import { isAlive } from '../../src/stack/processes.js'
import { type CliRun, jsonOf, runCli, tempHome } from '../helpers/cli.js'
import { expectNothingLeft, stackProcesses } from '../helpers/stack-files.js'

/**
 * A `ccip local up` that ends before the stack is complete, however it ends, leaves nothing
 * running and nothing that blocks the next `up`. The built CLI, real signals, real pipes.
 */
const CLI = join(packageRoot(), 'dist/bin/ccip.js')
const homes: { home: string; ports: number[]; cleanup: () => void }[] = []

function stackHome(name: string, portBase: number) {
  const { home, cleanup } = tempHome(name)
  const ports = [portBase, portBase + 1, portBase + 2]
  homes.push({ home, ports, cleanup })
  const up = (env?: NodeJS.ProcessEnv) =>
    runCli(['local', 'up', '--detach', '--json', '--port-base', String(portBase)], {
      home,
      ...(env === undefined ? {} : { env }),
    })
  return { home, ports, up, manifest: () => readJson<Manifest>(join(home, 'local', 'manifest.json')) }
}

/** The built CLI as a child whose stderr we watch; resolves `exited` with its exit code. */
function spawnUp(home: string, args: string[]) {
  const child = spawn(process.execPath, [CLI, 'local', 'up', ...args], {
    env: { ...process.env, CCIPKIT_HOME: home, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  child.stdout.resume()
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const waitFor = async (text: string) => {
    const deadline = Date.now() + 60_000
    while (!stderr.includes(text)) {
      if (Date.now() > deadline) throw new Error(`no "${text}" from local up; stderr:\n${stderr}`)
      await new Promise((r) => setTimeout(r, 20))
    }
  }
  return { child, exited, waitFor, stderr: () => stderr }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

afterAll(async () => {
  for (const { home, ports, cleanup } of homes) {
    await runCli(['local', 'reset'], { home })
    for (const p of stackProcesses(home, ports)) process.kill(p.pid, 'SIGKILL')
    cleanup()
  }
})

/** After an interrupted start: nothing alive, ports free, no manifest, and the next `up` works. */
async function expectCleanSlate(s: ReturnType<typeof stackHome>): Promise<CliRun> {
  expect(await expectNothingLeft(s.home, s.ports)).toEqual([])
  expect(s.manifest()).toBeUndefined()
  const next = await s.up()
  expect(next.code, next.stderr).toBe(0)
  expect(jsonOf<{ mode: string; running: boolean }>(next)).toMatchObject({ mode: 'cold', running: true })
  return next
}

describe('interrupted starts leave nothing running and nothing that blocks the next up', () => {
  it('Ctrl-C twice during the first (cold) deploy, in the foreground', async () => {
    const s = stackHome('ctrl-c-twice', 19700)
    const run = spawnUp(s.home, ['--port-base', String(s.ports[0])])
    await run.waitFor('started 3 anvil chains')
    run.child.kill('SIGINT')
    await sleep(400) // the CLI ignores a second SIGINT within 300 ms (conf's echo of the first)
    run.child.kill('SIGINT')
    expect(await run.exited).toBe(130)
    await expectCleanSlate(s)
  })

  it('Ctrl-C during a --detach cold deploy', async () => {
    const s = stackHome('ctrl-c-detach', 19710)
    const run = spawnUp(s.home, ['--detach', '--port-base', String(s.ports[0])])
    await run.waitFor('started 3 anvil chains')
    run.child.kill('SIGINT')
    expect(await run.exited).toBe(130)
    await expectCleanSlate(s)
  })

  it('SIGTERM during a cold deploy (a closed terminal sends SIGHUP the same way)', async () => {
    const s = stackHome('sigterm', 19770)
    const run = spawnUp(s.home, ['--detach', '--port-base', String(s.ports[0])])
    await run.waitFor('started 3 anvil chains')
    run.child.kill('SIGTERM')
    expect(await run.exited).toBe(143)
    await expectCleanSlate(s)
  })

  it('`ccip local up --detach 2>&1 | head -1`: the pipe closes while the stack starts', async () => {
    const s = stackHome('pipe-closed', 19720)
    const shell = spawn(
      'sh',
      ['-c', `"${process.execPath}" "${CLI}" local up --detach --port-base ${s.ports[0]} 2>&1 | head -1`],
      {
        env: { ...process.env, CCIPKIT_HOME: s.home, FORCE_COLOR: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let out = ''
    shell.stdout.on('data', (d: Buffer) => (out += d.toString()))
    await new Promise((resolve) => shell.on('exit', resolve))
    expect(out).toMatch(/started 3 anvil chains/)
    // `head` is gone at once; the CLI may take a moment more to stop what it started.
    await expectCleanSlate(s)
  })

  it('`ccip local up --detach | head -1`: the first stdout line comes once the stack is complete', async () => {
    const s = stackHome('pipe-stdout', 19730)
    const shell = spawn(
      'sh',
      ['-c', `"${process.execPath}" "${CLI}" local up --detach --port-base ${s.ports[0]} | head -1`],
      {
        env: { ...process.env, CCIPKIT_HOME: s.home, FORCE_COLOR: '0' },
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    )
    let out = ''
    shell.stdout.on('data', (d: Buffer) => (out += d.toString()))
    await new Promise((resolve) => shell.on('exit', resolve))
    expect(out).toMatch(/^Local CCIP stack ready/)
    const status = jsonOf<{ running: boolean }>(await runCli(['local', 'status', '--json'], { home: s.home }))
    expect(status.running).toBe(true)
    expect((await runCli(['local', 'down'], { home: s.home })).code).toBe(0)
    expect(await expectNothingLeft(s.home, s.ports)).toEqual([])
  })

  it('a killed `up` (kill -9 mid-deploy) is cleaned up by the next one', async () => {
    const s = stackHome('killed', 19740)
    const run = spawnUp(s.home, ['--detach', '--port-base', String(s.ports[0])])
    await run.waitFor('started 3 anvil chains')
    run.child.kill('SIGKILL')
    await run.exited
    const orphans = stackProcesses(s.home, s.ports).map((p) => p.pid)
    expect(orphans.length).toBeGreaterThan(0) // nothing could stop them: the CLI got no chance

    const next = await s.up()
    expect(next.code, next.stderr).toBe(0)
    expect(jsonOf<{ mode: string; recoveredStale: boolean }>(next)).toMatchObject({
      mode: 'cold',
      recoveredStale: true,
    })
    for (const pid of orphans) expect(isAlive(pid), `orphan ${pid}`).toBe(false)
    expect(existsSync(join(s.home, 'local', 'deployment.json'))).toBe(true)
  })
})

describe('`local down` after a killed `up`', () => {
  it('stops what the interrupted start left without saving its half-made chains', async () => {
    const s = stackHome('killed-down', 19760)
    const run = spawnUp(s.home, ['--detach', '--port-base', String(s.ports[0])])
    await run.waitFor('started 3 anvil chains')
    run.child.kill('SIGKILL')
    await run.exited
    const down = await runCli(['local', 'down', '--json'], { home: s.home })
    expect(down.code, down.stderr).toBe(0)
    expect(jsonOf<{ stopped: boolean; saved: string[] }>(down)).toEqual({ stopped: true, saved: [] })
    expect(await expectNothingLeft(s.home, s.ports)).toEqual([])
    expect(readdirSync(join(s.home, 'local', 'state'))).toEqual([])
    expect(existsSync(join(s.home, 'local', 'deployment.json'))).toBe(false)
  })
})

describe("the stack's processes never hold the secrets of the shell that started it", () => {
  const secrets: NodeJS.ProcessEnv = {
    CCIPKIT_PRIVATE_KEY: '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
    CCIPKIT_PASSWORD: 'hunter2-password-value',
    ETHERSCAN_API_KEY: 'etherscan-key-value',
    GITHUB_TOKEN: 'ghp_token_value',
    AWS_SECRET_ACCESS_KEY: 'aws-secret-value',
    MY_SERVICE_PASSWD: 'passwd-value',
  }

  it('no secret from the environment of `local up` is in /proc/<pid>/environ of any process', async () => {
    const s = stackHome('secrets', 19750)
    const run = await s.up(secrets)
    expect(run.code, run.stderr).toBe(0)
    const processes = s.manifest()!.processes
    expect(processes.map((p) => p.role)).toEqual(['anvil:alpha', 'anvil:beta', 'anvil:gamma', 'nodes'])
    for (const p of processes) {
      const environ = readFileSync(`/proc/${p.pid}/environ`, 'utf8')
      const names = environ.split('\0').map((kv) => kv.split('=')[0])
      for (const [name, value] of Object.entries(secrets)) {
        expect(names, `${p.role} has ${name}`).not.toContain(name)
        expect(environ.includes(value!), `${p.role} holds the value of ${name}`).toBe(false)
      }
      expect(names).toContain('PATH')
    }
  })
})
