import type { JsonRpcProvider } from 'ethers'
import { afterAll, beforeAll, expect } from 'vitest'
import { makeProvider } from '../../src/chain/provider.js'
import type { StackStatus } from '../../src/stack/status.js'
import { jsonOf, runCli, tempHome } from './cli.js'
import { mineEvery } from './reorg.js'

/** Blocks before a message is final on the reorg tests' stacks. */
export const FINALITY = 5

/**
 * A two-chain local stack with finality depth FINALITY for one reorg test file (started before
 * its tests, wiped after), and the chains the tests mine by hand once they switched a chain's
 * interval mining off.
 */
export function reorgStack(prefix: string, portBase: number) {
  const { home, cleanup } = tempHome(prefix)
  const cli = (...args: string[]) => runCli(args, { home })
  let stack: StackStatus
  const providers: JsonRpcProvider[] = []
  const miners = new Map<string, () => Promise<void>>()

  beforeAll(async () => {
    const flags = ['--chains', '2', '--finality-depth', String(FINALITY), '--port-base', String(portBase)]
    const up = await cli('local', 'up', '--detach', '--json', ...flags)
    expect(up.code, up.stderr).toBe(0)
    stack = jsonOf<StackStatus>(up)
  })
  afterAll(async () => {
    for (const stop of miners.values()) await stop()
    for (const p of providers) p.destroy()
    await cli('local', 'reset')
    cleanup()
  })

  return {
    home,
    cli,
    chain(name: string) {
      const c = stack.chains.find((x) => x.name === name)!
      const provider = makeProvider(c.rpcUrl!, c.chainId)
      providers.push(provider)
      return { ...c, provider, selector: BigInt(c.selector) }
    },
    /** Mine `c` by hand every 200 ms (as its 0.2 s interval mining would) until stopMining. */
    startMining(c: { name: string; provider: JsonRpcProvider }) {
      miners.set(c.name, mineEvery(c.provider, 200))
    },
    async stopMining(c: { name: string }) {
      await miners.get(c.name)?.()
      miners.delete(c.name)
    },
    /** Every subject cursed on any chain (`ccip rmn status`): a reorg must never curse. */
    async curses(): Promise<unknown[]> {
      return jsonOf<{ cursed: unknown[] }[]>(await cli('rmn', 'status', '--json')).flatMap((c) => c.cursed)
    },
  }
}
