import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { rpcCall } from '../../src/chain/rpc.js'
import { readJson } from '../../src/fs-atomic.js'
import { ChainRefresher } from '../../src/nodes/refresher.js'
import { startAnvil } from '../../src/stack/anvil.js'
import { stackProcessesOf } from '../../src/stack/child-env.js'
import {
  inspectProcesses,
  type Manifest,
  readManifest,
  recordChainRestart,
  writeManifest,
} from '../../src/stack/manifest.js'
import { logFile, stackPaths } from '../../src/stack/paths.js'
import { isAlive, stopProcess } from '../../src/stack/processes.js'
import { saveCut } from '../../src/stack/state-cut.js'
import { sleep } from '../../src/time.js'
import { jsonOf, runCli, stackLogTail, tempHome } from '../helpers/cli.js'

/**
 * The node process restarts a chain past its memory budget from the cut it just took
 * (nodes/refresher.ts). Against a real anvil: the chain comes back on its port, at the same head,
 * with the transactions that waited in its pool, under a new pid the manifest records.
 */
const PORT = 31975
const { home, cleanup } = tempHome('chain-restart')
const paths = stackPaths(home)
const lines: string[] = []

afterAll(async () => {
  await Promise.all(stackProcessesOf(home).map((pid) => stopProcess(pid)))
  cleanup()
})

describe('restarting a chain for memory', () => {
  it('brings it back from the cut: same head, pooled transactions sent again, new pid recorded', {
    timeout: 60_000,
  }, async () => {
    mkdirSync(paths.logsDir, { recursive: true })
    const history = { keepBlocks: 500, keptStates: 16 }
    const anvil = await startAnvil({
      chainId: 31337,
      port: PORT,
      mining: 'manual',
      history,
      logFile: logFile(paths, 'anvil-alpha'),
      detached: true,
      home,
    })
    const url = anvil.rpcUrl
    const [from, to] = await rpcCall<string[]>(url, 'eth_accounts', [])
    for (let i = 0; i < 5; i++) {
      await rpcCall(url, 'eth_sendTransaction', [{ from, to, value: '0x1' }])
      await rpcCall(url, 'evm_mine', [])
    }
    const manifest: Manifest = {
      version: 1,
      startedAt: new Date().toISOString(),
      portBase: PORT,
      blockTime: 0.2,
      finalityDepth: 1,
      keepBlocks: history.keepBlocks,
      chains: [{ name: 'alpha', chainId: 31337, selector: '1', port: PORT, rpcUrl: url, pid: anvil.pid }],
      // This test process stands in for the node process: the refresher acts only for the one listed.
      processes: [
        { role: 'anvil:alpha', pid: anvil.pid, marker: `--port ${PORT}` },
        { role: 'nodes', pid: process.pid, marker: 'node' },
      ],
    }
    writeManifest(paths, manifest)
    const cut = await saveCut(paths, [{ name: 'alpha', rpcUrl: url }])
    // Two transactions wait in the pool (nothing mines them): a cut does not hold them.
    const waiting = [
      await rpcCall<string>(url, 'eth_sendTransaction', [{ from, to, value: '0x2' }]),
      await rpcCall<string>(url, 'eth_sendTransaction', [{ from, to, value: '0x3' }]),
    ]
    const head = await rpcCall<{ hash: string }>(url, 'eth_getBlockByNumber', ['latest', false])

    // Taken over by a user's own mining: left alone.
    const options = {
      home,
      paths,
      budgetMiB: 1,
      oldHeaderBytes: Infinity,
      mayRestart: () => true,
      log: (l: string) => lines.push(l),
    }
    const held = new ChainRefresher({ ...options, inCharge: () => false })
    await held.afterCut(cut)
    expect(readManifest(paths)?.chains[0]?.pid).toBe(anvil.pid)

    const refresher = new ChainRefresher({ ...options, inCharge: () => true })
    await refresher.afterCut(cut)
    expect(lines.join('\n')).toMatch(
      /memory: restarted alpha from cut #\d+ \(it held \d+ MiB\): .* 2 pending transactions sent again/,
    )
    const pid = readManifest(paths)!.chains[0]!.pid
    expect(pid).not.toBe(anvil.pid)
    expect(isAlive(anvil.pid)).toBe(false)
    expect(readManifest(paths)!.processes[0]!.pid).toBe(pid)
    expect(await rpcCall(url, 'eth_getBlockByNumber', ['latest', false])).toEqual(head)
    await rpcCall(url, 'evm_mine', [])
    for (const hash of waiting) {
      const receipt = await rpcCall<{ status: string } | null>(url, 'eth_getTransactionReceipt', [hash])
      expect(receipt?.status, hash).toBe('0x1')
    }
    // Just restarted, the chain holds far less than 1.5× what it holds now: not again.
    await refresher.afterCut(cut)
    expect(readManifest(paths)!.chains[0]!.pid).toBe(pid)
    // Far below any memory budget, but its dumps carry too many old headers: restarted, though
    // never from a cut the chain has mined past (that first cut is a block behind now).
    const headers = new ChainRefresher({
      ...options,
      budgetMiB: 100_000,
      oldHeaderBytes: 10,
      inCharge: () => true,
    })
    await headers.afterCut({ ...cut, oldHeaders: { alpha: 11 } })
    expect(lines.at(-1)).toMatch(/could not restart alpha: it mined past cut/)
    expect(readManifest(paths)!.chains[0]!.pid).toBe(pid)
    const now = await saveCut(paths, [{ name: 'alpha', rpcUrl: url }])
    await headers.afterCut({ ...now, oldHeaders: { alpha: 9 } })
    expect(readManifest(paths)!.chains[0]!.pid).toBe(pid)
    await headers.afterCut({ ...now, oldHeaders: { alpha: 11 } })
    expect(readManifest(paths)!.chains[0]!.pid).not.toBe(pid)
    expect(lines.at(-1)).toMatch(
      /memory: restarted alpha from cut #\d+ \(it held 0\.0 MiB of old headers, \d+ MiB\)/,
    )
  })

  it('rests on anvil refusing every new transaction once the block gas limit is 1', async () => {
    const url = readManifest(paths)!.chains[0]!.rpcUrl
    const [from, to] = await rpcCall<string[]>(url, 'eth_accounts', [])
    const { gasLimit } = await rpcCall<{ gasLimit: string }>(url, 'eth_getBlockByNumber', ['latest', false])
    await rpcCall(url, 'evm_setBlockGasLimit', ['0x1'])
    await expect(
      rpcCall(url, 'eth_sendTransaction', [{ from, to, value: '0x1', gas: '0x5208' }]),
    ).rejects.toThrow()
    const pool = await rpcCall<{ pending: string }>(url, 'txpool_status', [])
    expect(Number(pool.pending)).toBe(0)
    await rpcCall(url, 'evm_setBlockGasLimit', [gasLimit])
    await rpcCall(url, 'eth_sendTransaction', [{ from, to, value: '0x1', gas: '0x5208' }])
  })

  it('counts as running while marked restarting, its process gone; stale once the mark is old', async () => {
    expect(readManifest(paths)!.chains[0]!.restartingSince).toBeUndefined()
    expect(inspectProcesses(paths).liveness).toBe('running')
    recordChainRestart(paths, 'alpha', 'restarting')
    await stopProcess(readManifest(paths)!.chains[0]!.pid)
    expect(inspectProcesses(paths).liveness).toBe('running')
    const manifest = readManifest(paths)!
    manifest.chains[0]!.restartingSince = new Date(Date.now() - 60_000).toISOString()
    writeManifest(paths, manifest)
    expect(inspectProcesses(paths).liveness).toBe('stale')
  })
})

