import { CcipError, DEV_MNEMONIC, type LocalStack, startLocalStack } from 'ccipkit'
import {
  type Contract,
  ContractFactory,
  HDNodeWallet,
  hexlify,
  JsonRpcProvider,
  toUtf8Bytes,
  toUtf8String,
} from 'ethers'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { compileInbox } from './compile.js'

// One stack for this file, mining instantly; each test starts from the same snapshot.
let stack: LocalStack
let provider: JsonRpcProvider
let inbox: Contract
let snapshot: string

beforeAll(async () => {
  stack = await startLocalStack({ mining: 'instant' })
  const beta = stack.chain('beta')
  provider = new JsonRpcProvider(beta.rpcUrl, beta.chainId, { staticNetwork: true, pollingInterval: 50 })
  const owner = HDNodeWallet.fromPhrase(DEV_MNEMONIC, undefined, "m/44'/60'/0'/0/1").connect(provider)
  const { abi, bytecode } = compileInbox()
  const deployed = await new ContractFactory(abi, bytecode, owner).deploy(beta.contracts.router)
  await deployed.waitForDeployment()
  inbox = deployed as unknown as Contract
})
afterAll(async () => {
  provider?.destroy()
  await stack?.stop()
})
beforeEach(async () => {
  snapshot = await stack.snapshot()
})
afterEach(async () => {
  await stack.revert(snapshot)
})

describe('my dApp over CCIP', () => {
  it('receives data and two tokens from alpha', async () => {
    const beta = stack.chain('beta')
    const sent = await stack.send({
      from: 'alpha',
      to: 'beta',
      receiver: await inbox.getAddress(),
      data: hexlify(toUtf8Bytes('hello from alpha')),
      tokens: [
        { token: 'CCIP-BnM', amount: 10n ** 18n },
        { token: 'CCIP-LnM', amount: 5n * 10n ** 17n },
      ],
    })
    const final = await stack.waitFor(sent.messageId)
    expect(final.state).toBe('SUCCESS')
    expect(await inbox.getFunction('lastMessageId')()).toBe(sent.messageId)
    expect(toUtf8String(await inbox.getFunction('lastData')())).toBe('hello from alpha')
    expect(await inbox.getFunction('tokensReceived')(beta.contracts.tokens['CCIP-BnM'].token)).toBe(
      10n ** 18n,
    )
    expect(await inbox.getFunction('tokensReceived')(beta.contracts.tokens['CCIP-LnM'].token)).toBe(
      5n * 10n ** 17n,
    )
  })

  it('a closed inbox: FAILURE, then reopened and executed by hand', async () => {
    await (await inbox.getFunction('setClosed')(true)).wait()
    const sent = await stack.send({
      from: 'alpha',
      to: 'beta',
      receiver: await inbox.getAddress(),
      data: '0x01',
    })
    expect((await stack.waitFor(sent.messageId)).state).toBe('FAILURE')
    await (await inbox.getFunction('setClosed')(false)).wait()
    const { status } = await stack.manualExec(sent.messageId)
    expect(status.state).toBe('SUCCESS')
    expect(await inbox.getFunction('received')()).toBe(1n)
  })

  it('a cursed lane refuses the send; lifted, messages flow again', async () => {
    await stack.curse({ subjects: ['beta'], on: ['alpha'] })
    const refused = await stack.send({ from: 'alpha', to: 'beta', data: '0x02' }).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(CcipError)
    expect((refused as CcipError).code).toBe('LANE_CURSED')
    await stack.uncurse({ subjects: ['beta'], on: ['alpha'] })
    const sent = await stack.send({
      from: 'alpha',
      to: 'beta',
      receiver: await inbox.getAddress(),
      data: '0x03',
    })
    expect((await stack.waitFor(sent.messageId)).state).toBe('SUCCESS')
  })

  it('starts every test from the same state (the snapshot)', async () => {
    expect(await inbox.getFunction('received')()).toBe(0n)
    expect(await inbox.getFunction('closed')()).toBe(false)
  })
})
