import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Contract, ContractFactory, Interface, type JsonRpcProvider, parseUnits, ZeroAddress } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ccipAbi } from '../../src/chain/artifacts.js'
import { fromEthersLog } from '../../src/chain/chain.js'
import { decodeRevert } from '../../src/chain/revert.js'
import { buildMessage } from '../../src/messages/message-args.js'
import { findAllowanceKey, simulateBundle } from '../../src/messages/simulate.js'
import { packageRoot } from '../../src/package-root.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import { EVENT_TOPICS } from '../../src/protocol/event-words.js'
import { decodeMessageSent } from '../../src/protocol/events.js'
import { decodeExtraArgs } from '../../src/protocol/hashing.js'
import type { StackStatus } from '../../src/stack/status.js'
import { makeProvider } from '../helpers/chain.js'
import { type CliRun, jsonOf } from '../helpers/cli.js'
import { fileStack } from '../helpers/stack.js'

/**
 * `ccip send` and `ccip fee` against a real local stack: what a send guarantees on the source
 * chain (fees paid, tokens burned or locked, exact approvals, the event matching the output),
 * and that every validation failure leaves the chain untouched (the sender's nonce unchanged).
 */
const harness = fileStack('send')
const cli = (args: string[], env?: NodeJS.ProcessEnv) => harness.cli(args, env ? { env } : {})
const e18 = 10n ** 18n
const ERC20 = [
  'function balanceOf(address) view returns (uint256)',
  'function totalSupply() view returns (uint256)',
  'function allowance(address,address) view returns (uint256)',
]
interface SendJson {
  messageId: string
  txHash: string
  sourceChain: string
  destChain: string
  sequenceNumber: string
  nonce: string
  fee: { token: string; amount: string }
  state?: string
}

let stack: StackStatus
let alpha: JsonRpcProvider
let beta: JsonRpcProvider
const me = devAccount(0).address
const c = (name: string) => stack.chains.find((x) => x.name === name)!.contracts
const erc20 = (address: string, p = alpha) => {
  const contract = new Contract(address, ERC20, p)
  return (fn: string, ...args: unknown[]): Promise<bigint> => contract.getFunction(fn)(...args)
}
const send = async (args: string[], env?: NodeJS.ProcessEnv): Promise<SendJson> => {
  const run = await cli(['send', '--from', 'alpha', '--to', 'beta', ...args, '--json'], env)
  expect(run.code, run.stderr).toBe(0)
  return jsonOf<SendJson>(run)
}
/** The CCIPMessageSent event in the send's receipt, decoded. */
const sentEvent = async (txHash: string) => {
  const receipt = (await alpha.getTransactionReceipt(txHash))!
  const log = receipt.logs.find((l) => l.topics[0] === EVENT_TOPICS.ccipMessageSent)!
  return { receipt, message: decodeMessageSent(fromEthersLog(log)).message }
}

beforeAll(async () => {
  stack = harness.status
  const [a, b] = stack.chains
  alpha = makeProvider(a!.rpcUrl!, a!.chainId)
  beta = makeProvider(b!.rpcUrl!, b!.chainId)
})
afterAll(async () => {
  alpha?.destroy()
  beta?.destroy()
})

