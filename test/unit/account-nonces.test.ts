import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { type NonceSource, withAccountNonces } from '../../src/chain/account-nonces.js'

/**
 * The nonce turns of parallel senders. The node here is a counter that may lag (a load-balanced
 * public RPC that has not yet seen what another process sent), which is exactly when the written
 * ledger must win; a chain that went back (a reset local stack) must not inherit the ledger.
 */
const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})
const lockDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccip-nonces-'))
  dirs.push(dir)
  return dir
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const ADDRESS = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'

/** A node whose pending count is `mined` (it never sees transactions still in flight). */
const laggingNode = (chain: { mined: number }): NonceSource => ({
  counts: async () => [chain.mined, chain.mined],
})

describe('withAccountNonces', () => {
  it('gives parallel senders consecutive nonces even when the node lags', async () => {
    const dir = lockDir()
    const chain = { mined: 5 }
    const used: number[] = []
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        withAccountNonces(dir, 1n, ADDRESS, laggingNode(chain), async ({ next }) => {
          await sleep(i % 3) // interleave
          const count = 1 + (i % 2) // an approval and a send, or a send alone
          for (let k = 0; k < count; k++) used.push(next + k)
          return { used: count, result: undefined }
        }),
      ),
    )
    expect(used.sort((a, b) => a - b)).toEqual(Array.from({ length: 15 }, (_, i) => 5 + i))
  })

  it('without a lock directory every caller gets the node count (the old race)', async () => {
    const chain = { mined: 5 }
    const firsts = await Promise.all(
      [0, 1, 2].map(() =>
        withAccountNonces(undefined, 1n, ADDRESS, laggingNode(chain), async ({ next }) => ({
          used: 1,
          result: next,
        })),
      ),
    )
    expect(firsts).toEqual([5, 5, 5])
  })

  it('a chain that went back (reset) does not inherit the ledger; a caught-up node wins', async () => {
    const dir = lockDir()
    const chain = { mined: 40 }
    const take = () =>
      withAccountNonces(dir, 1n, ADDRESS, laggingNode(chain), async ({ next }) => ({ used: 1, result: next }))
    expect(await take()).toBe(40)
    expect(await take()).toBe(41) // node still says 40: the ledger says 41
    chain.mined = 0 // the local stack was reset
    expect(await take()).toBe(0)
    chain.mined = 9
    expect(await take()).toBe(9) // the node is ahead of the ledger: trust the node
  })

  it('reports in-flight transactions (pending above latest)', async () => {
    const busy: NonceSource = { counts: async () => [7, 5] }
    const window = await withAccountNonces(lockDir(), 1n, ADDRESS, busy, async (w) => ({
      used: 0,
      result: w,
    }))
    expect(window).toEqual({ next: 7, inFlight: true })
  })
})
