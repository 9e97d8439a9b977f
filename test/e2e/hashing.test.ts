import { AbiCoder, Contract, ContractFactory, getAddress, hexlify, randomBytes } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ccipArtifact } from '../../src/chain/artifacts.js'
import { makeProvider } from '../../src/chain/provider.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import { onRampBytes } from '../../src/protocol/abi-words.js'
import { leafHash } from '../../src/protocol/hashing.js'
import type { Any2EVMRampMessage } from '../../src/protocol/types.js'
import { type AnvilProcess, startAnvil } from '../../src/stack/anvil.js'
import { tempHome } from '../helpers/cli.js'

/** Our leaf hashing against the shipped MessageHasher contract (v1_6_0/message_hasher), on random messages. */
const coder = AbiCoder.defaultAbiCoder()
const { home, cleanup } = tempHome('hashing')
let anvil: AnvilProcess
let hasher: Contract
const provider = () => makeProvider(anvil.rpcUrl, 31337)

const rand = (bytes: number) => hexlify(randomBytes(bytes))
const randInt = (max: number) => Math.floor(Math.random() * max)
const randAddress = () => getAddress(rand(20))

function randomMessage(): Any2EVMRampMessage {
  return {
    header: {
      messageId: rand(32),
      sourceChainSelector: BigInt(rand(8)),
      destChainSelector: BigInt(rand(8)),
      sequenceNumber: BigInt(rand(8)),
      nonce: BigInt(randInt(3) === 0 ? 0 : randInt(1_000_000)),
    },
    sender: coder.encode(['address'], [randAddress()]),
    data: rand(randInt(300)),
    receiver: randAddress(),
    gasLimit: BigInt(randInt(3_000_000)),
    tokenAmounts: Array.from({ length: randInt(3) }, () => ({
      sourcePoolAddress: coder.encode(['address'], [randAddress()]),
      destTokenAddress: randAddress(),
      destGasAmount: BigInt(randInt(2 ** 32)),
      extraData: rand(randInt(64)),
      amount: BigInt(rand(16)),
    })),
  }
}

beforeAll(async () => {
  anvil = await startAnvil({
    chainId: 31337,
    port: 30645,
    mining: 'auto',
    logFile: `${home}/anvil.log`,
    detached: false,
  })
  const artifact = ccipArtifact('messageHasher')
  const wallet = devAccount(0).connect(provider())
  const deployed = await new ContractFactory(artifact.abi, artifact.bytecode, wallet).deploy()
  await deployed.waitForDeployment()
  hasher = new Contract(await deployed.getAddress(), artifact.abi, provider())
})
afterAll(() => {
  anvil.child.kill('SIGKILL')
  cleanup()
})

describe('leaf hashing equals the shipped MessageHasher', () => {
  it('on 60 random messages (data, tokens, nonces, selectors)', async () => {
    for (let i = 0; i < 60; i++) {
      const message = randomMessage()
      const onRamp = onRampBytes(randAddress())
      const tuple = [
        [
          message.header.messageId,
          message.header.sourceChainSelector,
          message.header.destChainSelector,
          message.header.sequenceNumber,
          message.header.nonce,
        ],
        message.sender,
        message.data,
        message.receiver,
        message.gasLimit,
        message.tokenAmounts.map((t) => [
          t.sourcePoolAddress,
          t.destTokenAddress,
          t.destGasAmount,
          t.extraData,
          t.amount,
        ]),
      ]
      expect(leafHash(message, onRamp)).toBe(await hasher.getFunction('hash')(tuple, onRamp))
    }
  })

  it('a changed field changes the hash (the comparison can fail)', async () => {
    const message = randomMessage()
    const onRamp = onRampBytes(randAddress())
    const other = { ...message, gasLimit: message.gasLimit + 1n }
    expect(leafHash(other, onRamp)).not.toBe(leafHash(message, onRamp))
  })
})