describe('ccip send: data-only messages', () => {
  it('pays a native fee (value = fee) and prints the messageId of the CCIPMessageSent event', async () => {
    const before = await alpha.getBalance(me)
    const sent = await send(['--data', 'hello beta'])
    const { receipt, message } = await sentEvent(sent.txHash)
    expect(sent.messageId).toBe(message.header.messageId)
    expect(sent.sequenceNumber).toBe(String(message.header.sequenceNumber))
    expect(sent.nonce).toBe(String(message.header.nonce))
    expect(sent.fee.token).toBe('native')
    expect(message.feeToken).toBe(c('alpha').weth)
    expect(BigInt(sent.fee.amount)).toBeGreaterThan(0n)
    const gas = receipt.gasUsed * receipt.gasPrice
    expect(before - (await alpha.getBalance(me))).toBe(BigInt(sent.fee.amount) + gas)
    expect(Buffer.from(message.data.slice(2), 'hex').toString()).toBe('hello beta')
    expect(decodeExtraArgs(message.extraArgs)).toEqual({
      gasLimit: 200_000n,
      allowOutOfOrderExecution: false,
    })
  })

  it('pays a LINK fee with an exact approval that is used up', async () => {
    const link = erc20(c('alpha').link)
    const before = await link('balanceOf', me)
    const sent = await send(['--data', '0xdeadbeef', '--fee-token', 'LINK'])
    expect(sent.fee.token).toBe(c('alpha').link)
    expect(before - (await link('balanceOf', me))).toBe(BigInt(sent.fee.amount))
    expect(await link('allowance', me, c('alpha').router)).toBe(0n)
    const { message } = await sentEvent(sent.txHash)
    expect(message.data).toBe('0xdeadbeef')
    expect(message.feeTokenAmount).toBe(BigInt(sent.fee.amount))
  })

  it('increases sequence numbers; nonces are 1, 2, … per sender and 0 out of order', async () => {
    const key = { CCIPKIT_PRIVATE_KEY: devAccount(6).privateKey }
    const first = await send(['--data', 'one'], key)
    const second = await send(['--data', 'two'], key)
    const unordered = await send(['--data', 'three', '--out-of-order'], key)
    const third = await send(['--data', 'four'], key)
    expect([first, second, unordered, third].map((s) => s.nonce)).toEqual(['1', '2', '0', '3'])
    const seqs = [first, second, unordered, third].map((s) => BigInt(s.sequenceNumber))
    expect(seqs).toEqual([0n, 1n, 2n, 3n].map((i) => seqs[0]! + i))
    const { message } = await sentEvent(unordered.txHash)
    expect(message.sender).toBe(devAccount(6).address)
    expect(decodeExtraArgs(message.extraArgs).allowOutOfOrderExecution).toBe(true)
  })

  it('--json has exactly the documented shape, and the fee matches `ccip fee`', async () => {
    const args = ['--from', 'alpha', '--to', 'beta', '--data', 'quote me', '--fee-token', 'LINK']
    const quote = jsonOf<Record<string, string>>(await cli(['fee', ...args, '--json']))
    expect(quote).toEqual({
      sourceChain: 'alpha',
      destChain: 'beta',
      feeToken: c('alpha').link,
      fee: quote.fee,
    })
    expect(quote.fee).toMatch(/^[1-9]\d*$/)
    const sent = await send(args.slice(4))
    expect(Object.keys(sent).sort()).toEqual(
      ['destChain', 'fee', 'messageId', 'nonce', 'sequenceNumber', 'sourceChain', 'txHash', 'version'].sort(),
    )
    expect(sent.messageId).toMatch(/^0x[0-9a-f]{64}$/)
    expect(sent.txHash).toMatch(/^0x[0-9a-f]{64}$/)
    expect(sent.sequenceNumber).toMatch(/^\d+$/)
    expect(sent.nonce).toMatch(/^\d+$/)
    expect(sent.fee).toEqual({ token: c('alpha').link, amount: quote.fee })
  })

  it('--async prints only the messageId', async () => {
    const run = await cli(['send', '--from', 'alpha', '--to', 'beta', '--data', 'fire and forget', '--async'])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/^0x[0-9a-f]{64}\n$/)
    const human = await cli(['send', '--from', 'alpha', '--to', 'beta', '--data', 'for humans'])
    expect(human.code, human.stderr).toBe(0)
    expect(human.stdout).toMatch(/message id\s+0x[0-9a-f]{64}/)
  })
})

