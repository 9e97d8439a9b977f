import { AbiCoder, Contract, ContractFactory, Interface, type JsonRpcProvider, ZeroAddress } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ccipAbi, ccipArtifact } from '../../src/chain/artifacts.js'
import { ProfileChain } from '../../src/chain/profile-chain.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import { committeeSignedHash, encodeVerifierResults } from '../../src/protocol/v2/committee.js'
import { EVENT_TOPICS_V2 } from '../../src/protocol/v2/events.js'
import { EXTRA_ARGS_V3_TAG, encodeExtraArgsV3 } from '../../src/protocol/v2/extra-args-v3.js'
import { ccvAndExecutorHash, decodeMessageV1, messageIdV1 } from '../../src/protocol/v2/message-v1.js'
import { type AnvilProcess, startAnvil } from '../../src/stack/anvil.js'
import { deployStack } from '../../src/stack/deploy/index.js'
import type { ChainContractsV2, ChainDeployment } from '../../src/stack/deployment.js'
import { LOCAL_CHAINS } from '../../src/stack/local-chains.js'
import { nodeWallets } from '../../src/stack/node-keys.js'
import { makeProvider } from '../helpers/chain.js'
import { tempHome } from '../helpers/cli.js'

/**
 * A CCIP 2.0 lane on the shipped 2.0 bytecode, deployed and wired by the stack's deploy in
 * `--ccip 2.0` mode, with this test playing the off-chain roles: a message sent through the
 * Router, read back from CCIPMessageSent with our MessageV1 codec (its id recomputed), signed by
 * two of the three committee keys, and executed with our verifierResults through the
 * permissionless OffRamp.execute.
 */
const PORTS = [30710, 30711]
const COMMITTEE = nodeWallets('verifier')
const { home, cleanup } = tempHome('v2-lane')
const chains = [LOCAL_CHAINS[0]!, LOCAL_CHAINS[2]!] // alpha (1337) and gamma (2337), as the reference ran
const anvils: AnvilProcess[] = []
const providers: JsonRpcProvider[] = []
const contracts: ChainContractsV2[] = []
const routers: string[] = []
const deployed: ChainDeployment[] = []

beforeAll(async () => {
  for (const [i, chain] of chains.entries()) {
    anvils.push(
      await startAnvil({
        chainId: chain.chainId,
        port: PORTS[i]!,
        mining: 'auto',
        logFile: `${home}/${chain.name}.log`,
        detached: false,
      }),
    )
    providers.push(makeProvider(anvils[i]!.rpcUrl, chain.chainId))
  }
  const deployment = await deployStack(
    chains.map((chain, i) => ({ chain, rpcUrl: anvils[i]!.rpcUrl })),
    '2.0',
  )
  deployed.push(...deployment.chains)
  for (const c of deployment.chains) {
    contracts.push(c.contracts.v2!)
    routers.push(c.contracts.router)
  }
  expect(deployment.ccip).toBe('2.0')
  expect(deployment.chains[0]!.contracts.onRamp).toBeUndefined() // no 1.6 ramps on a 2.0 stack
}, 120_000)

afterAll(() => {
  for (const p of providers) p.destroy()
  for (const a of anvils) a.child.kill('SIGKILL')
  cleanup()
})

const SUCCESS = 2
const FAILURE = 3
const offRampInterface = new Interface(ccipAbi('offRampV2'))
let receiverAddress: string | undefined

/** ccipSend alpha → gamma with extraArgs V3 to a logging receiver; the emitted MessageV1 and its id. */
async function send(data: string): Promise<{ encoded: string; messageId: string; receiver: string }> {
  if (receiverAddress === undefined) {
    const artifact = ccipArtifact('logReceiverV2')
    const deployed = await new ContractFactory(
      artifact.abi,
      artifact.bytecode,
      devAccount(0).connect(providers[1]!),
    ).deploy()
    await deployed.waitForDeployment()
    receiverAddress = await deployed.getAddress()
  }
  const router = new Contract(routers[0]!, ccipAbi('router'), devAccount(3).connect(providers[0]!))
  const extraArgs = encodeExtraArgsV3({
    gasLimit: 150_000,
    finality: 0,
    ccvs: [],
    executor: '',
    executorArgs: '0x',
    tokenReceiver: '0x',
    tokenArgs: '0x',
  })
  expect(extraArgs.startsWith(EXTRA_ARGS_V3_TAG)).toBe(true)
  const message = {
    receiver: AbiCoder.defaultAbiCoder().encode(['address'], [receiverAddress]),
    data,
    tokenAmounts: [],
    feeToken: ZeroAddress,
    extraArgs,
  }
  const fee: bigint = await router.getFunction('getFee')(chains[1]!.selector, message)
  expect(fee).toBeGreaterThan(0n)
  const receipt = await (
    await router.getFunction('ccipSend')(chains[1]!.selector, message, { value: fee })
  ).wait()
  const log = receipt!.logs.find(
    (l: { topics: readonly string[] }) => l.topics[0] === EVENT_TOPICS_V2.ccipMessageSent,
  )!
  const encoded: string = new Interface(ccipAbi('onRampV2')).parseLog(log)!.args.encodedMessage
  const messageId = messageIdV1(encoded)
  expect(messageId).toBe(log.topics[3])
  return { encoded, messageId, receiver: receiverAddress }
}

