import { AbiCoder, Contract, Interface, type JsonRpcProvider, parseUnits } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ccipAbi } from '../../src/chain/artifacts.js'
import { decodeRevert, revertData } from '../../src/chain/revert.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import { encodeExtraArgs } from '../../src/protocol/hashing.js'
import type { StackStatus } from '../../src/stack/status.js'
import { makeProvider } from '../helpers/chain.js'
import { type CliRun, jsonOf, runCli } from '../helpers/cli.js'
import { fileStack } from '../helpers/stack.js'

/**
 * `ccip ratelimit show | set` against a real local stack: what it shows is what the pools' getters
 * return, what it sets is what the chain then holds, the other direction stays as it was, and every
 * refusal (bad values, no confirmation, --dry-run) leaves the owner's nonce unchanged.
 */
const harness = fileStack('ratelimit')
const home = harness.home
const cli = (...args: string[]) => harness.cli(args)
const e18 = 10n ** 18n
const owner = devAccount(0).address

interface Bucket {
  enabled: boolean
  tokens: string
  capacity: string
  rate: string
}
interface Row {
  chain: string
  token: string
  pool: string
  remote: string
  outbound: Bucket
  inbound: Bucket
}

let stack: StackStatus
const providers = new Map<string, JsonRpcProvider>()
const c = (name: string) => stack.chains.find((x) => x.name === name)!
const provider = (name: string) => providers.get(name)!
const pool = (chain: string, symbol: 'CCIP-BnM' | 'CCIP-LnM' = 'CCIP-BnM') =>
  new Contract(c(chain).contracts.tokens[symbol].pool, ccipAbi('burnMintPool'), provider(chain))
/** The bucket as the pool's own getter returns it, in the CLI's JSON shape. */
async function onChain(
  chain: string,
  remote: string,
  dir: 'outbound' | 'inbound',
  symbol?: 'CCIP-BnM' | 'CCIP-LnM',
) {
  const fn = dir === 'outbound' ? 'getCurrentOutboundRateLimiterState' : 'getCurrentInboundRateLimiterState'
  const b = await pool(chain, symbol).getFunction(fn)(BigInt(c(remote).selector))
  return {
    enabled: b.isEnabled,
    tokens: String(b.tokens),
    capacity: String(b.capacity),
    rate: String(b.rate),
  }
}
const nonce = () => provider('alpha').getTransactionCount(owner, 'latest')
const set = (...args: string[]) =>
  cli('ratelimit', 'set', '--chain', 'alpha', '--remote', 'beta', '--token', 'CCIP-BnM', ...args, '--json')
const errorOf = (run: CliRun): { code: string; message: string; hint?: string } =>
  JSON.parse(run.stderr).error

beforeAll(async () => {
  stack = harness.status
  for (const chain of stack.chains) providers.set(chain.name, makeProvider(chain.rpcUrl!, chain.chainId))
})
afterAll(async () => {
  for (const p of providers.values()) p.destroy()
})

describe('ccip ratelimit show', () => {
  it("shows every pool's buckets per remote chain, equal to the pool's getters", async () => {
    const run = await cli('ratelimit', 'show', '--json')
    expect(run.code, run.stderr).toBe(0)
    const rows = jsonOf<Row[]>(run)
    expect(rows).toHaveLength(3 * 2 * 2) // chains × tokens × remotes
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['chain', 'inbound', 'outbound', 'pool', 'remote', 'token'])
      // CAST: the local stack registers exactly these two tokens (checked against the deployment next).
      const symbol = row.token as 'CCIP-BnM' | 'CCIP-LnM'
      expect(row.pool).toBe(c(row.chain).contracts.tokens[symbol].pool)
      expect(row.outbound).toEqual(await onChain(row.chain, row.remote, 'outbound', symbol))
      expect(row.inbound).toEqual(await onChain(row.chain, row.remote, 'inbound', symbol))
    }
  })

  it('filters by --chain and --token (symbols match case-insensitively); an unknown token is exit 3', async () => {
    const run = await cli('ratelimit', 'show', '--chain', 'gamma', '--token', 'ccip-lnm', '--json')
    expect(run.code, run.stderr).toBe(0)
    const rows = jsonOf<Row[]>(run)
    expect(rows.map((r) => [r.chain, r.token, r.remote])).toEqual([
      ['gamma', 'CCIP-LnM', 'alpha'],
      ['gamma', 'CCIP-LnM', 'beta'],
    ])
    const unknown = await cli('ratelimit', 'show', '--chain', 'alpha', '--token', 'NOPE', '--json')
    expect(unknown.code).toBe(3)
    expect(errorOf(unknown).code).toBe('TOKEN_NOT_FOUND')
  })
})