describe('ccip send: tokens', () => {
  it('CCIP-BnM is burned by its pool, with an exact approval; gas limit 0 to an EOA', async () => {
    const bnm = erc20(c('alpha').tokens['CCIP-BnM'].token)
    const [balance, supply] = [await bnm('balanceOf', me), await bnm('totalSupply')]
    const sent = await send(['--token', 'CCIP-BnM:1.25'])
    const amount = parseUnits('1.25', 18)
    expect(balance - (await bnm('balanceOf', me))).toBe(amount)
    expect(supply - (await bnm('totalSupply'))).toBe(amount)
    expect(await bnm('allowance', me, c('alpha').router)).toBe(0n)
    const { message } = await sentEvent(sent.txHash)
    expect(message.tokenAmounts.map((t) => [t.sourcePoolAddress, t.amount])).toEqual([
      [c('alpha').tokens['CCIP-BnM'].pool, amount],
    ])
    expect(decodeExtraArgs(message.extraArgs).gasLimit).toBe(0n)
  })

  it('CCIP-LnM from alpha is locked in its pool; a contract receiver gets gas limit 200000', async () => {
    const receiver = await deployReceiver(false)
    const lnm = erc20(c('alpha').tokens['CCIP-LnM'].token)
    const pool = c('alpha').tokens['CCIP-LnM'].pool
    const [balance, locked, supply] = [
      await lnm('balanceOf', me),
      await lnm('balanceOf', pool),
      await lnm('totalSupply'),
    ]
    const sent = await send(['--token', 'ccip-lnm:2', '--receiver', receiver, '--fee-token', 'LINK'])
    expect(balance - (await lnm('balanceOf', me))).toBe(2n * e18)
    expect((await lnm('balanceOf', pool)) - locked).toBe(2n * e18)
    expect(await lnm('totalSupply')).toBe(supply)
    expect(await lnm('allowance', me, c('alpha').router)).toBe(0n)
    expect(await erc20(c('alpha').link)('allowance', me, c('alpha').router)).toBe(0n)
    const { message } = await sentEvent(sent.txHash)
    expect(decodeExtraArgs(message.extraArgs).gasLimit).toBe(200_000n)
  })
  it('--token repeated: several tokens in one message, each approved exactly, in the order given', async () => {
    const bnm = erc20(c('alpha').tokens['CCIP-BnM'].token)
    const lnm = erc20(c('alpha').tokens['CCIP-LnM'].token)
    const before = [await bnm('balanceOf', me), await lnm('balanceOf', me)]
    const sent = await send(['--token', 'CCIP-LnM:0.5', '--token', 'CCIP-BnM:0.25', '--fee-token', 'LINK'])
    expect(before[0]! - (await bnm('balanceOf', me))).toBe(e18 / 4n)
    expect(before[1]! - (await lnm('balanceOf', me))).toBe(e18 / 2n)
    expect(await bnm('allowance', me, c('alpha').router)).toBe(0n)
    expect(await lnm('allowance', me, c('alpha').router)).toBe(0n)
    const { message } = await sentEvent(sent.txHash)
    expect(message.tokenAmounts.map((t) => [t.sourcePoolAddress, t.amount])).toEqual([
      [c('alpha').tokens['CCIP-LnM'].pool, e18 / 2n],
      [c('alpha').tokens['CCIP-BnM'].pool, e18 / 4n],
    ])
  })
})

