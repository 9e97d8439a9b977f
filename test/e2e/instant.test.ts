import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rpcCall } from '../../src/chain/rpc.js'
import type { StackStatus } from '../../src/stack/status.js'
import { sleep } from '../../src/time.js'
import { jsonOf, runCli, tempHome } from '../helpers/cli.js'

/**
 * `ccip local up --instant`: blocks come when there is work, not on a timer. A message goes
 * through every phase (finality, commit with the RMN's blessing, execution) in a fraction of
 * what 0.2 s blocks take, and an idle chain mines one block a second.
 */
const PORT_BASE = 31995
const { home, cleanup } = tempHome('instant')
const cli = (...args: string[]) => runCli(args, { home })
let status: StackStatus

beforeAll(async () => {
  const up = await cli(
    'local',
    'up',
    '--detach',
    '--instant',
    '--chains',
    '2',
    '--json',
    '--port-base',
    String(PORT_BASE),
  )
  expect(up.code, up.stderr).toBe(0)
  status = jsonOf<StackStatus>(up)
})
afterAll(async () => {
  await cli('local', 'reset')
  cleanup()
})

describe('instant mining', () => {
  it('is what the stack reports, and --block-time cannot go with it', async () => {
    expect(status.mining).toEqual({ kind: 'instant' })
    const both = await runCli(['local', 'up', '--instant', '--block-time', '1'], { home })
    expect(both.code).toBe(2)
    expect(both.stderr).toMatch(/--instant.*cannot be used with.*--block-time/)
  })

  it('takes a message through every phase to SUCCESS, each phase its own block', async () => {
    const t0 = Date.now()
    const sent = await cli('send', '--from', 'alpha', '--to', 'beta', '--data', 'hi', '--wait', '--json')
    expect(sent.code, sent.stderr).toBe(0)
    const { messageId, state } = jsonOf<{ messageId: string; state: string }>(sent)
    expect(state).toBe('SUCCESS')
    process.stderr.write(`instant: send --wait took ${Date.now() - t0} ms (CLI start included)\n`)
    const shown = jsonOf<{ phases: { state: string; blockNumber: number }[] }>(
      await cli('status', messageId, '--json'),
    )
    expect(shown.phases.map((p) => p.state)).toEqual([
      'SENT',
      'SOURCE_FINALIZED',
      'COMMITTED',
      'BLESSED',
      'SUCCESS',
    ])
    // Finality: the block after the send's (finality depth 1), mined for it, not by a timer.
    expect(shown.phases[1]!.blockNumber).toBe(shown.phases[0]!.blockNumber + 1)
  })

  it('mines an idle chain once a second, not every 0.2 s', async () => {
    const url = status.chains[0]!.rpcUrl!
    const height = () => rpcCall<string>(url, 'eth_blockNumber', []).then(Number)
    await sleep(1_500) // past the message's blocks
    const before = await height()
    await sleep(3_000)
    const mined = (await height()) - before
    expect(mined).toBeGreaterThanOrEqual(2)
    expect(mined).toBeLessThanOrEqual(4)
  })
})