describe('ccip ratelimit set', () => {
  it('changes the outbound limit on chain, keeps the inbound one, and prints the state read back', async () => {
    const inboundBefore = await onChain('alpha', 'beta', 'inbound')
    const run = await set('--outbound', '--capacity', '500', '--rate', '2.5', '--yes')
    expect(run.code, run.stderr).toBe(0)
    const out = jsonOf<Row & { txHash: string }>(run)
    const outbound = await onChain('alpha', 'beta', 'outbound')
    expect(outbound).toEqual({
      enabled: true,
      tokens: String(500n * e18),
      capacity: String(500n * e18),
      rate: String(25n * 10n ** 17n),
    })
    expect(await onChain('alpha', 'beta', 'inbound')).toEqual(inboundBefore)
    expect(out).toMatchObject({
      chain: 'alpha',
      token: 'CCIP-BnM',
      remote: 'beta',
      outbound,
      inbound: inboundBefore,
    })
    const receipt = await provider('alpha').getTransactionReceipt(out.txHash)
    expect(receipt?.status).toBe(1)
    expect(receipt?.to).toBe(c('alpha').contracts.tokens['CCIP-BnM'].pool)
  })

  it('accepts rate = capacity, the edge TokenPool 1.6.1 allows (v1.6.0 required rate < capacity)', async () => {
    const run = await set('--outbound', '--capacity', '7', '--rate', '7', '--yes')
    expect(run.code, run.stderr).toBe(0)
    expect(await onChain('alpha', 'beta', 'outbound')).toMatchObject({
      capacity: String(7n * e18),
      rate: String(7n * e18),
    })
  })

  it('--dry-run prints target, function and calldata and sends nothing', async () => {
    const [n0, before] = [await nonce(), await onChain('alpha', 'beta', 'outbound')]
    const run = await set('--outbound', '--capacity', '1', '--rate', '1', '--dry-run')
    expect(run.code, run.stderr).toBe(0)
    const plan = jsonOf<{ dryRun: boolean; target: string; function: string; calldata: string }>(run)
    expect(plan.dryRun).toBe(true)
    expect(plan.target).toBe(c('alpha').contracts.tokens['CCIP-BnM'].pool)
    expect(plan.function).toBe(
      'setChainRateLimiterConfig(uint64,(bool,uint128,uint128),(bool,uint128,uint128))',
    )
    const args = new Interface(ccipAbi('burnMintPool')).decodeFunctionData(
      'setChainRateLimiterConfig',
      plan.calldata,
    )
    const inbound = await onChain('alpha', 'beta', 'inbound')
    expect(args[0]).toBe(BigInt(c('beta').selector))
    expect([...args[1]]).toEqual([true, e18, e18])
    expect([...args[2]]).toEqual([inbound.enabled, BigInt(inbound.capacity), BigInt(inbound.rate)])
    expect(await nonce()).toBe(n0)
    expect(await onChain('alpha', 'beta', 'outbound')).toMatchObject({
      capacity: before.capacity,
      rate: before.rate,
    })
  })

  it('refuses rate > capacity with exit 2 and the rule in the hint, before sending anything', async () => {
    const n0 = await nonce()
    const run = await set('--outbound', '--capacity', '10', '--rate', '10.5', '--yes')
    expect(run.code).toBe(2)
    expect(errorOf(run).hint).toContain('rate ≤ capacity')
    expect(await nonce()).toBe(n0)
  })

  it('refuses without a terminal and without --yes (exit 2), sending nothing', async () => {
    const n0 = await nonce()
    const run = await set('--inbound', '--capacity', '10', '--rate', '1')
    expect(run.code).toBe(2)
    expect(errorOf(run)).toMatchObject({ code: 'CONFIRMATION_REQUIRED' })
    expect(errorOf(run).hint).toContain('--yes')
    expect(await nonce()).toBe(n0)
  })

  it('--disable sets (false, 0, 0) and keeps the other direction', async () => {
    const outboundBefore = await onChain('alpha', 'beta', 'outbound')
    const run = await set('--inbound', '--disable', '--yes')
    expect(run.code, run.stderr).toBe(0)
    expect(await onChain('alpha', 'beta', 'inbound')).toEqual({
      enabled: false,
      tokens: '0',
      capacity: '0',
      rate: '0',
    })
    expect(await onChain('alpha', 'beta', 'outbound')).toMatchObject({
      enabled: true,
      capacity: outboundBefore.capacity,
      rate: outboundBefore.rate,
    })
  })

  it('decodes Unauthorized when signed by a key that is neither owner nor rate-limit admin', async () => {
    const stranger = devAccount(5)
    const run = await runCli(
      [
        'ratelimit',
        'set',
        '--chain',
        'alpha',
        '--remote',
        'gamma',
        '--token',
        'CCIP-BnM',
        '--outbound',
        '--capacity',
        '1',
        '--rate',
        '1',
        '--yes',
        '--json',
      ],
      { home, env: { CCIPKIT_PRIVATE_KEY: stranger.privateKey } },
    )
    expect(run.code).toBe(1)
    expect(errorOf(run).message).toContain('Unauthorized')
    expect(errorOf(run).hint).toContain(owner)
  })

  it('a tightened outbound limit makes a Router ccipSend of CCIP-BnM revert with TokenMaxCapacityExceeded', async () => {
    const run = await cli(
      'ratelimit',
      'set',
      '--chain',
      'alpha',
      '--remote',
      'gamma',
      '--token',
      'CCIP-BnM',
      '--outbound',
      '--capacity',
      '1',
      '--rate',
      '0.1',
      '--yes',
      '--json',
    )
    expect(run.code, run.stderr).toBe(0)
    const sender = devAccount(3).connect(provider('alpha'))
    const token = c('alpha').contracts.tokens['CCIP-BnM'].token
    const router = new Contract(c('alpha').contracts.router, ccipAbi('router'), sender)
    const amount = parseUnits('2', 18)
    const message = {
      receiver: AbiCoder.defaultAbiCoder().encode(['address'], [sender.address]),
      data: '0x',
      tokenAmounts: [{ token, amount }],
      feeToken: '0x0000000000000000000000000000000000000000',
      extraArgs: encodeExtraArgs({ gasLimit: 0n, allowOutOfOrderExecution: false }),
    }
    const approve = await new Contract(
      token,
      ['function approve(address,uint256) returns (bool)'],
      sender,
    ).getFunction('approve')(c('alpha').contracts.router, amount)
    await approve.wait()
    const dest = BigInt(c('gamma').selector)
    const fee: bigint = await router.getFunction('getFee')(dest, message)
    const error = await router
      .getFunction('ccipSend')
      .staticCall(dest, message, { value: fee })
      .then(
        () => undefined,
        (e: unknown) => e,
      )
    const decoded = decodeRevert(revertData(error))
    expect(decoded?.name).toBe('TokenMaxCapacityExceeded')
    expect(decoded?.args).toMatchObject({ capacity: e18, requested: amount })
  })
})