describe('ccip send: validation failures send nothing', () => {
  const refused = async (args: string[], code: number, pattern: RegExp): Promise<CliRun> => {
    const nonce = await alpha.getTransactionCount(me)
    const run = await cli(['send', '--from', 'alpha', ...args])
    expect(run.code, run.stderr).toBe(code)
    expect(run.stderr).toMatch(pattern)
    expect(run.stdout).toBe('')
    expect(await alpha.getTransactionCount(me)).toBe(nonce)
    expect(await erc20(c('alpha').tokens['CCIP-BnM'].token)('allowance', me, c('alpha').router)).toBe(0n)
    return run
  }

  it('--from defaults to the default chain, else a usage error; --async excludes --wait', async () => {
    const none = await cli(['send', '--to', 'beta', '--data', 'x'])
    expect(none.code).toBe(2)
    expect(none.stderr).toMatch(/No source chain[\s\S]*ccip chains use/)
    const both = await cli(['send', '--from', 'alpha', '--to', 'beta', '--async', '--wait'])
    expect(both.code).toBe(2)
    expect((await cli(['chains', 'use', 'gamma'])).code).toBe(0)
    const sent = jsonOf<SendJson>(await cli(['send', '--to', 'beta', '--data', 'from gamma', '--json']))
    expect([sent.sourceChain, sent.destChain]).toEqual(['gamma', 'beta'])
  })

  it('unknown profile, bad --token, unknown symbol, amount above balance', async () => {
    await refused(['--to', 'nowhere', '--data', 'x'], 3, /No chain profile named 'nowhere'/)
    await refused(
      ['--to', 'beta', '--token', 'CCIP-BnM'],
      2,
      /Invalid --token 'CCIP-BnM'[\s\S]*hint: use --token SYMBOL:AMOUNT/,
    )
    await refused(['--to', 'beta', '--token', 'NOPE:1'], 3, /No token 'NOPE'[\s\S]*CCIP-BnM, CCIP-LnM/)
    await refused(
      ['--to', 'beta', '--token', 'CCIP-BnM:1000000'],
      1,
      /Not enough CCIP-BnM on alpha: need 1000000\.0/,
    )
    const json = await cli([
      'send',
      '--from',
      'alpha',
      '--to',
      'beta',
      '--token',
      'CCIP-BnM:1000000',
      '--json',
    ])
    expect(JSON.parse(json.stderr).error.code).toBe('INSUFFICIENT_BALANCE')
  })

  it('data above 30,000 bytes and a gas limit above 3,000,000', async () => {
    const big = `0x${'ab'.repeat(30_001)}`
    await refused(['--to', 'beta', '--data', big], 1, /30,001 bytes.*at most 30,000 \(MessageTooLarge\)/)
    await refused(
      ['--to', 'beta', '--data', 'x', '--gas-limit', '3000001'],
      1,
      /above the lane's maximum of 3,000,000 \(MessageGasLimitTooHigh\)/,
    )
  })

  it('an outbound rate limit: capacity exceeded, then the wait before enough tokens refill', async () => {
    const pool = new Contract(
      c('alpha').tokens['CCIP-BnM'].pool,
      ccipAbi('burnMintPool'),
      devAccount(0).connect(alpha),
    )
    const betaSelector = stack.chains[1]!.selector
    const inbound = [true, 110_000n * e18, 110n * e18]
    // 5 tokens of capacity refilling at 0.001 token/s: waits are long and predictable.
    await (
      await pool.getFunction('setChainRateLimiterConfig')(
        betaSelector,
        [true, 5n * e18, e18 / 1000n],
        inbound,
      )
    ).wait()
    try {
      await refused(
        ['--to', 'beta', '--token', 'CCIP-BnM:10'],
        1,
        /Requested 10\.0 CCIP-BnM is above the outbound rate-limit capacity of 5\.0 CCIP-BnM.*TokenMaxCapacityExceeded/,
      )
      await send(['--token', 'CCIP-BnM:4'])
      const run = await refused(['--to', 'beta', '--token', 'CCIP-BnM:4'], 1, /TokenRateLimitReached/)
      const [, available, wait] =
        /: ([\d.]+) CCIP-BnM available now, wait at least (\d+) s/.exec(run.stderr) ?? []
      expect(Number(available)).toBeGreaterThanOrEqual(1)
      expect(Number(available)).toBeLessThan(1.1)
      expect(Number(wait)).toBeGreaterThan(2_900)
      expect(Number(wait)).toBeLessThanOrEqual(3_000)
    } finally {
      await (
        await pool.getFunction('setChainRateLimiterConfig')(
          betaSelector,
          [true, 100_000n * e18, 100n * e18],
          inbound,
        )
      ).wait()
    }
  })

  it('a cursed lane: CursedByRMN with a hint, for send and fee', async () => {
    const subject = `0x${BigInt(stack.chains[1]!.selector).toString(16).padStart(32, '0')}`
    const lane = await curseControl(subject)
    await lane.curse()
    try {
      await refused(
        ['--to', 'beta', '--data', 'x'],
        1,
        /lane alpha → beta is cursed by the RMN \(CursedByRMN\)[\s\S]*ccip rmn status/,
      )
      const fee = await cli(['fee', '--from', 'alpha', '--to', 'beta', '--data', 'x', '--json'])
      expect(fee.code).toBe(1)
      expect(JSON.parse(fee.stderr).error.code).toBe('LANE_CURSED')
    } finally {
      await lane.uncurse()
    }
    await send(['--data', 'after the curse'])
  })

  it('the eth_simulateV1 fallback simulates approve + ccipSend and decodes a revert', async () => {
    const bnm = c('alpha').tokens['CCIP-BnM'].token
    expect(await findAllowanceKey(alpha, bnm, me, c('alpha').router)).toMatch(/^0x[0-9a-f]{64}$/)
    const router = new Interface(ccipAbi('router'))
    const call = (amount: bigint) => ({
      from: me,
      to: c('alpha').router,
      value: 10n ** 16n,
      data: router.encodeFunctionData('ccipSend', [
        BigInt(stack.chains[1]!.selector),
        buildMessage({
          receiver: me,
          data: '0x',
          tokens: [{ address: bnm, amount }],
          feeToken: ZeroAddress,
          gasLimit: 0n,
          version: '1.6',
          outOfOrder: false,
        }),
      ]),
    })
    const approve = (amount: bigint) => [{ token: bnm, spender: c('alpha').router, amount }]
    const nonce = await alpha.getTransactionCount(me)
    expect(await simulateBundle(alpha, call(e18), approve(e18))).toMatchObject({ outcome: 'ok' })
    const tooMuch = await simulateBundle(alpha, call(200_000n * e18), approve(200_000n * e18))
    expect(tooMuch.outcome).toBe('revert')
    const data = tooMuch.outcome === 'revert' ? tooMuch.data : undefined
    expect(decodeRevert(data)?.text).toMatch(/transfer amount exceeds balance/)
    expect(await alpha.getTransactionCount(me)).toBe(nonce)
  })
})

