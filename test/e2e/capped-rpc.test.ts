import type { JsonRpcProvider } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devAccount } from '../../src/profiles/dev-keys.js'
import type { StackStatus } from '../../src/stack/status.js'
import type { StatusJson } from '../../src/ui/status.js'
import { type CappedRpc, cappedRpc } from '../helpers/capped-rpc.js'
import { makeProvider } from '../helpers/chain.js'
import { jsonOf, runCli, tempHome } from '../helpers/cli.js'
import { sendRaw, waitExecuted } from '../helpers/send.js'

/**
 * `ccip status` through chain profiles whose RPC refuses eth_getLogs over more than 200 blocks,
 * as public providers do, in front of the real local stack: the id-only search must not fail on
 * the refusals nor walk up from genesis, and must agree with the stack's own profiles.
 */
const PORT_BASE = 29545
const CAP = 200
const { home, cleanup } = tempHome('capped')
const cli = (...args: string[]) => runCli(args, { home })
const fronts: CappedRpc[] = []
const providers: JsonRpcProvider[] = []
let stack: StackStatus
/** The message the first test sends and sees executed. */
let sentId = ''

beforeAll(async () => {
  const up = await cli('local', 'up', '--detach', '--json', '--port-base', String(PORT_BASE))
  expect(up.code, up.stderr).toBe(0)
  stack = jsonOf<StackStatus>(up)
  for (const [i, name] of ['alpha', 'beta'].entries()) {
    const c = stack.chains.find((x) => x.name === name)!
    const front = await cappedRpc(c.rpcUrl!, PORT_BASE + 100 + i, CAP)
    fronts.push(front)
    const args = ['--rpc-url', front.url, '--router', c.contracts.router, '--selector', c.selector]
    const added = await cli('chains', 'add', `capped-${name}`, ...args)
    expect(added.code, added.stderr).toBe(0)
  }
})

afterAll(async () => {
  for (const front of fronts) await front.close()
  for (const p of providers) p.destroy()
  await cli('local', 'reset')
  cleanup()
})

describe('status through an RPC that caps eth_getLogs ranges', () => {
  it('finds an executed message by id alone and reports what the uncapped profiles report', async () => {
    const [alpha, beta] = ['alpha', 'beta'].map((name) => stack.chains.find((x) => x.name === name)!)
    const source = makeProvider(alpha!.rpcUrl!, alpha!.chainId)
    const dest = makeProvider(beta!.rpcUrl!, beta!.chainId)
    providers.push(source, dest)
    // History longer than the cap: a whole-chain query is refused, the message itself is recent.
    await Promise.all([source.send('anvil_mine', ['0x3e8']), dest.send('anvil_mine', ['0x3e8'])])
    const [id] = await sendRaw(devAccount(1), source, [
      {
        router: alpha!.contracts.router,
        destSelector: BigInt(beta!.selector),
        receiver: devAccount(1).address,
      },
    ])
    await waitExecuted(dest, beta!.contracts.offRamp!, [id!])
    sentId = id!
    expect(await dest.getBlockNumber()).toBeGreaterThan(5 * CAP)

    const direct = await cli('status', id!, '--from', 'alpha', '--to', 'beta', '--json')
    const capped = await cli('status', id!, '--from', 'capped-alpha', '--to', 'capped-beta', '--json')
    expect(capped.code, capped.stderr).toBe(0)
    const [a, b] = [jsonOf<StatusJson>(direct), jsonOf<StatusJson>(capped)]
    expect(b.state).toBe('SUCCESS')
    expect(b.sequenceNumber).toBe(a.sequenceNumber)
    // SOURCE_FINALIZED differs by design: a remote chain's comes from its `finalized` tag.
    const onChain = (s: StatusJson) => s.phases.filter((p) => p.state !== 'SOURCE_FINALIZED')
    expect(onChain(b)).toEqual(onChain(a))
    expect(
      fronts.every((f) => f.counts.refused > 0),
      'the cap was never hit',
    ).toBe(true)
    // Newest-first windows of the learned cap: a handful of requests, not a walk from genesis.
    expect(fronts.reduce((n, f) => n + f.counts.getLogs, 0)).toBeLessThan(60)
  })

  it('messages list reads through the cap too, and agrees with the uncapped profiles', async () => {
    expect(sentId).not.toBe('')
    const refusedBefore = fronts.reduce((n, f) => n + f.counts.refused, 0)
    const capped = await cli('messages', 'list', '--from', 'capped-alpha', '--to', 'capped-beta', '--json')
    expect(capped.code, capped.stderr).toBe(0)
    const direct = await cli('messages', 'list', '--from', 'alpha', '--to', 'beta', '--json')
    type Row = { messageId: string; state: string; sequenceNumber: string }
    const pick = (rows: Row[]) =>
      rows.map(({ messageId, state, sequenceNumber }) => ({ messageId, state, sequenceNumber }))
    const rows = jsonOf<Row[]>(capped)
    expect(rows.find((r) => r.messageId === sentId)?.state).toBe('SUCCESS')
    expect(pick(rows)).toEqual(pick(jsonOf<Row[]>(direct)))
    // Every read was one the front accepts (a fresh process learns the cap from one refusal).
    expect(fronts.reduce((n, f) => n + f.counts.refused, 0) - refusedBefore).toBeLessThan(10)
  })

  it('reports an unknown id as not found (exit 3) instead of failing on the refusals', async () => {
    const unknown = `0x${'ab'.repeat(32)}`
    const run = await cli('status', unknown, '--from', 'capped-alpha', '--to', 'capped-beta')
    expect(run.code, run.stderr).toBe(3)
  })
})
