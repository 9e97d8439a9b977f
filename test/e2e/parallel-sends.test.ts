import { beforeAll, describe, expect, it } from 'vitest'
import { devAccount } from '../../src/profiles/dev-keys.js'
import { readDeployment } from '../../src/stack/manifest.js'
import { stackPaths } from '../../src/stack/paths.js'
import type { StackStatus } from '../../src/stack/status.js'
import { makeProvider } from '../helpers/chain.js'
import { jsonOf, stackLogTail } from '../helpers/cli.js'
import { waitExecuted } from '../helpers/send.js'
import { fileStack } from '../helpers/stack.js'

/**
 * Scripts send in parallel from one account. Each `ccip send` is its own process, so the nonce
 * and the approvals must be coordinated across processes: 20 at once, mixing data, burn/mint and
 * lock/release tokens, LINK and native fees, two destinations — all must land and complete.
 */
const harness = fileStack('parallel')
const home = harness.home
const sender = devAccount(4)
// A dev key from the environment: every process signs as the same account.
const cli = (...args: string[]) => harness.cli(args, { env: { CCIPKIT_PRIVATE_KEY: sender.privateKey } })

let stack: StackStatus
beforeAll(async () => {
  stack = harness.status
})

/** What the i-th send carries: every mix of payload, token and fee token occurs. */
function sendArgs(i: number): string[] {
  const dest = i % 2 === 0 ? 'beta' : 'gamma'
  const payload = [
    ['--data', `hello ${i}`],
    ['--token', 'CCIP-BnM:0.1', '--fee-token', 'LINK'],
    ['--token', 'CCIP-LnM:0.2'],
    ['--data', `0x${i.toString(16).padStart(4, '0')}`, '--fee-token', 'LINK'],
  ][i % 4]!
  return ['send', '--from', 'alpha', '--to', dest, ...payload, '--json']
}

describe('parallel ccip send from one account', () => {
  it('20 at once all land with consecutive nonces and all reach SUCCESS', async () => {
    const alpha = makeProvider(stack.chains[0]!.rpcUrl!, stack.chains[0]!.chainId)
    const nonceBefore = await alpha.getTransactionCount(sender.address)
    const runs = await Promise.all(Array.from({ length: 20 }, (_, i) => cli(...sendArgs(i))))
    for (const [i, run] of runs.entries()) expect(run.code, `send ${i}: ${run.stderr}`).toBe(0)
    const sent = runs.map((run) => jsonOf<{ messageId: string; txHash: string }>(run))
    expect(new Set(sent.map((s) => s.messageId)).size).toBe(20)

    // Every transaction of the account mined, none replaced or skipped: the nonce moved by exactly
    // the sends plus the approvals they made (each LINK fee or token needs one).
    const receipts = await Promise.all(sent.map((s) => alpha.getTransactionReceipt(s.txHash)))
    expect(receipts.every((r) => r?.status === 1)).toBe(true)
    const nonceAfter = await alpha.getTransactionCount(sender.address)
    expect(nonceAfter - nonceBefore).toBeGreaterThanOrEqual(20)
    alpha.destroy()

    const deployment = readDeployment(stackPaths(home))!
    for (const [index, dest] of [
      [0, 'beta'],
      [1, 'gamma'],
    ] as const) {
      const chain = stack.chains.find((c) => c.name === dest)!
      const provider = makeProvider(chain.rpcUrl!, chain.chainId)
      const offRamp = deployment.chains.find((c) => c.name === dest)!.contracts.offRamp!
      const ids = sent.filter((_, i) => i % 2 === index).map((s) => s.messageId)
      const states = await waitExecuted(provider, offRamp, ids)
      provider.destroy()
      // ExecutionStateChanged state 2 = SUCCESS, exactly once per message.
      for (const id of ids) expect(states.get(id), `${id}\n${stackLogTail(home, 'nodes')}`).toEqual([2])
    }
  }, 240_000)
})
