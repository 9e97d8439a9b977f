import { AbiCoder, Contract, ContractFactory, getAddress, hexlify, randomBytes } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ccipArtifact } from '../../src/chain/artifacts.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import { onRampBytes } from '../../src/protocol/abi-words.js'
import { leafHash } from '../../src/protocol/hashing.js'
import type { Any2EVMRampMessage } from '../../src/protocol/types.js'
import { decodeExtraArgsV3, encodeExtraArgsV3 } from '../../src/protocol/v2/extra-args-v3.js'
import { type AnvilProcess, startAnvil } from '../../src/stack/anvil.js'
import { makeProvider } from '../helpers/chain.js'
import { tempHome } from '../helpers/cli.js'

/**
 * Our leaf hashing against the shipped MessageHasher contract (v1_6_0/message_hasher), and our
 * CCIP 2.0 extraArgs encoder against the 2.0 one (v2_0_0/message_hasher), on random inputs.
 */
const coder = AbiCoder.defaultAbiCoder()
const ZERO_ADDRESS = `0x${'00'.repeat(20)}`
const { home, cleanup } = tempHome('hashing')
let anvil: AnvilProcess
let hasher: Contract
let hasherV2: Contract
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
  const v2 = ccipArtifact('messageHasherV2')
  const deployedV2 = await new ContractFactory(v2.abi, v2.bytecode, wallet).deploy()
  await deployedV2.waitForDeployment()
  hasherV2 = new Contract(await deployedV2.getAddress(), v2.abi, provider())
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

describe('CCIP 2.0 extraArgs equal the shipped MessageHasher 2.0', () => {
  it('GenericExtraArgsV3 on 60 random args (CCVs with args, placeholders, executor, token receiver)', async () => {
    for (let i = 0; i < 60; i++) {
      const ccvs = Array.from({ length: randInt(4) }, () => ({
        address: randInt(4) === 0 ? '' : randAddress().toLowerCase(),
        args: rand(randInt(40)),
      }))
      const args = {
        gasLimit: randInt(2 ** 32),
        finality: [0, 0x10000, 1 + randInt(0xffff)][randInt(3)]!,
        ccvs,
        executor: randInt(3) === 0 ? '' : randAddress().toLowerCase(),
        executorArgs: rand(randInt(50)),
        tokenReceiver: randInt(2) === 0 ? '0x' : rand(20),
        tokenArgs: rand(randInt(50)),
      }
      const onChain: string = await hasherV2.getFunction('encodeGenericExtraArgsV3')([
        args.gasLimit,
        `0x${args.finality.toString(16).padStart(8, '0')}`,
        ccvs.map((c) => c.address || ZERO_ADDRESS),
        ccvs.map((c) => c.args),
        args.executor || ZERO_ADDRESS,
        args.executorArgs,
        args.tokenReceiver,
        args.tokenArgs,
      ])
      expect(encodeExtraArgsV3(args)).toBe(onChain)
      expect(decodeExtraArgsV3(onChain)).toEqual(args)
    }
  })
})
