import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devAccount } from '../../src/profiles/dev-keys.js'
import type { StackStatus } from '../../src/stack/status.js'
import { type CliRun, jsonOf, runCli } from '../helpers/cli.js'
import { type RefusingRpc, refusingRpc } from '../helpers/refusing-rpc.js'
import { fileStack } from '../helpers/stack.js'

/**
 * A curse or uncurse over several chains is all or nothing where it can be: every call is
 * simulated before the first is sent; a send that fails after that names the chains it changed.
 */
/** The refusing RPC front's port (fixed: below 32768, apart from other files' ports). */
const FRONT_PORT = 21845
const harness = fileStack('curse-atomic')
const home = harness.home
const cli = (...args: string[]) => harness.cli(args)
let stack: StackStatus
let front: RefusingRpc | undefined

type Cursed = { chain: string; cursed: { label: string }[] }[]
const cursedOn = async (chain: string): Promise<string[]> =>
  jsonOf<Cursed>(await cli('rmn', 'status', '--json'))
    .find((c) => c.chain === chain)!
    .cursed.map((c) => c.label)
const errorOf = (run: CliRun) =>
  (
    JSON.parse(run.stderr.slice(run.stderr.indexOf('{'))) as {
      error: { code: string; message: string; details?: Record<string, unknown> }
    }
  ).error

beforeAll(async () => {
  stack = harness.status
})
afterAll(async () => {
  await front?.close()
})

describe('multi-chain rmn curse', () => {
  it('changes no chain when the call would revert on one of them', async () => {
    const first = await cli('rmn', 'curse', '--chain', 'gamma', '--on', 'beta', '--yes', '--json')
    expect(first.code, first.stderr).toBe(0)
    // beta already holds the curse: its call reverts (AlreadyCursed), so alpha must stay untouched.
    const both = await cli('rmn', 'curse', '--chain', 'gamma', '--on', 'alpha', 'beta', '--yes', '--json')
    expect(both.code).toBe(1)
    expect(both.stdout).toBe('')
    const error = errorOf(both)
    expect(error.code).toBe('REVERT')
    expect(error.message).toMatch(/beta.*AlreadyCursed.*nothing was sent/)
    expect(error.details).toMatchObject({ chain: 'beta', changed: [] })
    expect(await cursedOn('alpha')).toEqual([])
    const lift = await cli('rmn', 'uncurse', '--chain', 'gamma', '--on', 'beta', '--yes')
    expect(lift.code, lift.stderr).toBe(0)
  })

  it('reports the chains it changed when a send fails after the simulations passed', async () => {
    const beta = stack.chains.find((c) => c.name === 'beta')!
    front = await refusingRpc(beta.rpcUrl!, FRONT_PORT, ['eth_sendRawTransaction'])
    const added = await cli(
      'chains',
      'add',
      'beta-ro',
      '--rpc-url',
      front.url,
      '--router',
      beta.contracts.router,
    )
    expect(added.code, added.stderr).toBe(0)
    // A non-local profile signs with CCIPKIT_PRIVATE_KEY; chain id 31337 is a local id, so the
    // stack's owner key is accepted there.
    const env = { CCIPKIT_PRIVATE_KEY: devAccount(0).privateKey }
    const run = await runCli(
      ['rmn', 'curse', '--chain', 'gamma', '--on', 'alpha', 'beta-ro', '--yes', '--json'],
      {
        home,
        env,
      },
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    const error = errorOf(run)
    expect(error.message).toMatch(/curse failed on beta-ro: .*already cursed on alpha \(0x[0-9a-f]{64}\)/)
    expect(error.details).toMatchObject({ failed: 'beta-ro', changed: [{ chain: 'alpha' }], notSent: [] })
    expect(await cursedOn('alpha')).toEqual(['gamma'])
    expect(await cursedOn('beta')).toEqual([])
  })
})
