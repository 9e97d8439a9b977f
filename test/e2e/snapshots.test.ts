import { mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { JsonRpcProvider, parseEther } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NodeChain } from '../../src/nodes/context.js'
import { Snapshotter } from '../../src/nodes/snapshots.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import { type AnvilProcess, startAnvil } from '../../src/stack/anvil.js'
import { savedHead } from '../../src/stack/chain-state.js'
import { chainStateFile, stackPaths } from '../../src/stack/paths.js'
import { tempHome } from '../helpers/cli.js'

/**
 * The crash-safety snapshots on a real anvil mining every 0.1 s: a dump after transactions, none
 * for empty blocks (a dump holds the whole history and stalls the chain while it serializes).
 */
const PORT = 30745
const { home, cleanup } = tempHome('snapshots')
const paths = stackPaths(home)
let anvil: AnvilProcess
let provider: JsonRpcProvider

beforeAll(async () => {
  mkdirSync(paths.stateDir, { recursive: true })
  anvil = await startAnvil({
    chainId: 31337,
    port: PORT,
    blockTime: 0.1,
    logFile: join(home, 'anvil.log'),
    detached: false,
  })
  provider = new JsonRpcProvider(anvil.rpcUrl, 31337, { staticNetwork: true, pollingInterval: 50 })
})

afterAll(() => {
  provider?.destroy()
  anvil?.child.kill('SIGKILL')
  cleanup()
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('chain snapshots', () => {
  it('dump after a transaction, never for empty blocks alone', async () => {
    // CAST: the snapshotter reads only a chain's name and RPC URL.
    const chain = { name: 'solo', rpcUrl: anvil.rpcUrl } as NodeChain
    const snapshots = new Snapshotter(paths, [chain])
    const file = chainStateFile(paths, 'solo')

    await snapshots.step() // no snapshot yet: the first step takes one
    const first = savedHead(file)
    expect(first).toBeDefined()
    const written = statSync(file).mtimeMs

    await sleep(600) // ≥ 5 empty blocks
    await snapshots.step()
    expect(await provider.getBlockNumber()).toBeGreaterThan(first! + 3)
    expect(statSync(file).mtimeMs, 'empty blocks must not trigger a dump').toBe(written)

    const sender = devAccount(3).connect(provider)
    const tx = await sender.sendTransaction({ to: devAccount(4).address, value: parseEther('1') })
    const mined = (await tx.wait())!.blockNumber
    // A dump is spaced by 20× the previous one's duration: step until it is due.
    for (let i = 0; i < 50 && (savedHead(file) ?? 0) < mined; i++) {
      await snapshots.step()
      await sleep(100)
    }
    expect(savedHead(file)).toBeGreaterThanOrEqual(mined)
  })
})
