import { join } from 'node:path'
import { Contract, type JsonRpcProvider, parseUnits } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fromEthersLog } from '../../src/chain/chain.js'
import { readJson } from '../../src/fs-atomic.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import { EVENT_TOPICS } from '../../src/protocol/event-words.js'
import { decodeMessageSent } from '../../src/protocol/events.js'
import { messageId } from '../../src/protocol/hashing.js'
import type { Manifest } from '../../src/stack/manifest.js'
import { stackPaths } from '../../src/stack/paths.js'
import { readCut } from '../../src/stack/state-cut.js'
import type { StackStatus } from '../../src/stack/status.js'
import { makeProvider } from '../helpers/chain.js'
import { jsonOf, runCli, stackLogTail, tempHome } from '../helpers/cli.js'
import { sendRaw, type TestSend, waitExecuted } from '../helpers/send.js'

/**
 * The message lifecycle through the real nodes: the commit DON, the RMN blessing checked by
 * RMNRemote on chain, and the execution DON. Messages go straight through the Router here so this
 * file tests the nodes, not `ccip send`.
 */
const PORT_BASE = 23545
const SUCCESS = 2
const { home, cleanup } = tempHome('don')
const cli = (...args: string[]) => runCli(args, { home, env: { CCIPKIT_SNAPSHOT_MS: '300' } })
const erc20 = [
  'function balanceOf(address) view returns (uint256)',
  'function totalSupply() view returns (uint256)',
]
let stack: StackStatus
const providers: JsonRpcProvider[] = []
const chain = (name: string) => {
  const c = stack.chains.find((x) => x.name === name)!
  const provider = makeProvider(c.rpcUrl!, c.chainId)
  providers.push(provider)
  return { ...c, provider, selector: BigInt(c.selector) }
}
/** For a failed assertion: which messages never executed, and what the nodes were saying. */
const missingWhy = (ids: string[], states: Map<string, number[]>): string => {
  const missing = ids.filter((id) => !states.has(id))
  return missing.length === 0
    ? ''
    : `${missing.length} of ${ids.length} never executed; nodes.log:\n${stackLogTail(home, 'nodes')}`
}
const balance = (token: string, who: string, p: JsonRpcProvider): Promise<bigint> =>
  new Contract(token, erc20, p).getFunction('balanceOf')(who)

beforeAll(async () => {
  const up = await cli('local', 'up', '--detach', '--json', '--port-base', String(PORT_BASE))
  expect(up.code, up.stderr).toBe(0)
  stack = jsonOf<StackStatus>(up)
})
afterAll(async () => {
  for (const p of providers) p.destroy()
  await cli('local', 'reset')
  cleanup()
})

