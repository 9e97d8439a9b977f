import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type LocalStack, type SentMessage, startLocalStack } from 'ccipkit'
import { type Contract, ContractFactory, JsonRpcProvider, Wallet } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ccipArtifact } from '../../src/chain/artifacts.js'
import { packageRoot } from '../../src/package-root.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import { jsonOf, runCli } from '../helpers/cli.js'

/**
 * `ccip stats` and the message history behind it, on a mixed stack (alpha → gamma runs 1.6,
 * alpha → beta 2.0): counts, volume and fees agree with what the test sent, each message's state
 * with `status` (a separate reader), latency has a sample per executed message, failures carry the
 * receivers' reasons, and the history stays right across new blocks and a revert.
 */
let stack: LocalStack
const sent: SentMessage[] = []
const BNM = 10n ** 16n

async function reverting(chain: 'beta' | 'gamma', v2: boolean): Promise<string> {
  const c = stack.chain(chain)
  const provider = new JsonRpcProvider(c.rpcUrl, c.chainId, { staticNetwork: true })
  try {
    const signer = new Wallet(devAccount(7).privateKey, provider)
    const artifact = v2
      ? ccipArtifact('revertReceiverV2')
      : // CAST: a committed solc artifact (test/contracts/compile.ts writes them).
        (JSON.parse(
          readFileSync(join(packageRoot(), 'fixtures/contracts/artifacts/RevertingReceiver.json'), 'utf8'),
        ) as { abi: []; bytecode: string })
    const args = v2 ? [true] : [c.contracts.router, true]
    const receiver = (await new ContractFactory(artifact.abi, artifact.bytecode, signer).deploy(
      ...args,
    )) as Contract
    await receiver.waitForDeployment()
    return await receiver.getAddress()
  } finally {
    provider.destroy()
  }
}

beforeAll(async () => {
  stack = await startLocalStack({ chains: 3, ccip: 'mixed', mining: 'instant' })
  const [onGamma, onBeta] = await Promise.all([reverting('gamma', false), reverting('beta', true)])
  const send = async (to: 'beta' | 'gamma', extra: object) =>
    sent.push(await stack.send({ from: 'alpha', to, account: 2, ...extra }))
  await send('gamma', { data: '0x01' })
  await send('gamma', { data: '0x02', feeToken: 'LINK' })
  await send('gamma', { tokens: [{ token: 'CCIP-BnM', amount: BNM }], feeToken: 'LINK' })
  await send('gamma', { receiver: onGamma, data: '0xdead' })
  await send('beta', { data: '0x03' })
  await send('beta', { tokens: [{ token: 'CCIP-BnM', amount: BNM }], feeToken: 'LINK' })
  await send('beta', { receiver: onBeta, data: '0xdead' })
  await Promise.all(sent.map((s) => stack.waitFor(s.messageId, { timeout: 60_000 })))
}, 240_000)
afterAll(async () => {
  await stack?.stop()
})

