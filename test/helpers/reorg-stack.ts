import type { JsonRpcProvider } from 'ethers'
import { afterAll, beforeAll, expect } from 'vitest'
import type { StackStatus } from '../../src/stack/status.js'
import { makeProvider } from './chain.js'
import { jsonOf, runCli, tempHome } from './cli.js'

/** Blocks before a message is final on the reorg tests' stacks. */
export const FINALITY = 5

/**
 * A two-chain local stack with finality depth FINALITY for one reorg test file (started before
 * its tests, wiped after). A test takes a chain's mining over from the node process to mine it
 * by hand (stopMining) and gives it back (startMining), with anvil's own calls.
 */
export function reorgStack(prefix: string, portBase: number) {
  const { home, cleanup } = tempHome(prefix)
  const cli = (...args: string[]) => runCli(args, { home })
  let stack: StackStatus
  const providers: JsonRpcProvider[] = []

  beforeAll(async () => {
    const flags = ['--chains', '2', '--finality-depth', String(FINALITY), '--port-base', String(portBase)]
    const up = await cli('local', 'up', '--detach', '--json', ...flags)
    expect(up.code, up.stderr).toBe(0)
    stack = jsonOf<StackStatus>(up)
  })
  afterAll(async () => {
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
    /**
     * Take `c`'s mining over: anvil's own interval mining, set to a day, makes the node process
     * leave the chain alone; it then mines only on evm_mine.
     */
    async stopMining(c: { provider: JsonRpcProvider }) {
      await c.provider.send('evm_setIntervalMining', [86_400])
    },
    /** Give `c`'s mining back to the node process. */
    async startMining(c: { provider: JsonRpcProvider }) {
      await c.provider.send('evm_setIntervalMining', [0])
    },
    /** Every subject cursed on any chain (`ccip rmn status`): a reorg must never curse. */
    async curses(): Promise<unknown[]> {
      return jsonOf<{ cursed: unknown[] }[]>(await cli('rmn', 'status', '--json')).flatMap((c) => c.cursed)
    },
  }
}
