import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { rpcCall } from '../../src/chain/rpc.js'
import { type AnvilProcess, startAnvil } from '../../src/stack/anvil.js'
import { dumpChainState } from '../../src/stack/chain-state.js'
import { slimDump } from '../../src/stack/slim-dump.js'
import { tempHome } from '../helpers/cli.js'

/**
 * A dump without its old headers must load into anvil as the same chain: same head and hashes,
 * same state, blocks with transactions kept, the next block on top of the old head; only the
 * dropped blocks are gone.
 */
const PORT = 31965
const { home, cleanup } = tempHome('slim-dump')
const anvils: AnvilProcess[] = []
const start = async (port: number, loadState?: string) => {
  const anvil = await startAnvil({
    chainId: 31337,
    port,
    mining: 'manual',
    logFile: join(home, `anvil-${port}.log`),
    detached: false,
    ...(loadState === undefined ? {} : { loadState }),
  })
  anvils.push(anvil)
  return anvil
}
const block = (url: string, n: number | string) =>
  rpcCall<{ hash: string; parentHash: string; transactions: string[] } | null>(url, 'eth_getBlockByNumber', [
    typeof n === 'number' ? `0x${n.toString(16)}` : n,
    false,
  ])

afterAll(() => {
  for (const a of anvils) a.child.kill('SIGKILL')
  cleanup()
})

describe('slimDump', () => {
  it('drops the empty old blocks asked for; anvil loads the same chain from it', {
    timeout: 60_000,
  }, async () => {
    const original = await start(PORT)
    const url = original.rpcUrl
    const [from, to] = await rpcCall<string[]>(url, 'eth_accounts', [])
    // 40 blocks; block 10 and block 30 carry a transfer.
    for (let n = 1; n <= 40; n++) {
      if (n === 10 || n === 30) await rpcCall(url, 'eth_sendTransaction', [{ from, to, value: '0x1' }])
      await rpcCall(url, 'evm_mine', [])
    }
    const dump = await dumpChainState(url)
    const slim = slimDump(dump, (n) => n > 0 && n <= 35)
    expect(slim.length).toBeLessThan(dump.length)
    // Not shaped as a dump, or nothing to drop: the same bytes.
    expect(slimDump(dump, () => false)).toBe(dump)
    expect(slimDump(Buffer.from('{"blocks":[{"header":{}}]}'), () => true).toString()).toBe(
      '{"blocks":[{"header":{}}]}',
    )

    const file = join(home, 'slim.json')
    writeFileSync(file, slim)
    const restored = await start(PORT + 1, file)
    const head = await block(url, 'latest')
    expect(await block(restored.rpcUrl, 'latest')).toEqual(head)
    expect(await block(restored.rpcUrl, 20)).toBeNull() // dropped
    expect(await block(restored.rpcUrl, 36)).toEqual(await block(url, 36)) // kept: above the line
    expect(await block(restored.rpcUrl, 0)).toEqual(await block(url, 0)) // genesis stays
    for (const n of [10, 30]) {
      const kept = await block(restored.rpcUrl, n) // a block with a transaction stays
      expect(kept?.transactions).toHaveLength(1)
      expect(kept).toEqual(await block(url, n))
    }
    for (const who of [from, to]) {
      expect(await rpcCall(restored.rpcUrl, 'eth_getBalance', [who, 'latest'])).toBe(
        await rpcCall(url, 'eth_getBalance', [who, 'latest']),
      )
    }
    await rpcCall(restored.rpcUrl, 'evm_mine', [])
    expect((await block(restored.rpcUrl, 41))?.parentHash).toBe(head?.hash)
  })
})