describe('ccip send --wait', () => {
  it('follows a message to SUCCESS, and to FAILURE with exit code 4', async () => {
    const ok = await send(['--data', 'wait for me', '--wait', '--timeout', '60'])
    expect(ok.state).toBe('SUCCESS')
    const receiver = await deployReceiver(true, beta)
    const run = await cli([
      'send',
      '--from',
      'alpha',
      '--to',
      'beta',
      '--data',
      'reject me',
      '--receiver',
      receiver,
      '--wait',
      '--timeout',
      '60',
      '--json',
    ])
    expect(run.code, run.stderr).toBe(4)
    expect(jsonOf<SendJson>(run).state).toBe('FAILURE')
    expect(JSON.parse(run.stderr).error.code).toBe('MESSAGE_FAILED')
  })
})

/**
 * Curse and uncurse `subject` on alpha's RMNRemote with dev account 0: directly while it owns the
 * RMNRemote, or through the operator functions of the contract that owns it (the stack's curse
 * authority, whose operator is dev account 0).
 */
async function curseControl(
  subject: string,
): Promise<{ curse(): Promise<unknown>; uncurse(): Promise<unknown> }> {
  const signer = devAccount(0).connect(alpha)
  const rmn = new Contract(c('alpha').rmnRemote, ccipAbi('rmnRemote'), signer)
  const owner = String(await rmn.getFunction('owner')())
  const mined = async (tx: Promise<{ wait(): Promise<unknown> }>) => (await tx).wait()
  if (owner === signer.address) {
    return {
      curse: () => mined(rmn.getFunction('curse(bytes16)')(subject)),
      uncurse: () => mined(rmn.getFunction('uncurse(bytes16)')(subject)),
    }
  }
  const authority = new Contract(
    owner,
    ['function curse(bytes16[] subjects, string reason)', 'function uncurse(bytes16[] subjects)'],
    signer,
  )
  return {
    curse: () => mined(authority.getFunction('curse')([subject], 'ccip send e2e test')),
    uncurse: () => mined(authority.getFunction('uncurse')([subject])),
  }
}

/** A RevertingReceiver (fixtures/contracts, MIT) on `p`'s chain, wired to that chain's Router. */
async function deployReceiver(shouldRevert: boolean, p: JsonRpcProvider = beta): Promise<string> {
  // CAST: a committed solc artifact (test/contracts/compile.ts writes them).
  const artifact = JSON.parse(
    readFileSync(join(packageRoot(), 'fixtures/contracts/artifacts/RevertingReceiver.json'), 'utf8'),
  ) as { abi: []; bytecode: string }
  const router = p === alpha ? c('alpha').router : c('beta').router
  const factory = new ContractFactory(artifact.abi, artifact.bytecode, devAccount(1).connect(p))
  const contract = await factory.deploy(router, shouldRevert)
  await contract.waitForDeployment()
  return contract.getAddress()
}
