// The package as a user imports it: resolved through package.json `exports` to the built files.
import { type LocalStack, startLocalStack } from 'ccipkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/**
 * The library on a CCIP 2.0 stack: `startLocalStack({ ccip: '2.0' })` runs every lane on 2.0 with
 * its verifiers, indexer and executors; send takes the 2.0 options, status reads VERIFIED from
 * the stack's indexer, and a message nobody is paid to execute completes by manualExec.
 */
let stack: LocalStack

beforeAll(async () => {
  stack = await startLocalStack({ chains: 2, ccip: '2.0', mining: 'instant' })
}, 120_000)
afterAll(async () => {
  await stack?.stop()
})

describe('startLocalStack({ ccip: "2.0" })', () => {
  it('sends with 2.0 options and follows the message through VERIFIED to SUCCESS', async () => {
    const sent = await stack.send({
      from: 'alpha',
      to: 'beta',
      data: '0x2002',
      finality: 'finalized',
      account: 2,
    })
    expect(sent.version).toBe('2.0')
    const done = await stack.waitFor(sent.messageId, { timeout: 30_000 })
    expect(done.state).toBe('SUCCESS')
    expect(done.version).toBe('2.0')
    expect(done.phases.map((p) => p.state)).toEqual(['SENT', 'SOURCE_FINALIZED', 'VERIFIED', 'SUCCESS'])
  })

  it("executes by hand a message that names no executor, with the indexer's results", async () => {
    const sent = await stack.send({ from: 'beta', to: 'alpha', data: '0x01', executor: 'none', account: 3 })
    for (let i = 0; i < 100 && (await stack.status(sent.messageId)).state !== 'VERIFIED'; i++)
      await new Promise((r) => setTimeout(r, 100))
    expect((await stack.status(sent.messageId)).state).toBe('VERIFIED')
    // The history reads VERIFIED from the same indexer only when asked to (chain data alone cannot say it).
    const inHistory = async (verify: boolean) =>
      (await stack.messageHistory({ from: 'beta', verify })).find((m) => m.messageId === sent.messageId)
        ?.state
    expect(await inHistory(true)).toBe('VERIFIED')
    expect(await inHistory(false)).toBe('SOURCE_FINALIZED')
    const { status } = await stack.manualExec(sent.messageId, { account: 3 })
    expect(status.state).toBe('SUCCESS')
  })

  it('refuses a 1.6 option on a 2.0 lane before anything is sent', async () => {
    const error = await stack
      .send({ from: 'alpha', to: 'beta', data: '0x', outOfOrder: true })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' })
  })
})
