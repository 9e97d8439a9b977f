import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { Contract, toBeHex, zeroPadValue } from 'ethers'
import { beforeAll, describe, expect, it } from 'vitest'
import { ccipAbi } from '../../src/chain/artifacts.js'
import { packageRoot } from '../../src/package-root.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import type { StackStatus } from '../../src/stack/status.js'
import { makeProvider } from '../helpers/chain.js'
import { jsonOf } from '../helpers/cli.js'
import { sendRaw, waitExecuted } from '../helpers/send.js'
import { fileStack } from '../helpers/stack.js'

/** `ccip rmn curse|uncurse|status` as an operator rehearses it: effects exactly the contracts'. */
const harness = fileStack('rmnop')
const home = harness.home
const cli = (...args: string[]) => harness.cli(args)
let stack: StackStatus

beforeAll(async () => {
  stack = harness.status
})

describe('ccip rmn', () => {
  it('refuses without a TTY and without --yes, and --dry-run sends nothing', async () => {
    const refused = await cli('rmn', 'curse', '--chain', 'alpha', '--on', 'beta')
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/--yes/)
    const dry = await cli('rmn', 'curse', '--chain', 'alpha', '--on', 'beta', '--dry-run', '--json')
    expect(dry.code, dry.stderr).toBe(0)
    const plan = jsonOf<{ calls: { chain: string; fn: string; data: string }[] }>(dry)
    expect(plan.calls[0]).toMatchObject({ chain: 'beta', fn: 'CurseAuthority.curse(bytes16[],string)' })
    expect(plan.calls[0]!.data).toMatch(/^0x/)
    const status = jsonOf<{ chain: string; cursed: unknown[] }[]>(await cli('rmn', 'status', '--json'))
    expect(status.every((c) => c.cursed.length === 0)).toBe(true)
  })

  it('a cursed lane stops sends and execution; after uncurse held messages complete', async () => {
    const [alpha, beta] = [stack.chains[0]!, stack.chains[1]!]
    const pa = makeProvider(alpha.rpcUrl!, alpha.chainId)
    const pb = makeProvider(beta.rpcUrl!, beta.chainId)
    // Curse the destination side first, so the message sent next is held for certain (the DON
    // would otherwise deliver it within a second), then the source side (as one should).
    const onBeta = await cli(
      'rmn',
      'curse',
      '--chain',
      'alpha',
      '--on',
      'beta',
      '--yes',
      '--reason',
      'rehearsal',
    )
    expect(onBeta.code, onBeta.stderr).toBe(0)
    const [held] = await sendRaw(devAccount(2), pa, [
      {
        router: alpha.contracts.router,
        destSelector: BigInt(beta.selector),
        receiver: devAccount(2).address,
        outOfOrder: true,
      },
    ])
    const onAlpha = await cli('rmn', 'curse', '--chain', 'beta', '--on', 'alpha', '--yes', '--json')
    expect(onAlpha.code, onAlpha.stderr).toBe(0)

    const status = jsonOf<{ chain: string; cursed: { label: string; by: string; reason: string }[] }[]>(
      await cli('rmn', 'status', '--json'),
    )
    expect(status.find((c) => c.chain === 'beta')!.cursed).toEqual([
      expect.objectContaining({ label: 'alpha', by: 'operator', reason: 'rehearsal' }),
    ])
    expect(status.find((c) => c.chain === 'alpha')!.cursed).toEqual([
      expect.objectContaining({ label: 'beta', by: 'operator' }),
    ])

    // `ccip watch` (no terminal: plain lines) shows the cursed lanes.
    const watch = spawn(process.execPath, [join(packageRoot(), 'dist/bin/ccip.js'), 'watch'], {
      env: { ...process.env, CCIPKIT_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let watched = ''
    watch.stderr.on('data', (d: Buffer) => (watched += d.toString()))
    while (!watched.includes('cursed=')) await new Promise((r) => setTimeout(r, 100))
    watch.kill('SIGINT')
    await new Promise((r) => watch.on('exit', r))
    expect(watched).toMatch(/lanes=6 cursed=2 /)

    // The very next send on the cursed lane is refused by the OnRamp.
    const send = await cli('send', '--from', 'alpha', '--to', 'beta', '--data', 'blocked')
    expect(send.code).toBe(1)
    expect(send.stderr).toMatch(/CursedByRMN/)

    // The held message is not executed while cursed.
    await new Promise((r) => setTimeout(r, 2_500))
    const offRamp = new Contract(beta.contracts.offRamp!, ccipAbi('offRamp'), pb)
    const rmn = new Contract(beta.contracts.rmnRemote, ccipAbi('rmnRemote'), pb)
    expect(
      await rmn.getFunction('isCursed(bytes16)')(zeroPadValue(toBeHex(BigInt(alpha.selector)), 16)),
    ).toBe(true)
    const executed = await pb.getLogs({
      address: beta.contracts.offRamp!,
      topics: [null, null, null, held!],
      fromBlock: 0,
    })
    expect(executed).toEqual([])
    void offRamp

    for (const [chain, on] of [
      ['alpha', 'beta'],
      ['beta', 'alpha'],
    ]) {
      const lifted = await cli('rmn', 'uncurse', '--chain', chain!, '--on', on!, '--yes')
      expect(lifted.code, lifted.stderr).toBe(0)
    }
    const states = await waitExecuted(pb, beta.contracts.offRamp!, [held!], 30_000)
    expect(states.get(held!)).toEqual([2])
    pa.destroy()
    pb.destroy()
  })

  it("usage errors: no subject, no target, cursing a chain's own subject", async () => {
    expect((await cli('rmn', 'curse', '--on', 'beta', '--yes')).code).toBe(2)
    expect((await cli('rmn', 'curse', '--chain', 'alpha', '--yes')).code).toBe(2)
    expect((await cli('rmn', 'curse', '--chain', 'beta', '--on', 'beta', '--yes')).code).toBe(2)
    expect((await cli('rmn', 'curse', '--chain', 'nope', '--on', 'beta', '--yes')).code).toBe(3)
  })
})