describe('the DONs and the RMN move messages end to end', () => {
  it('delivers data, and CCIP-BnM burn/mint both ways, with native and LINK fees', async () => {
    const [alpha, beta] = [chain('alpha'), chain('beta')]
    const sender = devAccount(4)
    const receiver = devAccount(8).address
    const bnmA = alpha.contracts.tokens['CCIP-BnM'].token
    const bnmB = beta.contracts.tokens['CCIP-BnM'].token
    const amount = parseUnits('1.5', 18)
    const before = {
      beta: await balance(bnmB, receiver, beta.provider),
      alpha: await balance(bnmA, receiver, alpha.provider),
    }
    const toBeta = await sendRaw(sender, alpha.provider, [
      { router: alpha.contracts.router, destSelector: beta.selector, receiver },
      {
        router: alpha.contracts.router,
        destSelector: beta.selector,
        receiver,
        token: { address: bnmA, amount },
        feeToken: alpha.contracts.link,
      },
    ])
    const toAlpha = await sendRaw(sender, beta.provider, [
      {
        router: beta.contracts.router,
        destSelector: alpha.selector,
        receiver,
        token: { address: bnmB, amount },
        outOfOrder: true,
      },
    ])
    const atBeta = await waitExecuted(beta.provider, beta.contracts.offRamp!, toBeta)
    const atAlpha = await waitExecuted(alpha.provider, alpha.contracts.offRamp!, toAlpha)
    for (const id of toBeta) expect(atBeta.get(id)).toEqual([SUCCESS])
    for (const id of toAlpha) expect(atAlpha.get(id)).toEqual([SUCCESS])
    expect(await balance(bnmB, receiver, beta.provider)).toBe(before.beta + amount)
    expect(await balance(bnmA, receiver, alpha.provider)).toBe(before.alpha + amount)
  })

  it('CCIP-LnM locks on alpha and releases back from the pool', async () => {
    const [alpha, gamma] = [chain('alpha'), chain('gamma')]
    const sender = devAccount(5)
    const lnmA = alpha.contracts.tokens['CCIP-LnM']
    const lnmG = gamma.contracts.tokens['CCIP-LnM']
    const amount = parseUnits('7', 18)
    const pool0 = await balance(lnmA.token, lnmA.pool, alpha.provider)
    const out = await sendRaw(sender, alpha.provider, [
      {
        router: alpha.contracts.router,
        destSelector: gamma.selector,
        receiver: sender.address,
        token: { address: lnmA.token, amount },
      },
    ])
    expect(await balance(lnmA.token, lnmA.pool, alpha.provider)).toBe(pool0 + amount)
    expect((await waitExecuted(gamma.provider, gamma.contracts.offRamp!, out)).get(out[0]!)).toEqual([
      SUCCESS,
    ])
    const back = await sendRaw(sender, gamma.provider, [
      {
        router: gamma.contracts.router,
        destSelector: alpha.selector,
        receiver: sender.address,
        token: { address: lnmG.token, amount },
      },
    ])
    expect((await waitExecuted(alpha.provider, alpha.contracts.offRamp!, back)).get(back[0]!)).toEqual([
      SUCCESS,
    ])
    expect(await balance(lnmA.token, lnmA.pool, alpha.provider)).toBe(pool0)
  })

  it('a burst of 100 messages over all six lanes: all SUCCESS, exactly once, token supply conserved', async () => {
    const names = ['alpha', 'beta', 'gamma']
    const chains = names.map(chain)
    const supply = async () => {
      let total = 0n
      for (const c of chains)
        total += await new Contract(c.contracts.tokens['CCIP-BnM'].token, erc20, c.provider).getFunction(
          'totalSupply',
        )()
      return total
    }
    const supplyBefore = await supply()
    const perSource = new Map<string, { sends: TestSend[]; dest: (typeof chains)[number] }[]>()
    let k = 0
    for (const source of chains) {
      for (const dest of chains.filter((d) => d !== source)) {
        const sends: TestSend[] = []
        for (let i = 0; i < (k < 4 ? 17 : 16); i++) {
          sends.push({
            router: source.contracts.router,
            destSelector: dest.selector,
            receiver: devAccount(9).address,
            outOfOrder: i % 2 === 0,
            ...(i % 5 === 0
              ? { token: { address: source.contracts.tokens['CCIP-BnM'].token, amount: 10n ** 16n } }
              : {}),
          })
        }
        k += 1
        perSource.set(`${source.name}>${dest.name}`, [{ sends, dest }])
      }
    }
    const lanes = [...perSource.entries()]
    expect(lanes.flatMap(([, v]) => v[0]!.sends).length).toBe(100)
    const results = await Promise.all(
      lanes.map(async ([key, [lane]], i) => {
        const source = chains.find((c) => c.name === key.split('>')[0])!
        const ids = await sendRaw(devAccount(1 + (i % 3)), source.provider, lane!.sends)
        return { ids, dest: lane!.dest }
      }),
    )
    for (const { ids, dest } of results) {
      const states = await waitExecuted(dest.provider, dest.contracts.offRamp!, ids, 90_000)
      for (const id of ids) expect(states.get(id), id).toEqual([SUCCESS])
    }
    expect(await supply()).toBe(supplyBefore)
    // Every messageId the OnRamps assigned equals our own hashing of the emitted message.
    for (const c of chains) {
      const logs = await c.provider.getLogs({
        address: c.contracts.onRamp!,
        topics: [EVENT_TOPICS.ccipMessageSent],
        fromBlock: 0,
      })
      for (const log of logs) {
        const sent = decodeMessageSent(fromEthersLog(log))
        expect(messageId(sent.message, sent.onRamp)).toBe(sent.message.header.messageId)
      }
      expect(logs.length).toBeGreaterThanOrEqual(33)
    }
  })

  it('kill -9 of the node process mid-flight: after restart every message completes exactly once', async () => {
    const [beta, gamma] = [chain('beta'), chain('gamma')]
    const ids = await sendRaw(
      devAccount(6),
      beta.provider,
      Array.from({ length: 20 }, () => ({
        router: beta.contracts.router,
        destSelector: gamma.selector,
        receiver: devAccount(6).address,
        outOfOrder: true,
      })),
    )
    const nodes = readJson<Manifest>(join(home, 'local', 'manifest.json'))!.processes.find(
      (p) => p.role === 'nodes',
    )!
    process.kill(nodes.pid, 'SIGKILL')
    const restarted = await cli('local', 'up', '--detach', '--json', '--port-base', String(PORT_BASE))
    expect(restarted.code, restarted.stderr).toBe(0)
    expect(jsonOf<{ recoveredStale: boolean }>(restarted).recoveredStale).toBe(true)
    for (const p of providers.splice(0)) p.destroy()
    const g = chain('gamma')
    const states = await waitExecuted(g.provider, g.contracts.offRamp!, ids)
    const why = missingWhy(ids, states)
    for (const id of ids) expect(states.get(id), why).toEqual([SUCCESS])
  })

  it('kill -9 of the whole stack mid-flight: after restart every message completes exactly once', async () => {
    const [gamma, alpha] = [chain('gamma'), chain('alpha')]
    const ids = await sendRaw(
      devAccount(7),
      gamma.provider,
      Array.from({ length: 20 }, (_, i) => ({
        router: gamma.contracts.router,
        destSelector: alpha.selector,
        receiver: devAccount(7).address,
        outOfOrder: i % 2 === 1,
      })),
    )
    // Chains resume from their last cut: wait until one holds the block of the last send.
    const sentBlock = await gamma.provider.getBlockNumber()
    const paths = stackPaths(home)
    while ((readCut(paths)?.heads.gamma ?? 0) < sentBlock) await new Promise((r) => setTimeout(r, 50))
    for (const p of readJson<Manifest>(join(home, 'local', 'manifest.json'))!.processes)
      process.kill(p.pid, 'SIGKILL')
    const restarted = await cli('local', 'up', '--detach', '--json', '--port-base', String(PORT_BASE))
    expect(restarted.code, restarted.stderr).toBe(0)
    for (const p of providers.splice(0)) p.destroy()
    const a = chain('alpha')
    const states = await waitExecuted(a.provider, a.contracts.offRamp!, ids)
    const why = missingWhy(ids, states)
    for (const id of ids) expect(states.get(id), why).toEqual([SUCCESS])
  })
})
