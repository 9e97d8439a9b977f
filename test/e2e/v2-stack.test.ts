import { Contract, ContractFactory, Interface } from 'ethers'
import { describe, expect, it } from 'vitest'
import { ccipAbi, ccipArtifact } from '../../src/chain/artifacts.js'
import { readJson } from '../../src/fs-atomic.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import { onRampBytes } from '../../src/protocol/abi-words.js'
import { laneSubject } from '../../src/protocol/rmn-subjects.js'
import { committeeSignedHash, encodeVerifierResults } from '../../src/protocol/v2/committee.js'
import { NO_EXECUTION_ADDRESS } from '../../src/protocol/v2/extra-args-v3.js'
import { ccvAndExecutorHash, encodeMessageV1, messageIdV1 } from '../../src/protocol/v2/message-v1.js'
import type { Deployment } from '../../src/stack/deployment.js'
import { nodeWallets } from '../../src/stack/node-keys.js'
import type { StackStatus } from '../../src/stack/status.js'
import { sleep } from '../../src/time.js'
import { typeAndVersion } from '../helpers/chain.js'
import { waitForCurse } from '../helpers/forge.js'
import { fileStack } from '../helpers/stack.js'
import { routerSend, waitStateV2 } from '../helpers/v2.js'

/**
 * A stack on CCIP 2.0 only (`local up --ccip 2.0`): RMN 2.0 under the curse authority, 2.0 pools,
 * every lane verified by the committee nodes and executed by the executor nodes. The bad days:
 * a cursed lane holds its messages until uncursed, a reverting receiver ends in FAILURE and is left
 * for a manual execution, and a message the source never sent (signed with the committee's own
 * keys) gets the lane cursed by the RMN: as a verifier result the indexer serves, before anyone
 * executes it, and as an execution submitted straight to the OffRamp.
 */
const stack = fileStack('v2-only', { up: ['--ccip', '2.0', '--instant', '--chains', '2'] })
const SUCCESS = 2
const FAILURE = 3
const deployment = () => readJson<Deployment>(`${stack.home}/local/deployment.json`)!
const contracts = (name: string) => deployment().chains.find((c) => c.name === name)!.contracts

