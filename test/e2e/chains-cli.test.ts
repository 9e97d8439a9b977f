import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { ContractFactory } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ccipArtifact } from '../../src/chain/artifacts.js'
import { packageRoot } from '../../src/package-root.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import { openProfileStore } from '../../src/profiles/store.js'
import { type AnvilProcess, startAnvil } from '../../src/stack/anvil.js'
import { provider as chainProvider } from '../helpers/chain.js'
import { type CliRun, jsonOf, runCli, tempHome } from '../helpers/cli.js'

// `ccip chains …` as a user runs it: the built CLI against real anvil nodes, one CCIPKIT_HOME.
const PORT = 27545
const ODD_PORT = 27546
const ODD_CHAIN_ID = 777777
const { home, cleanup } = tempHome('chains')
const cli = (...args: string[]) => runCli(args, { home, timeoutMs: 60_000 })
const storeFile = join(home, 'profiles.json')
const storeText = () => (existsSync(storeFile) ? readFileSync(storeFile, 'utf8') : '')
const rpcUrl = `http://127.0.0.1:${PORT}`

interface ErrorJson {
  error: { code: string; message: string; hint?: string }
}
/** A failing `--json` run: empty stdout, one JSON error document on stderr. */
function jsonError(run: CliRun): ErrorJson['error'] {
  expect(run.stdout).toBe('')
  // CAST: the shape bin/ccip.ts writes for every --json error; the assertions below check it.
  const body = JSON.parse(run.stderr) as ErrorJson
  expect(Object.keys(body)).toEqual(['error'])
  expect(typeof body.error.message).toBe('string')
  return body.error
}

let anvils: AnvilProcess[] = []
let closedPort = 0
let router = ''
let armProxy = ''

beforeAll(async () => {
  expect(existsSync(join(packageRoot(), 'dist/bin/ccip.js')), 'run `npm run build` first').toBe(true)
  const log = (name: string) => join(home, `${name}.log`)
  anvils = await Promise.all([
    startAnvil({ chainId: 31337, port: PORT, mining: 'auto', logFile: log('anvil'), detached: false }),
    startAnvil({
      chainId: ODD_CHAIN_ID,
      port: ODD_PORT,
      mining: 'auto',
      logFile: log('odd'),
      detached: false,
    }),
  ])
  // A port that was free a moment ago: nothing answers there.
  closedPort = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0))
    })
  })
  // The production Router 1.2 and ARMProxy 1.0 bytecode, deployed for real.
  // Uncached provider: each deployment must read the nonce the previous one left.
  const provider = chainProvider(rpcUrl, 31337)
  const deployer = devAccount(0).connect(provider)
  const deploy = async (name: 'router' | 'rmnProxy', ...args: string[]) => {
    const { abi, bytecode } = ccipArtifact(name)
    const contract = await new ContractFactory(abi, bytecode, deployer).deploy(...args)
    await contract.waitForDeployment()
    return contract.getAddress()
  }
  armProxy = await deploy('rmnProxy', devAccount(2).address)
  router = await deploy('router', devAccount(1).address, armProxy)
  provider.destroy()
})

afterAll(() => {
  for (const anvil of anvils) anvil.child.kill('SIGKILL')
  cleanup()
})

