import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rpcCall } from '../../src/chain/rpc.js'
import type { NodeChain } from '../../src/nodes/context.js'
import { Miner } from '../../src/nodes/miner.js'
import { type AnvilProcess, startAnvil } from '../../src/stack/anvil.js'
import { stackPaths } from '../../src/stack/paths.js'
import { saveCut, savedChainFile } from '../../src/stack/state-cut.js'
import { sleep } from '../../src/time.js'
import { tempHome } from '../helpers/cli.js'

/**
 * anvil_dumpState copies a chain's blocks first and its state after: a chain that mines in
 * between yields a dump whose state holds transactions its blocks lack (on anvil 1.7.1 with
 * interval mining, about one dump in twelve under this load). The stack's chains mine only when
 * the node process's Miner says so, and a cut pauses it: every dump of every cut must be one
 * moment. A counter contract makes that checkable: each call stores n+1 and logs n+1, so the
 * stored value must equal the highest value the dump's receipts logged.
 */
const PORT = 30805
const { home, cleanup } = tempHome('cut-consistency')
const paths = stackPaths(home)
let anvil: AnvilProcess
const stop = new AbortController()
// Runtime: sstore(0, sload(0) + 1) and log1 with the new value as topic; the init code returns it.
const COUNTER = '0x6010600c60003960106000f3' + '600054600101806000556000' + '6000a100'

beforeAll(async () => {
  anvil = await startAnvil({
    chainId: 31337,
    port: PORT,
    mining: 'manual',
    logFile: join(home, 'anvil.log'),
    detached: false,
  })
})

afterAll(() => {
  stop.abort()
  anvil?.child.kill('SIGKILL')
  cleanup()
})

interface Dump {
  accounts: Record<string, { storage: Record<string, string> }>
  transactions: { receipt: { logs: { address: string; topics: string[] }[] } }[]
}

describe('a cut of a chain under load', () => {
  it('is one moment of the chain: the state holds exactly the transactions whose logs it holds', {
    timeout: 120_000,
  }, async () => {
    const chain = { name: 'c0', rpcUrl: anvil.rpcUrl } as NodeChain // CAST: only name and URL are read
    const miner = new Miner([chain], { kind: 'interval', blockTimeMs: 100 })
    const mining = miner.run(stop.signal)
    const accounts = await rpcCall<string[]>(anvil.rpcUrl, 'eth_accounts', [])
    const deploy = await rpcCall<string>(anvil.rpcUrl, 'eth_sendTransaction', [
      { from: accounts[0], data: COUNTER },
    ])
    let counter: string | undefined
    while (counter === undefined) {
      await sleep(50)
      counter = (
        await rpcCall<{ contractAddress: string } | null>(anvil.rpcUrl, 'eth_getTransactionReceipt', [deploy])
      )?.contractAddress
    }
    // 3 MB of code make every dump take long enough for several blocks to fall inside it.
    for (let i = 1; i <= 6; i++)
      await rpcCall(anvil.rpcUrl, 'anvil_setCode', [
        `0xc${i.toString(16).padStart(39, '0')}`,
        `0x${'5b'.repeat(500_000)}`,
      ])
    let load = true
    const senders = accounts.slice(1, 9).map(async (from) => {
      while (load) {
        await rpcCall(anvil.rpcUrl, 'eth_sendTransaction', [{ from, to: counter }]).catch(() => undefined)
        await sleep(10)
      }
    })
    try {
      for (let i = 0; i < 20; i++) {
        await sleep(150)
        // As the node process's Snapshotter takes a cut.
        const resume = await miner.pause()
        const cut = await saveCut(paths, [chain]).finally(resume)
        const dump = JSON.parse(readFileSync(savedChainFile(paths, 'c0')!, 'utf8')) as Dump
        const stored = BigInt(Object.values(dump.accounts[counter.toLowerCase()]?.storage ?? {})[0] ?? 0)
        let logged = 0n
        for (const tx of dump.transactions)
          for (const log of tx.receipt.logs)
            if (log.address.toLowerCase() === counter.toLowerCase() && BigInt(log.topics[0]!) > logged)
              logged = BigInt(log.topics[0]!)
        expect(stored, `cut ${cut.cut}: the state counts ${stored} calls, the logs ${logged}`).toBe(logged)
        expect(stored, 'the load ran').toBeGreaterThan(0n)
      }
    } finally {
      load = false
      await Promise.allSettled(senders)
      stop.abort()
      await mining
    }
  })
})

describe('a block that takes longer than any timeout', () => {
  it('is waited for: a pause resolves only once it is mined, and no block is mined on a stale height', {
    timeout: 120_000,
  }, async () => {
    const slow = await startAnvil({
      chainId: 31337,
      port: PORT + 1,
      mining: 'manual',
      logFile: join(home, 'anvil-slow.log'),
      detached: false,
    })
    const halt = new AbortController()
    try {
      const url = slow.rpcUrl
      const accounts = await rpcCall<string[]>(url, 'eth_accounts', [])
      // Runtime `JUMPDEST PUSH1 0 JUMP`: every call spins until its 30M gas are gone.
      const spinner = `0x${'0x6004600c60003960046000f3'.slice(2)}5b600056`
      const deploy = await rpcCall<string>(url, 'eth_sendTransaction', [{ from: accounts[0], data: spinner }])
      await rpcCall(url, 'evm_mine', [])
      const { contractAddress } = await rpcCall<{ contractAddress: string }>(
        url,
        'eth_getTransactionReceipt',
        [deploy],
      )
      // One block of 300 such calls: seconds of work for anvil, past the old 5 s give-up.
      await rpcCall(url, 'evm_setBlockGasLimit', [`0x${(300n * 30_000_000n + 1_000_000n).toString(16)}`])
      for (let i = 0; i < 300; i++) {
        await rpcCall(url, 'eth_sendTransaction', [
          { from: accounts[i % 10], to: contractAddress, gas: '0x1c9c380' },
        ])
      }
      const heights: number[] = []
      const miner = new Miner(
        [{ name: 'slow', rpcUrl: url }],
        { kind: 'interval', blockTimeMs: 100 },
        (_chain, head) => {
          heights.push(head)
          return true
        },
      )
      const mining = miner.run(halt.signal)
      await sleep(500)
      const t0 = Date.now()
      const resume = await miner.pause()
      const waited = Date.now() - t0
      const paused = Number(await rpcCall<string>(url, 'eth_blockNumber', []))
      await sleep(3_000)
      const later = Number(await rpcCall<string>(url, 'eth_blockNumber', []))
      process.stderr.write(`cut-consistency: the pause waited ${waited} ms for the slow block\n`)
      expect(later, 'a block landed after the pause resolved').toBe(paused)
      expect(paused, 'the slow block was mined').toBe(2)
      resume()
      while (Number(await rpcCall<string>(url, 'eth_blockNumber', [])) < 4) await sleep(50)
      halt.abort()
      await mining
      // Each height asked about once: a block is mined only on the one before it.
      expect(heights.slice(0, 3)).toEqual([1, 2, 3])
    } finally {
      halt.abort()
      slow.child.kill('SIGKILL')
    }
  })
})
