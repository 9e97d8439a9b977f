import { Contract } from 'ethers'
import { describe, expect, it } from 'vitest'
import { ccipAbi } from '../../src/chain/artifacts.js'
import { readJson } from '../../src/fs-atomic.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import { EVENT_TOPICS_V2 } from '../../src/protocol/v2/events.js'
import type { Deployment } from '../../src/stack/deployment.js'
import type { Manifest } from '../../src/stack/manifest.js'
import { sleep } from '../../src/time.js'
import { makeProvider } from '../helpers/chain.js'
import { fileStack } from '../helpers/stack.js'
import { routerSend } from '../helpers/v2.js'

/**
 * kill -9 of a whole 2.0 stack with messages in flight, then `local up`: every message whose
 * send survived (the chains restore to the last cut) is executed exactly once: the verifiers
 * re-read the sources and sign again, the aggregator and indexer rebuild their results, and the
 * executors skip what the OffRamp already executed.
 */
const stack = fileStack('v2-crash', {
  up: ['--ccip', '2.0', '--chains', '2'],
  env: { CCIPKIT_SNAPSHOT_MS: '500' },
})
const SUCCESS = 2

describe('a kill -9 of a 2.0 stack mid-flight', () => {
  it('executes every surviving message exactly once after the restart', { timeout: 180_000 }, async () => {
    const deployment = readJson<Deployment>(`${stack.home}/local/deployment.json`)!
    const contracts = (name: string) => deployment.chains.find((c) => c.name === name)!.contracts
    const lanes = [
      ['alpha', 'beta'],
      ['beta', 'alpha'],
    ] as const
    const sent: { id: string; source: string; dest: string }[] = []
    // Two senders per lane, several messages each, then the kill while the last are in flight.
    await Promise.all(
      lanes.flatMap(([source, dest], l) =>
        [0, 1].map(async (k) => {
          for (let i = 0; i < 4; i++) {
            const { messageId } = await routerSend(
              devAccount(1 + 2 * l + k),
              stack.provider(source),
              contracts(source).router,
              stack.chain(dest).selector,
              {
                receiver: devAccount(9).address,
                data: `0x0${i}`,
              },
            )
            sent.push({ id: messageId, source, dest })
          }
        }),
      ),
    )
    await sleep(700) // a cut holds most of them; some may still be unexecuted
    const manifest = readJson<Manifest>(`${stack.home}/local/manifest.json`)!
    for (const p of manifest.processes) process.kill(p.pid, 'SIGKILL')
    await sleep(300)
    const up = await stack.cli([
      'local',
      'up',
      '--detach',
      '--json',
      '--port-base',
      String(manifest.portBase),
    ])
    expect(up.code, up.stderr).toBe(0)

    const providers = Object.fromEntries(
      manifest.chains.map((c) => [c.name, makeProvider(c.rpcUrl, c.chainId)]),
    )
    try {
      // The messages whose send the restored source still has.
      const surviving: typeof sent = []
      for (const m of sent) {
        const logs = await providers[m.source]!.getLogs({
          address: contracts(m.source).v2!.onRamp,
          topics: [EVENT_TOPICS_V2.ccipMessageSent, null, null, m.id],
          fromBlock: 0,
        })
        if (logs.length > 0) surviving.push(m)
      }
      expect(surviving.length, 'the cut kept messages').toBeGreaterThan(0)
      const offRampNow = (name: string) =>
        new Contract(contracts(name).v2!.offRamp, ccipAbi('offRampV2'), providers[name])
      const pendingAtRestart = (
        await Promise.all(
          surviving.map(async (m) => Number(await offRampNow(m.dest).getFunction('getExecutionState')(m.id))),
        )
      ).filter((s) => s !== SUCCESS).length
      process.stderr.write(
        `v2-crash: ${sent.length} sent, ${surviving.length} in the cut, ${pendingAtRestart} unexecuted at the restart\n`,
      )
      const offRamp = (name: string) =>
        new Contract(contracts(name).v2!.offRamp, ccipAbi('offRampV2'), providers[name])
      const deadline = Date.now() + 60_000
      const states = async () =>
        Promise.all(
          surviving.map(async (m) => Number(await offRamp(m.dest).getFunction('getExecutionState')(m.id))),
        )
      while ((await states()).some((s) => s !== SUCCESS) && Date.now() < deadline) await sleep(250)
      expect(await states()).toEqual(surviving.map(() => SUCCESS))
      // Exactly once: one ExecutionStateChanged per message, however often the nodes restarted.
      for (const m of surviving) {
        const executions = await providers[m.dest]!.getLogs({
          address: contracts(m.dest).v2!.offRamp,
          topics: [EVENT_TOPICS_V2.executionStateChanged, null, null, m.id],
          fromBlock: 0,
        })
        expect(executions.length, `${m.source} → ${m.dest} ${m.id}`).toBe(1)
      }
    } finally {
      for (const p of Object.values(providers)) p.destroy()
    }
  })
})
