import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { AbiCoder, formatUnits, zeroPadValue } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ccipAbi } from '../../src/chain/artifacts.js'
import { rpcCall } from '../../src/chain/rpc.js'
import { readJson } from '../../src/fs-atomic.js'
import { packageRoot } from '../../src/package-root.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import type { Manifest } from '../../src/stack/manifest.js'
import { stackPaths } from '../../src/stack/paths.js'
import { isPortFree } from '../../src/stack/ports.js'
import { isAlive } from '../../src/stack/processes.js'
import { savedChainFile } from '../../src/stack/state-cut.js'
import type { StackStatus } from '../../src/stack/status.js'
import { provider, typeAndVersion, view } from '../helpers/chain.js'
import { jsonOf, runCli, tempHome } from '../helpers/cli.js'

const PORT_BASE = 31545
const { home, cleanup } = tempHome('stack')
const cli = (...args: string[]) => runCli(args, { home })
const manifest = () => readJson<Manifest>(join(home, 'local', 'manifest.json'))
type UpJson = StackStatus & { mode: 'cold' | 'warm'; recoveredStale: boolean; accounts: string[] }

const EXPECTED_VERSIONS: Record<string, string> = {
  router: 'Router 1.2.0',
  onRamp: 'OnRamp 1.6.0',
  offRamp: 'OffRamp 1.6.0',
  feeQuoter: 'FeeQuoter 1.6.0',
  rmnRemote: 'RMNRemote 1.6.0',
  rmnProxy: 'ARMProxy 1.0.0',
  nonceManager: 'NonceManager 1.6.0',
  tokenAdminRegistry: 'TokenAdminRegistry 1.5.0',
}