/** OffRamp.execute with the signatures of `signers` over the message; the state it ended in. */
async function execute(encoded: string, messageId: string, signers: typeof COMMITTEE): Promise<number> {
  const hash = committeeSignedHash(messageId)
  const signatures = signers.map((key) => {
    const sig = key.signingKey.sign(hash)
    return { signer: key.address, r: sig.r, s: sig.s, yParity: sig.yParity }
  })
  const dst = contracts[1]!
  const offRamp = new Contract(dst.offRamp, offRampInterface, devAccount(5).connect(providers[1]!))
  const tx = await offRamp.getFunction('execute')(
    encoded,
    [dst.verifierResolver],
    [encodeVerifierResults(signatures)],
    0,
    {
      gasLimit: 1_000_000,
    },
  )
  const receipt = await tx.wait()
  const log = receipt!.logs.find(
    (l: { topics: readonly string[] }) => l.topics[0] === EVENT_TOPICS_V2.executionStateChanged,
  )
  expect(log?.topics[3]).toBe(messageId)
  const state = Number(offRampInterface.parseLog(log!)!.args.state)
  expect(Number(await offRamp.getFunction('getExecutionState')(messageId))).toBe(state)
  return state
}

describe('a CCIP 2.0 lane on the shipped contracts', () => {
  it('the chain layer reads the lane version from the contracts', async () => {
    const [alpha, gamma] = chains as [(typeof chains)[0], (typeof chains)[0]]
    const profile = {
      name: alpha.name,
      chainId: String(alpha.chainId),
      selector: String(alpha.selector),
      rpcUrl: anvils[0]!.rpcUrl,
      router: routers[0]!,
      local: false,
    }
    const chain = new ProfileChain(profile)
    expect(await chain.laneVersion(gamma.selector)).toEqual({ type: 'OnRamp', version: '2.0.0', ccip: '2.0' })
    expect(await chain.laneVersion(LOCAL_CHAINS[1]!.selector)).toBeUndefined() // no lane to beta
  })

  it('reports the 2.0 typeAndVersions', async () => {
    const version = (address: string) =>
      new Contract(address, ['function typeAndVersion() view returns (string)'], providers[0]).getFunction(
        'typeAndVersion',
      )()
    const c = contracts[0]!
    expect(await Promise.all([c.onRamp, c.offRamp, c.committeeVerifier, c.executor].map(version))).toEqual([
      'OnRamp 2.0.0',
      'OffRamp 2.0.0',
      'CommitteeVerifier 2.0.0',
      'Executor 2.0.0',
    ])
    // A 2.0-only chain runs RMN 2.0, owned by the curse authority like RMNRemote on 1.6 chains.
    const shared = deployed[0]!.contracts
    expect(await version(shared.rmnRemote)).toBe('RMN 2.0.0')
    const owner = new Contract(shared.rmnRemote, ['function owner() view returns (address)'], providers[0])
    expect(await owner.getFunction('owner')()).toBe(shared.curseAuthority)
  })

  it('sends, reads MessageV1 back, and executes it with a 2-of-3 committee quorum', async () => {
    const [src, dst] = contracts as [ChainContractsV2, ChainContractsV2]
    const { encoded, messageId, receiver } = await send('0xbeef')
    expect(decodeMessageV1(encoded)).toMatchObject({
      sourceChainSelector: chains[0]!.selector,
      destChainSelector: chains[1]!.selector,
      messageNumber: 1n,
      ccipReceiveGasLimit: 150_000,
      offRampAddress: dst.offRamp.toLowerCase(),
      receiver: receiver.toLowerCase(),
      data: '0xbeef',
    })
    expect(decodeMessageV1(encoded).ccvAndExecutorHash).toBe(
      ccvAndExecutorHash([src.verifierResolver], src.executorProxy),
    )
    expect(await execute(encoded, messageId, COMMITTEE.slice(0, 2))).toBe(SUCCESS)
  })

  it('below the threshold the message ends in FAILURE; a full quorum then executes it', async () => {
    const { encoded, messageId } = await send('0xcafe')
    expect(decodeMessageV1(encoded).messageNumber).toBe(2n)
    expect(await execute(encoded, messageId, COMMITTEE.slice(2))).toBe(FAILURE)
    expect(await execute(encoded, messageId, COMMITTEE.slice(1))).toBe(SUCCESS)
  })
})