describe('ccip stats', () => {
  it('counts each lane and the total as sent, with the outcomes status reports', async () => {
    const stats = await stack.stats()
    const lane = (dest: string) => stats.lanes.find((l) => l.source === 'alpha' && l.dest === dest)
    expect(lane('gamma')).toMatchObject({ version: '1.6', messages: 4, success: 3, failure: 1, inFlight: 0 })
    expect(lane('beta')).toMatchObject({ version: '2.0', messages: 3, success: 2, failure: 1, inFlight: 0 })
    expect(stats.total).toMatchObject({ messages: 7, success: 5, failure: 2, inFlight: 0 })
    const history = await stack.messageHistory()
    expect(history.map((m) => m.messageId).sort()).toEqual(sent.map((s) => s.messageId).sort())
    for (const m of history) expect(m.state).toBe((await stack.status(m.messageId)).state)
  })

  it('sums token volume and fees per token to what the sends paid, with USD at the FeeQuoter price', async () => {
    const { total } = await stack.stats({ from: 'alpha' })
    expect(total.tokens).toEqual([
      expect.objectContaining({ chain: 'alpha', symbol: 'CCIP-BnM', transfers: 2, amount: 2n * BNM }),
    ])
    const paid = (native: boolean) =>
      sent.filter((s) => (s.fee.token === 'native') === native).reduce((sum, s) => sum + s.fee.amount, 0n)
    const fee = (kind: string) => total.fees.find((f) => f.kind === kind)
    expect(fee('native')?.amount).toBe(paid(true))
    expect(fee('LINK')?.amount).toBe(paid(false))
    // The stack prices LINK at $20 and WETH at $3,000 (FeeQuoter.updatePrices at deploy).
    expect(fee('LINK')?.usd).toBeCloseTo(Number(paid(false)) * 20e-18, 2)
    expect(fee('native')?.usd).toBeCloseTo(Number(paid(true)) * 3000e-18, 2)
  })

  it('has a latency sample per executed message and the receivers’ reasons among the failures', async () => {
    const { total, lanes, latencyHistogram } = await stack.stats()
    expect(total.latency.sentToExecuted?.count).toBe(7)
    expect(lanes.find((l) => l.version === '1.6')?.latency.sentToCommitted?.count).toBe(4)
    expect(lanes.find((l) => l.version === '2.0')?.latency.sentToCommitted).toBeNull()
    expect(latencyHistogram.reduce((n, b) => n + b.count, 0)).toBe(7)
    expect(total.failures.reduce((n, f) => n + f.count, 0)).toBe(2)
    for (const f of total.failures) expect(f.reason).toMatch(/receiver reverted/)
    const gammaFailure = (await stack.messageHistory({ to: 'gamma', state: 'FAILURE' }))[0]
    expect(gammaFailure?.failureReason).toBe((await stack.status(gammaFailure!.messageId)).failure?.reason)
  })

  it('reports what the pools hold: locked by lock/release, supply of burn/mint', async () => {
    const { holdings } = await stack.stats()
    const alphaLnm = holdings.find((h) => h.chain === 'alpha' && h.symbol === 'CCIP-LnM')
    expect(alphaLnm?.kind).toBe('lock-release')
    expect(alphaLnm!.amount).toBeGreaterThan(0n)
    const betaBnm = holdings.find((h) => h.chain === 'beta' && h.symbol === 'CCIP-BnM')
    expect(betaBnm?.kind).toBe('burn-mint')
  })

  it('follows new messages and a revert of the chains, and filters by window', async () => {
    const before = (await stack.stats()).total.messages
    const snapshot = await stack.snapshot()
    const extra = await stack.send({ from: 'gamma', to: 'alpha', data: '0x04', account: 3 })
    await stack.waitFor(extra.messageId)
    expect((await stack.stats()).total.messages).toBe(before + 1)
    await stack.revert(snapshot)
    expect((await stack.stats()).total.messages).toBe(before)
    const future = Math.floor(Date.now() / 1000) + 3600
    expect((await stack.stats({ since: future })).total.messages).toBe(0)
    expect((await stack.stats({ from: 'gamma' })).lanes).toEqual([])
  })

  it('prints the JSON contract, and refuses bad input with exit 2', async () => {
    const run = await runCli(['stats', '--json'], { home: stack.home })
    const json = jsonOf<{ lanes: Record<string, unknown>[]; total: Record<string, unknown> }>(run)
    expect(Object.keys(json.lanes[0]!)).toEqual(
      expect.arrayContaining([
        'source',
        'dest',
        'version',
        'messages',
        'success',
        'failure',
        'inFlight',
        'tokens',
        'fees',
        'latency',
      ]),
    )
    expect(json.total.messages).toBe(7)
    expect(typeof (json.total.tokens as { amount: unknown }[])[0]?.amount).toBe('string')
    const text = await runCli(['stats'], { home: stack.home })
    expect(text.stdout).toMatch(/alpha → gamma\s+1\.6\s+4\s+3\s+1\s+0/)
    for (const [args, pattern] of [
      [['stats', '--since', 'yesterday'], /--since.*duration/],
      [['stats', '--since', '1h', '--until', '2h'], /--since is after --until/],
    ] as const) {
      const bad = await runCli([...args], { home: stack.home })
      expect(bad.code, bad.stderr).toBe(2)
      expect(bad.stderr).toMatch(pattern)
    }
    const unknown = await runCli(['stats', '--from', 'nowhere'], { home: stack.home })
    expect([unknown.code, unknown.stderr]).toEqual([
      3,
      expect.stringMatching(/No chain profile named 'nowhere'/),
    ])
  })
})
