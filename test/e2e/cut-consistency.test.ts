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
    const miner = new Miner([chain], 100)
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