describe('a CCIP 2.0 stack', () => {
  it('runs RMN 2.0 and 2.0 pools, every lane on 2.0', async () => {
    const status = await stack.json<StackStatus>('local', 'status')
    expect(status.ccip).toBe('2.0')
    expect(status.lanes.map((l) => l.version)).toEqual(['2.0', '2.0'])
    const alpha = contracts('alpha')
    expect(alpha.onRamp).toBeUndefined()
    expect(await typeAndVersion(alpha.rmnRemote, stack.provider('alpha'))).toBe('RMN 2.0.0')
    expect(await typeAndVersion(alpha.tokens['CCIP-LnM'].pool, stack.provider('alpha'))).toMatch(/ 2\.0\.0$/)
    expect(status.nodes!.nodes.map((n) => n.role).sort()).toEqual(
      ['executor', 'executor', 'rmn', 'rmn', 'rmn', 'verifier', 'verifier', 'verifier'].sort(),
    )
  })

  it('moves lock/release tokens out of the lock box and back as burn/mint on the other side', async () => {
    const wallet = devAccount(6)
    const lnm = contracts('alpha').tokens['CCIP-LnM']
    const amount = 2n * 10n ** 17n
    const lockBoxBalance = () =>
      new Contract(lnm.token, ccipAbi('token'), stack.provider('alpha')).getFunction('balanceOf')(
        lnm.lockBox!,
      )
    const before: bigint = await lockBoxBalance()
    const { messageId } = await routerSend(
      wallet,
      stack.provider('alpha'),
      contracts('alpha').router,
      stack.chain('beta').selector,
      {
        receiver: wallet.address,
        tokenAmounts: [{ token: lnm.token, amount }],
      },
    )
    expect(await waitStateV2(stack.provider('beta'), contracts('beta').v2!.offRamp, messageId)).toBe(SUCCESS)
    expect(await lockBoxBalance()).toBe(before + amount)
  })

  it('moves tokens back: lock/release released from the lock box, burn/mint on 2.0 pools; the faucet tops up', async () => {
    const wallet = devAccount(8)
    const lnmBeta = contracts('beta').tokens['CCIP-LnM']
    const bnmBeta = contracts('beta').tokens['CCIP-BnM']
    const lnmAlpha = contracts('alpha').tokens['CCIP-LnM']
    const amount = 10n ** 17n
    const balance = (token: string, who: string, chain: 'alpha' | 'beta') =>
      new Contract(token, ccipAbi('token'), stack.provider(chain)).getFunction('balanceOf')(
        who,
      ) as Promise<bigint>
    const lockBox = await balance(lnmAlpha.token, lnmAlpha.lockBox!, 'alpha')
    const mine = await balance(contracts('alpha').tokens['CCIP-BnM'].token, wallet.address, 'alpha')
    const toAlpha = (token: string) =>
      routerSend(wallet, stack.provider('beta'), contracts('beta').router, stack.chain('alpha').selector, {
        receiver: wallet.address,
        tokenAmounts: [{ token, amount }],
      })
    const back = await toAlpha(lnmBeta.token)
    const bnm = await toAlpha(bnmBeta.token)
    for (const { messageId } of [back, bnm])
      expect(await waitStateV2(stack.provider('alpha'), contracts('alpha').v2!.offRamp, messageId)).toBe(
        SUCCESS,
      )
    expect(await balance(lnmAlpha.token, lnmAlpha.lockBox!, 'alpha')).toBe(lockBox - amount)
    expect(await balance(contracts('alpha').tokens['CCIP-BnM'].token, wallet.address, 'alpha')).toBe(
      mine + amount,
    )
    const faucet = await stack.cli(['faucet', '--chain', 'beta', '--to', devAccount(9).address, '--json'])
    expect(faucet.code, faucet.stderr).toBe(0)
  })

  it('lanes list shows each lane as 2.0 with its verifiers and executor; ratelimit set/show work on 2.0 pools', async () => {
    const lanes = await stack.json<
      {
        source: string
        version: string
        ccvs: { default: string[]; mandated: string[] }
        executor: string
        nextSequenceNumber: string
      }[]
    >('lanes', 'list')
    const alpha = lanes.find((l) => l.source === 'alpha')!
    expect(alpha.version).toBe('2.0')
    expect(alpha.ccvs).toEqual({ default: [contracts('alpha').v2!.verifierResolver], mandated: [] })
    expect(alpha.executor).toBe(contracts('alpha').v2!.executorProxy)
    await stack.json(
      'ratelimit',
      'set',
      '--chain',
      'alpha',
      '--remote',
      'beta',
      '--token',
      'CCIP-BnM',
      '--outbound',
      '--capacity',
      '2',
      '--rate',
      '1',
      '--yes',
    )
    const shown = await stack.json<{ remote: string; outbound: { capacity: string } }[]>(
      'ratelimit',
      'show',
      '--chain',
      'alpha',
      '--token',
      'CCIP-BnM',
    )
    expect(shown.find((r) => r.remote === 'beta')!.outbound.capacity).toBe(String(2n * 10n ** 18n))
    const over = await stack.cli([
      'send',
      '--from',
      'alpha',
      '--to',
      'beta',
      '--token',
      'CCIP-BnM:3',
      '--account',
      '3',
      '--json',
    ])
    expect(over.code, over.stderr).toBe(1)
    expect(JSON.parse(over.stderr).error.code).toBe('RATE_LIMITED')
    await stack.json(
      'ratelimit',
      'set',
      '--chain',
      'alpha',
      '--remote',
      'beta',
      '--token',
      'CCIP-BnM',
      '--outbound',
      '--disable',
      '--yes',
    )
  })

  it('holds a message while its lane is cursed and executes it once uncursed', async () => {
    const wallet = devAccount(7)
    await stack.json('rmn', 'curse', '--chain', 'alpha', '--on', 'beta', '--yes')
    const { messageId } = await routerSend(
      wallet,
      stack.provider('alpha'),
      contracts('alpha').router,
      stack.chain('beta').selector,
      {
        receiver: wallet.address,
        data: '0x01',
      },
    )
    const base = (await stack.json<StackStatus>('local', 'status')).indexerUrl!
    // Verified (the source does not curse beta) but not executed: beta refuses alpha.
    for (let i = 0; i < 50 && (await fetch(`${base}/v1/verifierresults/${messageId}`)).status !== 200; i++)
      await sleep(100)
    expect((await fetch(`${base}/v1/verifierresults/${messageId}`)).status).toBe(200)
    await sleep(1_500)
    const offRamp = new Contract(contracts('beta').v2!.offRamp, ccipAbi('offRampV2'), stack.provider('beta'))
    expect(Number(await offRamp.getFunction('getExecutionState')(messageId))).toBe(0)
    await stack.json('rmn', 'uncurse', '--chain', 'alpha', '--on', 'beta', '--yes')
    expect(await waitStateV2(stack.provider('beta'), contracts('beta').v2!.offRamp, messageId)).toBe(SUCCESS)
  })

  it('leaves a FAILURE to a reverting receiver for a manual execution', async () => {
    const artifact = ccipArtifact('revertReceiverV2')
    const receiver = await new ContractFactory(
      artifact.abi,
      artifact.bytecode,
      devAccount(8).connect(stack.provider('beta')),
    ).deploy(true)
    await receiver.waitForDeployment()
    const { messageId } = await routerSend(
      devAccount(8),
      stack.provider('alpha'),
      contracts('alpha').router,
      stack.chain('beta').selector,
      {
        receiver: await receiver.getAddress(),
        data: '0xdead',
      },
    )
    expect(await waitStateV2(stack.provider('beta'), contracts('beta').v2!.offRamp, messageId)).toBe(FAILURE)
    await sleep(1_000)
    const offRamp = new Contract(contracts('beta').v2!.offRamp, ccipAbi('offRampV2'), stack.provider('beta'))
    expect(Number(await offRamp.getFunction('getExecutionState')(messageId))).toBe(FAILURE)
  })

  it('curses the lane when the indexer serves a committee-signed result for a message never sent, before anyone executes it', async () => {
    const alpha = stack.chain('alpha')
    const beta = stack.chain('beta')
    const b = contracts('beta').v2!
    const attacker = devAccount(9)
    // beta → alpha, for nobody to execute (NO_EXECUTION_ADDRESS): only the RMN's audit of the
    // indexer's results can catch it.
    const ccvs = [b.verifierResolver.toLowerCase()]
    const encoded = encodeMessageV1({
      sourceChainSelector: BigInt(beta.selector),
      destChainSelector: BigInt(alpha.selector),
      messageNumber: 8_888n,
      executionGasLimit: 300_000,
      ccipReceiveGasLimit: 0,
      finality: 0,
      ccvAndExecutorHash: ccvAndExecutorHash(ccvs, NO_EXECUTION_ADDRESS),
      onRampAddress: onRampBytes(b.onRamp),
      offRampAddress: contracts('alpha').v2!.offRamp.toLowerCase(),
      sender: onRampBytes(attacker.address),
      receiver: attacker.address.toLowerCase(),
      destBlob: '0x',
      data: '0x77',
    })
    const id = messageIdV1(encoded)
    const indexer = (await stack.json<StackStatus>('local', 'status')).indexerUrl!
    const post = (body: unknown) =>
      fetch(`${indexer}/v1/signatures`, { method: 'POST', body: JSON.stringify(body) }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { success: boolean; counted?: boolean[]; message?: string },
      }))
    const signed = (key: { address: string; signingKey: { sign(h: string): { serialized: string } } }) => ({
      message: encoded,
      ccvs,
      executor: NO_EXECUTION_ADDRESS,
      signer: key.address,
      signature: key.signingKey.sign(committeeSignedHash(id)).serialized,
    })
    // Malformed submissions are refused whole; a stranger's signature does not count.
    const wrongHash = await post({ signatures: [{ ...signed(attacker), ccvs: [b.executorProxy] }] })
    expect(wrongHash).toMatchObject({ status: 400, body: { success: false } })
    expect(wrongHash.body.message).toMatch(/do not hash to the message's ccv_and_executor_hash/)
    expect((await post({ signatures: [] })).status).toBe(400)
    expect((await post({ signatures: [signed(attacker)] })).body.counted).toEqual([false])
    // Two committee keys (a stolen threshold): the aggregator makes a result, the indexer serves it.
    const [k0, k1] = nodeWallets('verifier')
    const accepted = await post({ signatures: [signed(k0!), signed(k1!)] })
    expect(accepted).toMatchObject({ status: 200, body: { success: true, counted: [true, true] } })
    expect((await fetch(`${indexer}/v1/verifierresults/${id}`)).status).toBe(200)
    const listed = (await (
      await fetch(`${indexer}/v1/verifierresults?sourceChainSelectors=${beta.selector}&limit=1000`)
    ).json()) as {
      verifierResults: Record<string, unknown>
    }
    expect(Object.keys(listed.verifierResults)).toContain(id)
    for (const bad of ['limit=1001', 'sourceChainSelectors=abc', 'start=yesterday'])
      expect((await fetch(`${indexer}/v1/verifierresults?${bad}`)).status, bad).toBe(400)
    await waitForCurse(deployment(), 'beta', 'alpha', stack.provider('alpha'))
    const offRamp = new Contract(
      contracts('alpha').v2!.offRamp,
      ccipAbi('offRampV2'),
      stack.provider('alpha'),
    )
    expect(Number(await offRamp.getFunction('getExecutionState')(id)), 'never executed').toBe(0)
    // The nodes' health reaches the file within a second of their vote.
    const votes = async () =>
      (await stack.json<StackStatus>('local', 'status'))
        .nodes!.nodes.filter((n) => n.role === 'rmn')
        .map((n) => n.lastError ?? '')
    let seen = await votes()
    for (let i = 0; i < 20 && !seen.some((e) => e.includes('verifier result not backed')); i++) {
      await sleep(250)
      seen = await votes()
    }
    expect(seen).toContainEqual(
      expect.stringMatching(
        /verifier result not backed by the source: message 0x[0-9a-f]{64} was never sent on beta/,
      ),
    )
  })

  it('curses the lane when a message the source never sent is executed with committee signatures', async () => {
    const alpha = stack.chain('alpha')
    const beta = stack.chain('beta')
    const a = contracts('alpha').v2!
    const b = contracts('beta').v2!
    const attacker = devAccount(9)
    const encoded = encodeMessageV1({
      sourceChainSelector: BigInt(alpha.selector),
      destChainSelector: BigInt(beta.selector),
      messageNumber: 9_999n,
      executionGasLimit: 300_000,
      ccipReceiveGasLimit: 0,
      finality: 0,
      ccvAndExecutorHash: ccvAndExecutorHash([a.verifierResolver], a.executorProxy),
      onRampAddress: onRampBytes(a.onRamp),
      offRampAddress: b.offRamp.toLowerCase(),
      sender: onRampBytes(attacker.address),
      receiver: attacker.address.toLowerCase(),
      destBlob: '0x',
      data: '0x66',
    })
    const id = messageIdV1(encoded)
    // The committee's own keys, as a stolen set would sign: the OffRamp accepts them.
    const signatures = nodeWallets('verifier')
      .slice(0, 2)
      .map((key) => {
        const sig = key.signingKey.sign(committeeSignedHash(id))
        return { signer: key.address, r: sig.r, s: sig.s, yParity: sig.yParity }
      })
    const offRamp = new Contract(
      b.offRamp,
      new Interface(ccipAbi('offRampV2')),
      attacker.connect(stack.provider('beta')),
    )
    await (
      await offRamp.getFunction('execute')(
        encoded,
        [b.verifierResolver],
        [encodeVerifierResults(signatures)],
        0,
        {
          gasLimit: 1_000_000,
        },
      )
    ).wait()
    expect(Number(await offRamp.getFunction('getExecutionState')(id))).toBe(SUCCESS)
    await waitForCurse(deployment(), 'alpha', 'beta', stack.provider('beta'))
    const rmn = new Contract(contracts('beta').rmnRemote, ccipAbi('rmnV2'), stack.provider('beta'))
    expect(await rmn.getFunction('isCursed(bytes16)')(laneSubject(BigInt(alpha.selector)))).toBe(true)
  })
})