describe('ccip local up | status | down | reset on real anvil chains', () => {
  let up: UpJson
  afterAll(async () => {
    await cli('local', 'reset')
    cleanup()
  })

  beforeAll(async () => {
    const run = await cli('local', 'up', '--detach', '--json', '--port-base', String(PORT_BASE))
    expect(run.code, run.stderr).toBe(0)
    up = jsonOf<UpJson>(run)
  })

  it('starts three chains that answer with their own chain ids', async () => {
    expect(up.mode).toBe('cold')
    expect(up.chains.map((c) => [c.name, c.chainId, c.selector])).toEqual([
      ['alpha', 1337, '3379446385462418246'],
      ['beta', 31337, '7759470850252068959'],
      ['gamma', 2337, '12922642891491394802'],
    ])
    for (const [i, chain] of up.chains.entries()) {
      expect(chain.rpcUrl).toBe(`http://127.0.0.1:${PORT_BASE + i}`)
      expect(Number(await rpcCall<string>(chain.rpcUrl!, 'eth_chainId', []))).toBe(chain.chainId)
    }
  })

  it('deploys the production CCIP contracts: every typeAndVersion as shipped', async () => {
    for (const chain of up.chains) {
      const p = provider(chain.rpcUrl!, chain.chainId)
      for (const [key, expected] of Object.entries(EXPECTED_VERSIONS)) {
        const address = chain.contracts[key as keyof typeof chain.contracts] as string
        expect(await typeAndVersion(address, p), `${chain.name}.${key}`).toBe(expected)
      }
      const bnmPool = await typeAndVersion(chain.contracts.tokens['CCIP-BnM'].pool, p)
      const lnmPool = await typeAndVersion(chain.contracts.tokens['CCIP-LnM'].pool, p)
      expect(bnmPool).toBe('BurnMintTokenPool 1.6.1')
      expect(lnmPool).toBe(chain.name === 'alpha' ? 'LockReleaseTokenPool 1.6.1' : 'BurnMintTokenPool 1.6.1')
      expect(await typeAndVersion(chain.contracts.link, p)).toMatch(/^FactoryBurnMintERC20 1\.6/)
      expect(await view(chain.contracts.weth, ['function symbol() view returns (string)'], p)('symbol')).toBe(
        'WETH',
      )
      p.destroy()
    }
  })

  it('wires every ordered lane: router ramps, OffRamp sources with blessing, pools both ways', async () => {
    const coder = AbiCoder.defaultAbiCoder()
    for (const local of up.chains) {
      const p = provider(local.rpcUrl!, local.chainId)
      const router = view(local.contracts.router, ccipAbi('router'), p)
      const offRamp = view(local.contracts.offRamp!, ccipAbi('offRamp'), p)
      const onRamp = view(local.contracts.onRamp!, ccipAbi('onRamp'), p)
      for (const remote of up.chains.filter((c) => c !== local)) {
        expect(await router('getOnRamp', remote.selector)).toBe(local.contracts.onRamp!)
        expect(await router('isOffRamp', remote.selector, local.contracts.offRamp!)).toBe(true)
        const source = await offRamp('getSourceChainConfig', remote.selector)
        expect(source.isEnabled).toBe(true)
        expect(source.isRMNVerificationDisabled).toBe(false)
        expect(source.onRamp).toBe(zeroPadValue(remote.contracts.onRamp!, 32).toLowerCase())
        expect((await onRamp('getDestChainConfig', remote.selector)).router).toBe(local.contracts.router)
        for (const symbol of ['CCIP-BnM', 'CCIP-LnM'] as const) {
          const pool = view(local.contracts.tokens[symbol].pool, ccipAbi('burnMintPool'), p)
          expect(await pool('isSupportedChain', remote.selector)).toBe(true)
          const remotePool = coder.encode(['address'], [remote.contracts.tokens[symbol].pool])
          expect(await pool('isRemotePool', remote.selector, remotePool)).toBe(true)
          const outbound = await pool('getCurrentOutboundRateLimiterState', remote.selector)
          expect(outbound.isEnabled).toBe(true)
          expect(outbound.capacity).toBe(100_000n * 10n ** 18n)
        }
      }
      const ocr = await offRamp('latestConfigDetails', 0)
      expect(ocr.configInfo.F).toBe(1n)
      expect(ocr.signers).toHaveLength(4)
      const rmn = await view(local.contracts.rmnRemote, ccipAbi('rmnRemote'), p)('getVersionedConfig')
      expect(rmn.config.signers).toHaveLength(3)
      expect(rmn.config.fSign).toBe(1n)
      p.destroy()
    }
  })

  it('funds the dev accounts with native, LINK, CCIP-BnM and CCIP-LnM', async () => {
    const erc20 = ['function balanceOf(address) view returns (uint256)']
    for (const chain of up.chains) {
      const p = provider(chain.rpcUrl!, chain.chainId)
      for (const account of [devAccount(0).address, devAccount(9).address]) {
        expect(await p.getBalance(account)).toBeGreaterThan(9_000n * 10n ** 18n)
        expect(formatUnits(await view(chain.contracts.link, erc20, p)('balanceOf', account), 18)).toBe(
          '10000.0',
        )
        for (const symbol of ['CCIP-BnM', 'CCIP-LnM'] as const) {
          expect(await view(chain.contracts.tokens[symbol].token, erc20, p)('balanceOf', account)).toBe(
            1_000n * 10n ** 18n,
          )
        }
      }
      p.destroy()
    }
  })

  it('registers the local chains as profiles and reports status as documented', async () => {
    const profiles = jsonOf<{ name: string; local: boolean; rpcUrl: string; router: string }[]>(
      await cli('chains', 'list', '--json'),
    )
    for (const chain of up.chains) {
      expect(profiles).toContainEqual(
        expect.objectContaining({
          name: chain.name,
          local: true,
          rpcUrl: chain.rpcUrl,
          router: chain.contracts.router,
        }),
      )
    }
    const status = jsonOf<Record<string, unknown>>(await cli('local', 'status', '--json'))
    expect(Object.keys(status).sort()).toEqual([
      'ccip',
      'chains',
      'indexerUrl',
      'lanes',
      'mining',
      'nodes',
      'running',
    ])
    expect([status.ccip, status.indexerUrl]).toEqual(['1.6', null])
    expect(status.mining).toEqual({ kind: 'interval', blockTime: 0.2 })
    const nodes = status.nodes as { healthy: boolean; nodes: { role: string }[] }
    expect(nodes.healthy).toBe(true)
    expect(nodes.nodes.map((n) => n.role).sort()).toEqual([
      ...Array(4).fill('commit'),
      ...Array(4).fill('exec'),
      ...Array(3).fill('rmn'),
    ])
    expect(status.running).toBe(true)
    const chain = (status.chains as Record<string, unknown>[])[0]!
    expect(Object.keys(chain).sort()).toEqual([
      'blockNumber',
      'chainId',
      'contracts',
      'logArchive',
      'name',
      'rpcUrl',
      'selector',
      'selectorTable',
    ])
    expect(Object.keys(chain.contracts as object).sort()).toEqual([
      'feeQuoter',
      'link',
      'nonceManager',
      'offRamp',
      'onRamp',
      'rmnProxy',
      'rmnRemote',
      'router',
      'tokenAdminRegistry',
      'tokens',
      'weth',
    ])
  })

  it('mines on an interval and tops accounts up with the faucet', async () => {
    const beta = up.chains[1]!
    const p = provider(beta.rpcUrl!, beta.chainId)
    const before = await p.getBlockNumber()
    await new Promise((r) => setTimeout(r, 1_200))
    expect(await p.getBlockNumber()).toBeGreaterThan(before)
    const to = devAccount(5).address
    const bnm = view(
      beta.contracts.tokens['CCIP-BnM'].token,
      ['function balanceOf(address) view returns (uint256)'],
      p,
    )
    const had = await bnm('balanceOf', to)
    const run = await cli('faucet', '--chain', 'beta', '--to', to, '--json')
    expect(run.code, run.stderr).toBe(0)
    expect(await bnm('balanceOf', to)).toBe(had + 100n * 10n ** 18n)
    p.destroy()
  })

  it('down stops every process and frees the ports; up resumes the same chains with their history', async () => {
    const alpha = up.chains[0]!
    const p = provider(alpha.rpcUrl!, alpha.chainId)
    const height = await p.getBlockNumber()
    const block = await p.getBlock(height)
    p.destroy()
    const pids = manifest()!.processes.map((x) => x.pid)

    const down = await cli('local', 'down', '--json')
    expect(down.code, down.stderr).toBe(0)
    expect(jsonOf<{ saved: string[] }>(down).saved).toEqual(['alpha', 'beta', 'gamma'])
    for (const pid of pids) expect(isAlive(pid)).toBe(false)
    for (let i = 0; i < 3; i++) expect(await isPortFree(PORT_BASE + i)).toBe(true)
    expect(manifest()).toBeUndefined()

    const again = await cli('local', 'up', '--detach', '--json', '--port-base', String(PORT_BASE))
    expect(again.code, again.stderr).toBe(0)
    const warm = jsonOf<UpJson>(again)
    expect(warm.mode).toBe('warm')
    expect(warm.chains.map((c) => c.contracts)).toEqual(up.chains.map((c) => c.contracts))
    const q = provider(alpha.rpcUrl!, alpha.chainId)
    expect((await q.getBlock(height))?.hash).toBe(block?.hash)
    expect(await q.getBlockNumber()).toBeGreaterThanOrEqual(height)
    q.destroy()
  })

  it('recovers from a stale manifest left by killed processes', async () => {
    const before = manifest()!
    for (const p of before.processes) process.kill(p.pid, 'SIGKILL')
    const status = jsonOf<{ running: boolean }>(await cli('local', 'status', '--json'))
    expect(status.running).toBe(false)
    const run = await cli('local', 'up', '--detach', '--json', '--port-base', String(PORT_BASE))
    expect(run.code, run.stderr).toBe(0)
    const recovered = jsonOf<UpJson>(run)
    expect(recovered.recoveredStale).toBe(true)
    expect(recovered.running).toBe(true)
    expect(recovered.chains[0]!.contracts.router).toBe(up.chains[0]!.contracts.router)
  })

  it('refuses a second up while running, and a busy port names --port-base', async () => {
    const twice = await cli('local', 'up', '--detach', '--port-base', String(PORT_BASE))
    expect(twice.code).toBe(1)
    expect(twice.stderr).toMatch(/already running/)
    expect(manifest()).toBeDefined()
    await cli('local', 'down')

    const blocker: Server = createServer()
    await new Promise<void>((r) => blocker.listen(PORT_BASE + 1, '127.0.0.1', () => r()))
    try {
      const busy = await cli('local', 'up', '--detach', '--port-base', String(PORT_BASE))
      expect(busy.code).toBe(1)
      expect(busy.stderr).toMatch(/port 31546 \(chain beta\) is already in use/)
      expect(busy.stderr).toMatch(/--port-base/)
      expect(manifest()).toBeUndefined()
      expect(await isPortFree(PORT_BASE)).toBe(true)
    } finally {
      await new Promise((r) => blocker.close(r))
    }
  })

  it('rejects bad flags with exit code 2 and leaves nothing behind', async () => {
    const bad = await cli('local', 'up', '--chains', '99', '--port-base', String(PORT_BASE))
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--chains/)
    expect(manifest()).toBeUndefined()
  })

  it('runs in the foreground until Ctrl-C, then stops everything and saves state', async () => {
    const child = spawn(
      process.execPath,
      [join(packageRoot(), 'dist/bin/ccip.js'), 'local', 'up', '--port-base', String(PORT_BASE)],
      {
        env: { ...process.env, CCIPKIT_HOME: home },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stdout = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    while (!stdout.includes('Press Ctrl-C')) await new Promise((r) => setTimeout(r, 50))
    expect(stdout).toContain('resumed from saved state')
    const pids = manifest()!.processes.map((p) => p.pid)
    child.kill('SIGINT')
    expect(await exited).toBe(0)
    for (const pid of pids) expect(isAlive(pid)).toBe(false)
    expect(manifest()).toBeUndefined()
    expect(savedChainFile(stackPaths(home), 'alpha')).toBeDefined()
  })

  it('reset wipes state and local profiles', async () => {
    await cli('local', 'up', '--detach', '--port-base', String(PORT_BASE))
    const pids = manifest()!.processes.map((p) => p.pid)
    const reset = await cli('local', 'reset', '--json')
    expect(reset.code, reset.stderr).toBe(0)
    for (const pid of pids) expect(isAlive(pid)).toBe(false)
    expect(existsSync(join(home, 'local', 'deployment.json'))).toBe(false)
    const profiles = jsonOf<{ local: boolean }[]>(await cli('chains', 'list', '--json'))
    expect(profiles.filter((p) => p.local)).toEqual([])
  })
})
