import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { JsonRpcProvider, parseEther } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NodeChain } from '../../src/nodes/context.js'
import { Snapshotter } from '../../src/nodes/snapshots.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import { type AnvilProcess, startAnvil } from '../../src/stack/anvil.js'
import { savedHead } from '../../src/stack/chain-state.js'
import { stackPaths } from '../../src/stack/paths.js'
import { readCut, saveCut, savedChainFile } from '../../src/stack/state-cut.js'
import { tempHome } from '../helpers/cli.js'

/**
 * The crash-safety snapshots on two real anvils mining every 0.1 s: one cut across both chains,
 * taken while the chains are paused, only after transactions; a cut that fails or is cut
 * short by a crash leaves the previous complete set as the one a restart loads.
 */
const PORTS = [30801, 30802]
const { home, cleanup } = tempHome('snapshots')
const paths = stackPaths(home)
const anvils: AnvilProcess[] = []
let provider: JsonRpcProvider
// CAST: the snapshotter reads only a chain's name and RPC URL.
const chains = () => anvils.map((a, i) => ({ name: `c${i}`, rpcUrl: a.rpcUrl }) as NodeChain)
const cutDirs = () => readdirSync(paths.stateDir).filter((e) => e.startsWith('cut-'))

beforeAll(async () => {
  mkdirSync(paths.stateDir, { recursive: true })
  for (const [i, port] of PORTS.entries()) {
    const logFile = join(home, `anvil-${i}.log`)
    anvils.push(
      await startAnvil({ chainId: 31337 + i, port, mining: { blockTime: 0.1 }, logFile, detached: false }),
    )
  }
  provider = new JsonRpcProvider(anvils[0]!.rpcUrl, 31337, { staticNetwork: true, pollingInterval: 50 })
})

afterAll(() => {
  provider?.destroy()
  for (const a of anvils) a.child.kill('SIGKILL')
  cleanup()
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('chain snapshots', () => {
  it('one cut of every chain while they are paused, after a transaction, never for empty blocks', async () => {
    let holding = false
    let heldCuts = 0
    const hold = async () => {
      holding = true
      return () => {
        heldCuts += Number(holding && readCut(paths) !== undefined)
        holding = false
      }
    }
    const snapshots = new Snapshotter(paths, chains(), hold)
    await snapshots.step() // no cut yet: the first step takes one
    const first = readCut(paths)!
    expect(first.cut).toBe(1)
    expect(Object.keys(first.heads)).toEqual(['c0', 'c1'])
    expect(heldCuts, 'the cut is written before the chains resume').toBe(1)
    expect(savedHead(savedChainFile(paths, 'c1')!)).toBe(first.heads.c1)

    await sleep(600) // ≥ 5 empty blocks on each chain
    await snapshots.step()
    expect(await provider.getBlockNumber()).toBeGreaterThan(first.heads.c0! + 3)
    expect(readCut(paths)!.cut, 'empty blocks must not trigger a cut').toBe(1)

    const sender = devAccount(3).connect(provider)
    const tx = await sender.sendTransaction({ to: devAccount(4).address, value: parseEther('1') })
    const mined = (await tx.wait())!.blockNumber
    // A cut is spaced by 20× the previous one's duration: step until it is due.
    for (const until = Date.now() + 30_000; Date.now() < until && readCut(paths)!.cut === 1; ) {
      await snapshots.step()
      await sleep(100)
    }
    const second = readCut(paths)!
    expect(second.heads.c0).toBeGreaterThanOrEqual(mined)
    // Both chains are in the new cut, from the same moment; the old cut is gone.
    expect(second.heads.c1).toBeGreaterThan(first.heads.c1!)
    expect(cutDirs()).toEqual([`cut-${second.cut}`])
    expect(snapshots.health.lastCut?.cut).toBe(second.cut)
  })

  it('a cut whose dump fails on one chain leaves the previous complete cut in place', async () => {
    const before = await saveCut(paths, chains())
    const dead = { name: 'gone', rpcUrl: 'http://127.0.0.1:30803' }
    await expect(saveCut(paths, [...chains(), dead])).rejects.toMatchObject({ code: 'STATE_SAVE_FAILED' })
    expect(readCut(paths)).toEqual(before)
    expect(cutDirs(), 'the partial cut is removed').toEqual([`cut-${before.cut}`])
    for (const c of chains()) expect(savedHead(savedChainFile(paths, c.name)!)).toBe(before.heads[c.name])
  })

  it('a crash mid-cut (a partial directory, no pointer) never replaces the last complete cut', async () => {
    const before = await saveCut(paths, chains())
    const torn = join(paths.stateDir, `cut-${before.cut + 1}`)
    mkdirSync(torn)
    writeFileSync(join(torn, 'c0.json'), '{"block":{"number":"0x') // as a kill -9 mid-write leaves it
    expect(readCut(paths)).toEqual(before)
    expect(savedChainFile(paths, 'c0')).toBe(join(paths.stateDir, `cut-${before.cut}`, 'c0.json'))
    const after = await saveCut(paths, chains())
    expect(after.cut).toBe(before.cut + 2)
    expect(cutDirs()).toEqual([`cut-${after.cut}`])
  })

  it('a failing save is reported in the snapshot health, and cleared by the next good cut', async () => {
    const snapshots = new Snapshotter(paths, chains(), async () => () => undefined)
    const kept = readCut(paths)!
    const sender = devAccount(5).connect(provider)
    await (await sender.sendTransaction({ to: devAccount(4).address, value: 1n })).wait()
    // A state directory that is a file: writing fails even as root.
    renameSync(paths.stateDir, `${paths.stateDir}.away`)
    writeFileSync(paths.stateDir, 'not a directory')
    try {
      await expect(snapshots.step()).rejects.toMatchObject({ code: 'STATE_SAVE_FAILED' })
      expect(snapshots.health.error).toMatch(/could not save the chains' state/)
      expect(snapshots.health.errorAt).not.toBeNull()
    } finally {
      renameSync(paths.stateDir, `${paths.stateDir}.file`)
      renameSync(`${paths.stateDir}.away`, paths.stateDir)
    }
    expect(existsSync(`${paths.stateDir}.file`)).toBe(true)
    expect(readCut(paths)).toEqual(kept)
    await snapshots.step()
    expect(snapshots.health.error).toBeNull()
    expect(snapshots.health.lastCut!.cut).toBeGreaterThan(kept.cut)
  })
})
