import { CcipError, createClient, type LocalStack, startLocalStack } from 'ccipkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devAccount } from '../../src/profiles/dev-keys.js'
import { type CappedRpc, cappedRpc } from '../helpers/capped-rpc.js'
import { runCli, tempHome } from '../helpers/cli.js'

/**
 * createClient over profiles that look like real networks to ccipkit: added with `ccip chains
 * add` (not local: no dev accounts, no log archive, no finality depth of the stack's), reached
 * through RPC fronts that refuse eth_getLogs over more than 200 blocks as public providers do,
 * signed by the caller's own ethers Wallet. Behind the fronts runs the real local stack.
 */
const FRONT_PORTS = [31410, 31411]
const { home, cleanup } = tempHome('remote-client')
let stack: LocalStack
const fronts: CappedRpc[] = []

beforeAll(async () => {
  stack = await startLocalStack({ chains: 2 })
  for (const [i, chain] of stack.chains.entries()) {
    const front = await cappedRpc(chain.rpcUrl, FRONT_PORTS[i]!, 200)
    fronts.push(front)
    const args = [
      '--rpc-url',
      front.url,
      '--router',
      chain.contracts.router,
      '--selector',
      String(chain.selector),
    ]
    const added = await runCli(['chains', 'add', `net-${chain.name}`, ...args], { home })
    expect(added.code, added.stderr).toBe(0)
  }
})

afterAll(async () => {
  for (const front of fronts) await front.close()
  await stack?.stop()
  cleanup()
})

describe('createClient against real-network-like profiles', () => {
  it('sends with the caller’s signer, follows the message to SUCCESS and reads the lane', async () => {
    const signer = devAccount(6) // a key of the caller's, without a provider: the client connects it
    const client = createClient({ home, signer })
    const request = { from: 'net-alpha', to: 'net-beta', data: '0xbeef' }
    const fee = await client.fee(request)
    expect(fee.fee).toBeGreaterThan(0n)
    const sent = await client.send(request)
    const done = await client.waitFor(sent.messageId, { timeout: 90_000 })
    expect(done).toMatchObject({ state: 'SUCCESS', sourceChain: 'net-alpha', destChain: 'net-beta' })
    expect(done.phases.map((p) => p.state)).toContain('COMMITTED')
    // Every read went to the fronts, not to the stack's own URLs.
    expect(fronts.every((f) => f.counts.getLogs > 0)).toBe(true)
    const [lane] = await client.lanes({ from: 'net-alpha', to: 'net-beta' })
    expect(lane).toMatchObject({ source: 'net-alpha', dest: 'net-beta', state: 'active' })
  })

  it('refuses a dev account index on a chain that is not local, as the CLI does', async () => {
    const client = createClient({ home })
    const error = await client.send({ from: 'net-alpha', to: 'net-beta', data: '0x01', account: 2 }).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(CcipError)
    expect(error).toMatchObject({ code: 'WALLET' })
    expect((error as CcipError).message).toMatch(/not a local chain/)
  })
})
