import { renameSync, rmSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rpcCall } from '../../src/chain/rpc.js'
import { stackPaths } from '../../src/stack/paths.js'
import type { StackStatus } from '../../src/stack/status.js'
import { sleep } from '../../src/time.js'
import type { StatusJson } from '../../src/ui/status.js'
import { jsonOf, runCli, tempHome } from '../helpers/cli.js'

/**
 * The stack's chains keep the transactions of their last CCIPKIT_KEEP_BLOCKS blocks only (here 20,
 * 4 s); older logs live in the log archive. Everything that reads history must not notice:
 * status, messages list, lanes list, the curse record of rmn status, the nodes after a restart.
 * And an archive that cannot be written stops the chains instead of letting anvil drop logs.
 */
const PORT_BASE = 31945
const { home, cleanup } = tempHome('log-archive')
const cli = (...args: string[]) => runCli(args, { home, env: { CCIPKIT_KEEP_BLOCKS: '20' } })
const up = () => cli('local', 'up', '--detach', '--json', '--port-base', String(PORT_BASE))
let stack: StackStatus
const rpcOf = (name: string) => stack.chains.find((c) => c.name === name)!.rpcUrl!
const head = async (name: string) => Number(await rpcCall<string>(rpcOf(name), 'eth_blockNumber', []))

beforeAll(async () => {
  const started = await up()
  expect(started.code, started.stderr).toBe(0)
  stack = jsonOf<StackStatus>(started)
})

afterAll(async () => {
  await cli('local', 'reset')
  cleanup()
})

/** Until anvil no longer has the transaction: its receipt and logs are gone from the node. */
async function untilDropped(chain: string, txHash: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await rpcCall(rpcOf(chain), 'eth_getTransactionReceipt', [txHash])) === null) return
    await sleep(100)
  }
  throw new Error(`${txHash} still on ${chain}`)
}

describe('history older than what anvil keeps', () => {
  let id: string
  let sendTx: string
  let seen: StatusJson

  it('is read from the archive by status, messages list, lanes list and rmn status', async () => {
    const sent = await cli(
      'send',
      '--from',
      'alpha',
      '--to',
      'beta',
      '--data',
      '0xc0ffee',
      '--wait',
      '--json',
    )
    expect(sent.code, sent.stderr).toBe(0)
    ;({ messageId: id, txHash: sendTx } = jsonOf<{ messageId: string; txHash: string }>(sent))
    const curse = await cli(
      'rmn',
      'curse',
      '--chain',
      'gamma',
      '--on',
      'beta',
      '--yes',
      '--reason',
      'old news',
    )
    expect(curse.code, curse.stderr).toBe(0)
    const status = jsonOf<StatusJson>(await cli('status', id, '--json'))
    const execTx = status.phases.at(-1)!.txHash!
    await untilDropped('alpha', sendTx)
    await untilDropped('beta', execTx)

    const later = jsonOf<StatusJson>(await cli('status', id, '--json'))
    expect(later).toEqual(status)
    seen = later
    expect(later.state).toBe('SUCCESS')
    expect(later.data).toBe('0xc0ffee')
    const listed = jsonOf<{ messageId: string; state: string }[]>(await cli('messages', 'list', '--json'))
    expect(listed.find((m) => m.messageId === id)?.state).toBe('SUCCESS')
    const lanes = jsonOf<{ source: string; dest: string; inFlight: string | null }[]>(
      await cli('lanes', 'list', '--json'),
    )
    expect(lanes.find((l) => l.source === 'alpha' && l.dest === 'beta')?.inFlight).toBe('0')
    const rmn = jsonOf<{ chain: string; cursed: { label: string; by: string; reason: string | null }[] }[]>(
      await cli('rmn', 'status', '--json'),
    )
    expect(rmn.find((c) => c.chain === 'beta')?.cursed).toMatchObject([
      { label: 'gamma', by: 'operator', reason: 'old news' },
    ])
    expect((await cli('rmn', 'uncurse', '--chain', 'gamma', '--on', 'beta', '--yes')).code).toBe(0)
  })

  it('survives a restart: the archive is cut back to the saved state and the nodes read it', async () => {
    expect((await cli('local', 'down')).code).toBe(0)
    const restarted = await up()
    expect(restarted.code, restarted.stderr).toBe(0)
    stack = jsonOf<StackStatus>(restarted)
    // The saved chains hold only their recent headers (slim-dump.ts): the old blocks' times, the
    // finality block's among them, come from the archive, and the status reads as before.
    for (const phase of seen.phases) {
      const chain = phase.state === 'SENT' || phase.state === 'SOURCE_FINALIZED' ? 'alpha' : 'beta'
      const header = await rpcCall(rpcOf(chain), 'eth_getBlockByNumber', [
        `0x${phase.blockNumber!.toString(16)}`,
        false,
      ])
      expect(header, `${phase.state}: block ${phase.blockNumber} still on ${chain}`).toBeNull()
    }
    expect(jsonOf<StatusJson>(await cli('status', id, '--json'))).toEqual(seen)
    const listed = jsonOf<{ messageId: string; state: string }[]>(await cli('messages', 'list', '--json'))
    expect(listed.find((m) => m.messageId === id)?.state).toBe('SUCCESS')
    const next = await cli('send', '--from', 'alpha', '--to', 'beta', '--data', '0x02', '--wait', '--json')
    expect(next.code, next.stderr).toBe(0)
    expect(jsonOf<{ state: string }>(next).state).toBe('SUCCESS')
  })

  it('stops a chain rather than let anvil drop logs the archive could not take', async () => {
    const { archiveDir } = stackPaths(home)
    renameSync(archiveDir, `${archiveDir}.away`)
    writeFileSync(archiveDir, 'not a directory')
    let stalled: number | undefined
    try {
      const from = await head('alpha')
      // 20 blocks kept, archived at depth 16: within a few blocks the miner must stop.
      await sleep(3_000)
      stalled = await head('alpha')
      await sleep(1_000)
      expect(await head('alpha'), 'alpha stopped mining').toBe(stalled)
      expect(stalled - from).toBeLessThan(20)
      const status = jsonOf<{ nodes: { degraded: string | null } }>(await cli('local', 'status', '--json'))
      expect(status.nodes.degraded).toMatch(/chain logs not archived: .*ENOTDIR/)
    } finally {
      rmSync(archiveDir, { force: true })
      renameSync(`${archiveDir}.away`, archiveDir)
    }
    for (let i = 0; i < 50 && (await head('alpha')) <= stalled! + 5; i++) await sleep(100)
    expect(await head('alpha'), 'mining resumed').toBeGreaterThan(stalled! + 5)
    // Nothing was lost meanwhile: the old message is still whole.
    expect(jsonOf<StatusJson>(await cli('status', id, '--json')).state).toBe('SUCCESS')
  })
})