describe('ccip chains', () => {
  it('lists nothing on a fresh home', async () => {
    const run = await cli('chains', 'list', '--json')
    expect(run.code, run.stderr).toBe(0)
    expect(jsonOf(run)).toEqual([])
    expect((await cli('chains', 'list')).stdout).toContain('No chain profiles yet')
  })

  it('adds a profile, reading the chain id from the node and the selector from the registry', async () => {
    const run = await cli('chains', 'add', 'devnet', '--rpc-url', rpcUrl, '--json')
    expect(run.code, run.stderr).toBe(0)
    expect(jsonOf(run)).toEqual({
      name: 'devnet',
      chainId: '31337',
      selector: '7759470850252068959',
      rpcUrl,
      local: false,
    })
    const list = await cli('chains', 'list', '--json')
    expect(jsonOf(list)).toEqual([
      {
        name: 'devnet',
        chainId: '31337',
        selector: '7759470850252068959',
        rpcUrl,
        router: null,
        local: false,
      },
    ])
  })

  it('refuses an unknown chain id without --selector (exit 2, hint) and changes nothing', async () => {
    const before = storeText()
    const run = await cli('chains', 'add', 'odd', '--rpc-url', `http://127.0.0.1:${ODD_PORT}`, '--json')
    expect(run.code).toBe(2)
    const error = jsonError(run)
    expect(error.code).toBe('UNKNOWN_CHAIN_ID')
    expect(error.message).toContain(String(ODD_CHAIN_ID))
    expect(error.hint).toContain('--selector')
    expect(storeText()).toBe(before)
    const text = await cli('chains', 'add', 'odd', '--rpc-url', `http://127.0.0.1:${ODD_PORT}`)
    expect(text.code).toBe(2)
    expect(text.stdout).toBe('')
    expect(text.stderr).toMatch(/^error: .*\nhint: pass --selector/)
  })

  it('accepts an unknown chain id with --selector, and checks the selector', async () => {
    const oddUrl = `http://127.0.0.1:${ODD_PORT}`
    expect((await cli('chains', 'add', 'odd', '--rpc-url', oddUrl, '--selector', '0')).code).toBe(2)
    expect(
      (await cli('chains', 'add', 'odd', '--rpc-url', oddUrl, '--selector', String(1n << 64n))).code,
    ).toBe(2)
    // A known chain with a different selector is a typo, not an override.
    const clash = await cli('chains', 'add', 'clash', '--rpc-url', rpcUrl, '--selector', '42', '--json')
    expect(clash.code).toBe(2)
    expect(jsonError(clash).message).toContain('7759470850252068959')
    const run = await cli('chains', 'add', 'odd', '--rpc-url', oddUrl, '--selector', '18446744073709551615')
    expect(run.code, run.stderr).toBe(0)
    const show = await cli('chains', 'show', 'odd', '--json')
    expect(jsonOf(show)).toMatchObject({ chainId: String(ODD_CHAIN_ID), selector: '18446744073709551615' })
  })

  it('fails with exit 1 when the RPC is unreachable, and changes nothing', async () => {
    const before = storeText()
    const run = await cli('chains', 'add', 'gone', '--rpc-url', `http://127.0.0.1:${closedPort}`, '--json')
    expect(run.code).toBe(1)
    const error = jsonError(run)
    expect(error.code).toBe('RPC_UNREACHABLE')
    expect(error.hint).toBe('check the URL and that the node is running')
    const ws = await cli('chains', 'add', 'gone', '--rpc-url', `ws://127.0.0.1:${closedPort}`, '--json')
    expect(ws.code).toBe(1)
    expect(jsonError(ws).code).toBe('RPC_UNREACHABLE')
    expect(storeText()).toBe(before)
  })

  it('rejects malformed arguments with exit 2 before touching the network', async () => {
    const before = storeText()
    const closed = `http://127.0.0.1:${closedPort}`
    const badRouter = await cli('chains', 'add', 'x', '--rpc-url', closed, '--router', '0x1234', '--json')
    expect(badRouter.code).toBe(2)
    expect(jsonError(badRouter).code).toBe('INVALID_ARGUMENT')
    expect((await cli('chains', 'add', 'x', '--rpc-url', 'ftp://127.0.0.1')).code).toBe(2)
    expect((await cli('chains', 'add', '-bad name', '--rpc-url', rpcUrl)).code).toBe(2)
    expect((await cli('chains', 'add', 'x')).code).toBe(2) // --rpc-url is required
    // A taken name fails as such, even when the node would be unreachable.
    const dup = await cli('chains', 'add', 'devnet', '--rpc-url', closed, '--json')
    expect(dup.code).toBe(1)
    expect(jsonError(dup).code).toBe('PROFILE_EXISTS')
    expect(storeText()).toBe(before)
  })

  it('checks --router with typeAndVersion(): an EOA and a non-router are refused', async () => {
    const before = storeText()
    const eoa = await cli(
      'chains',
      'add',
      'r',
      '--rpc-url',
      rpcUrl,
      '--router',
      devAccount(5).address,
      '--json',
    )
    expect(eoa.code).toBe(1)
    expect(jsonError(eoa)).toMatchObject({
      code: 'NOT_A_ROUTER',
      message: expect.stringContaining('No contract'),
    })
    const proxy = await cli('chains', 'add', 'r', '--rpc-url', rpcUrl, '--router', armProxy, '--json')
    expect(proxy.code).toBe(1)
    expect(jsonError(proxy)).toMatchObject({
      code: 'NOT_A_ROUTER',
      message: expect.stringContaining('ARMProxy 1.0.0'),
    })
    expect(storeText()).toBe(before)
  })

  it('stores a real Router (checksummed), also over WebSocket', async () => {
    const run = await cli(
      'chains',
      'add',
      'devnet-ws',
      '--rpc-url',
      `ws://127.0.0.1:${PORT}`,
      '--router',
      router.toLowerCase(),
    )
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toContain("Added chain profile 'devnet-ws' (chain id 31337")
    const show = jsonOf<Record<string, unknown>>(await cli('chains', 'show', 'devnet-ws', '--json'))
    expect(show).toEqual({
      name: 'devnet-ws',
      chainId: '31337',
      selector: '7759470850252068959',
      rpcUrl: `ws://127.0.0.1:${PORT}`,
      router,
      local: false,
    })
  })

  it('use marks the default in list and show; local profiles are marked too', async () => {
    openProfileStore(home).replaceLocal([
      {
        name: 'alpha',
        chainId: '1337',
        selector: '3379446385462418246',
        rpcUrl: 'http://127.0.0.1:1',
        local: true,
      },
    ])
    const use = await cli('chains', 'use', 'devnet', '--json')
    expect(use.code, use.stderr).toBe(0)
    expect(jsonOf(use)).toEqual({ current: 'devnet' })
    const list = await cli('chains', 'list')
    const rows = list.stdout.split('\n')
    expect(rows[0]).toMatch(/^ {2}NAME\s+CHAIN ID\s+SELECTOR\s+TYPE\s+ROUTER\s+RPC URL$/)
    expect(rows.find((r) => r.includes(' devnet '))).toMatch(
      /^\* devnet\s+31337\s+7759470850252068959\s+remote\s+-\s/,
    )
    expect(rows.find((r) => r.includes(' alpha '))).toMatch(/^ {2}alpha\s+1337\s+\d+\s+local\s/)
    expect(list.stdout).toContain('* default chain')
    const names = jsonOf<{ name: string; local: boolean }[]>(await cli('chains', 'list', '--json'))
    expect(names.map((p) => [p.name, p.local])).toEqual([
      ['alpha', true],
      ['devnet', false],
      ['devnet-ws', false],
      ['odd', false],
    ])
    expect((await cli('chains', 'show', 'devnet')).stdout).toMatch(/^name\s+devnet \(default\)$/m)
  })

  it('show and use of a missing profile exit 3 with a hint', async () => {
    const show = await cli('chains', 'show', 'nope', '--json')
    expect(show.code).toBe(3)
    expect(jsonError(show)).toEqual({
      code: 'PROFILE_NOT_FOUND',
      message: "No chain profile named 'nope'",
      hint: expect.stringContaining('ccip chains list'),
    })
    const text = await cli('chains', 'use', 'nope')
    expect(text.code).toBe(3)
    expect(text.stderr).toContain('hint: run `ccip chains list`')
  })

  it('remove deletes the profile and clears the default', async () => {
    const run = await cli('chains', 'remove', 'devnet', '--json')
    expect(run.code, run.stderr).toBe(0)
    expect(jsonOf(run)).toEqual({ removed: 'devnet' })
    expect((await cli('chains', 'show', 'devnet')).code).toBe(3)
    expect((await cli('chains', 'list')).stdout).not.toContain('*')
    expect((await cli('chains', 'remove', 'devnet')).code).toBe(3)
  })

  it('reports a corrupt store as PROFILE_STORE naming the file', async () => {
    const { writeFileSync } = await import('node:fs')
    writeFileSync(storeFile, '{ broken')
    const run = await cli('chains', 'list', '--json')
    expect(run.code).toBe(1)
    const error = jsonError(run)
    expect(error.code).toBe('PROFILE_STORE')
    expect(error.hint).toContain(storeFile)
  })
})
