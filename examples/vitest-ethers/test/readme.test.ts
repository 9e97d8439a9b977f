import { type LocalStack, startLocalStack } from 'ccipkit'
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest'

let stack: LocalStack
let snapshot: string

// A stack of its own for this file: free ports, a temporary home, blocks when there is work.
beforeAll(async () => {
  stack = await startLocalStack({ mining: 'instant' })
})
afterAll(() => stack.stop())

// Each test from the same state: every chain, and the nodes, back in ~30 ms.
beforeEach(async () => {
  snapshot = await stack.snapshot()
})
afterEach(() => stack.revert(snapshot))

it('delivers data and two tokens', async () => {
  const sent = await stack.send({
    from: 'alpha',
    to: 'beta',
    data: '0x01',
    tokens: [
      { token: 'CCIP-BnM', amount: 10n ** 18n },
      { token: 'CCIP-LnM', amount: 5n * 10n ** 17n },
    ],
    account: 1, // dev account 1 signs (and, without `receiver`, receives)
  })
  // The final status; rejects with TIMEOUT naming the phase it is stuck in.
  const final = await stack.waitFor(sent.messageId)
  expect(final.state).toBe('SUCCESS')
})