describe('a stack whose chains are restarted for memory', () => {
  const PORT_BASE = 31985
  const stack = tempHome('chain-restart-stack')
  const cli = (...args: string[]) =>
    runCli(args, { home: stack.home, env: { CCIPKIT_CHAIN_MEMORY_MIB: '1', CCIPKIT_SNAPSHOT_MS: '500' } })
  const up = () => cli('local', 'up', '--detach', '--json', '--port-base', String(PORT_BASE))

  afterAll(async () => {
    await cli('local', 'reset')
    stack.cleanup()
  })

  it('keeps every lane working, and `down` and `up` find the restarted chains', {
    timeout: 180_000,
  }, async () => {
    const started = await up()
    expect(started.code, started.stderr).toBe(0)
    const lanes = [
      ['alpha', 'beta'],
      ['beta', 'gamma'],
      ['gamma', 'alpha'],
    ] as const
    const sendAll = async (data: string) => {
      for (const [from, to] of lanes) {
        const sent = await cli('send', '--from', from, '--to', to, '--data', data, '--wait', '--json')
        expect(sent.code, `${from} → ${to}: ${sent.stderr}\n${stackLogTail(stack.home, 'nodes', 30)}`).toBe(0)
        expect(jsonOf<{ state: string }>(sent).state).toBe('SUCCESS')
      }
    }
    await sendAll('0x0a')
    const statsBefore = await cli('stats', '--json')
    expect(statsBefore.code, statsBefore.stderr).toBe(0)
    expect(jsonOf<{ total: { success: number } }>(statsBefore).total.success).toBe(3)
    const chainIds = { alpha: 1337, beta: 31337, gamma: 2337 }
    const built = () =>
      Object.entries(chainIds).map(
        ([c, id]) => readJson<{ builtAt: number }>(join(stack.home, 'history', `${c}-${id}.json`))?.builtAt,
      )
    // 1 MiB: every chain is past it, so each is restarted, one per cut (a cut follows
    // transactions: an idle stack takes one every 5 minutes only). Traffic until all three were.
    let log = ''
    for (let round = 0; round < 8 && (log.match(/memory: restarted/g) ?? []).length < 3; round++) {
      await sendAll(`0x0${round}`)
      await sleep(1_000)
      log = stackLogTail(stack.home, 'nodes', 200)
    }
    for (const chain of ['alpha', 'beta', 'gamma'])
      expect(log).toContain(`memory: restarted ${chain} from cut`)
    // The history kept before the restarts is still this chain's (not read again), and complete.
    const firstBuilt = built()
    const statsAfter = await cli('stats', '--json')
    expect(statsAfter.code, statsAfter.stderr).toBe(0)
    const { total } = jsonOf<{ total: { messages: number; success: number } }>(statsAfter)
    expect(total.success).toBe(total.messages)
    expect(total.messages).toBeGreaterThanOrEqual(6)
    expect(built()).toEqual(firstBuilt)
    await sendAll('0x02')
    const down = await cli('local', 'down', '--json')
    expect(down.code, down.stderr).toBe(0)
    expect(jsonOf<{ saved: string[] }>(down).saved).toEqual(['alpha', 'beta', 'gamma'])
    expect(stackProcessesOf(stack.home), 'nothing of the stack still runs').toEqual([])
    const again = await up()
    expect(again.code, again.stderr).toBe(0)
    const sent = await cli('send', '--from', 'beta', '--to', 'alpha', '--data', '0x02', '--wait', '--json')
    expect(sent.code, sent.stderr).toBe(0)
  })
})
