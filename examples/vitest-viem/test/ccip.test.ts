import { CcipError, DEV_MNEMONIC, type LocalStack, startLocalStack } from 'ccipkit'
import {
  type Abi,
  type Address,
  createPublicClient,
  createWalletClient,
  defineChain,
  type Hex,
  hexToString,
  http,
  stringToHex,
} from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { compileInbox } from './compile.js'

// The same tests as the ethers example, with viem: ccipkit's types are plain strings and bigints.
let stack: LocalStack
let inbox: Address
let abi: Abi
let snapshot: string
let read: <T>(functionName: string, args?: unknown[]) => Promise<T>
let write: (functionName: string, args: unknown[]) => Promise<void>

beforeAll(async () => {
  stack = await startLocalStack({ mining: 'instant' })
  const beta = stack.chain('beta')
  const chain = defineChain({
    id: beta.chainId,
    name: 'beta',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [beta.rpcUrl] } },
  })
  const transport = http(beta.rpcUrl)
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 50 })
  const wallet = createWalletClient({
    chain,
    transport,
    account: mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 1 }),
  })
  const compiled = compileInbox()
  abi = compiled.abi as Abi
  const hash = await wallet.deployContract({
    abi,
    bytecode: compiled.bytecode as Hex,
    args: [beta.contracts.router],
  })
  inbox = (await publicClient.waitForTransactionReceipt({ hash })).contractAddress!
  read = (functionName, args = []) =>
    publicClient.readContract({ address: inbox, abi, functionName, args }) as Promise<never>
  write = async (functionName, args) => {
    const tx = await wallet.writeContract({ address: inbox, abi, functionName, args })
    await publicClient.waitForTransactionReceipt({ hash: tx })
  }
})
afterAll(async () => {
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
      receiver: inbox,
      data: stringToHex('hello from alpha'),
      tokens: [
        { token: 'CCIP-BnM', amount: 10n ** 18n },
        { token: 'CCIP-LnM', amount: 5n * 10n ** 17n },
      ],
    })
    expect((await stack.waitFor(sent.messageId)).state).toBe('SUCCESS')
    expect(await read('lastMessageId')).toBe(sent.messageId)
    expect(hexToString(await read<Hex>('lastData'))).toBe('hello from alpha')
    expect(await read('tokensReceived', [beta.contracts.tokens['CCIP-BnM'].token])).toBe(10n ** 18n)
    expect(await read('tokensReceived', [beta.contracts.tokens['CCIP-LnM'].token])).toBe(5n * 10n ** 17n)
  })

  it('a closed inbox: FAILURE, then reopened and executed by hand', async () => {
    await write('setClosed', [true])
    const sent = await stack.send({ from: 'alpha', to: 'beta', receiver: inbox, data: '0x01' })
    expect((await stack.waitFor(sent.messageId)).state).toBe('FAILURE')
    await write('setClosed', [false])
    expect((await stack.manualExec(sent.messageId)).status.state).toBe('SUCCESS')
    expect(await read('received')).toBe(1n)
  })

  it('a cursed lane refuses the send; lifted, messages flow again', async () => {
    await stack.curse({ subjects: ['beta'], on: ['alpha'] })
    const refused = await stack.send({ from: 'alpha', to: 'beta', data: '0x02' }).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(CcipError)
    expect((refused as CcipError).code).toBe('LANE_CURSED')
    await stack.uncurse({ subjects: ['beta'], on: ['alpha'] })
    const sent = await stack.send({ from: 'alpha', to: 'beta', receiver: inbox, data: '0x03' })
    expect((await stack.waitFor(sent.messageId)).state).toBe('SUCCESS')
  })

  it('signs with a viem account, or a WalletClient, of your own', async () => {
    const alpha = stack.chain('alpha')
    const account = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 4 })
    const byAccount = await stack.send({
      from: 'alpha',
      to: 'beta',
      receiver: inbox,
      data: '0x04',
      signer: account,
    })
    expect(byAccount.sender).toBe(account.address)
    const chain = defineChain({
      id: alpha.chainId,
      name: 'alpha',
      nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      rpcUrls: { default: { http: [alpha.rpcUrl] } },
    })
    const walletClient = createWalletClient({
      chain,
      transport: http(alpha.rpcUrl),
      account: mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 5 }),
    })
    const byClient = await stack.send({
      from: 'alpha',
      to: 'beta',
      receiver: inbox,
      data: '0x05',
      tokens: [{ token: 'CCIP-BnM', amount: 10n ** 15n }],
      signer: walletClient,
    })
    expect(byClient.sender).toBe(walletClient.account.address)
    expect((await stack.waitFor(byAccount.messageId)).state).toBe('SUCCESS')
    expect((await stack.waitFor(byClient.messageId)).state).toBe('SUCCESS')
    expect(await read('received')).toBe(2n)
  })

  it('starts every test from the same state (the snapshot)', async () => {
    expect(await read('received')).toBe(0n)
    expect(await read('closed')).toBe(false)
  })
})
