import { type Contract, ContractFactory } from 'ethers'
import { describe, expect, it } from 'vitest'
import { ccipArtifact } from '../../src/chain/artifacts.js'
import { readJson } from '../../src/fs-atomic.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import type { Deployment } from '../../src/stack/deployment.js'
import { sleep } from '../../src/time.js'
import type { StatusJson } from '../../src/ui/status.js'
import { fileStack } from '../helpers/stack.js'

/**
 * The CLI on a mixed stack (alpha ↔ beta 2.0, alpha ↔ gamma 1.6): `send`, `fee`, `status` and
 * `manual-exec` read each lane's version from its contracts and speak it, and an option of the
 * other version is a usage error that sends nothing.
 */
const stack = fileStack('v2-commands', { up: ['--ccip', 'mixed', '--instant'] })

/** The 2.0 lane and the 1.6 lane from alpha on this mixed stack. */
const ALPHA_BETA = ['--from', 'alpha', '--to', 'beta']
const ALPHA_GAMMA = ['--from', 'alpha', '--to', 'gamma']

interface Sent {
  messageId: string
  version: string
  sequenceNumber: string
  nonce: string
}

async function statusUntil(id: string, states: string[], timeoutMs = 30_000): Promise<StatusJson> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const run = await stack.cli(['status', id, '--json'])
    const status = JSON.parse(run.stdout) as StatusJson
    if (states.includes(status.state) || Date.now() > deadline) return status
    await sleep(250)
  }
}

describe('commands on a 2.0 lane', () => {
  it('send and status speak 2.0: V3 args, VERIFIED from the local indexer, version in --json', async () => {
    const sent = await stack.json<Sent>('send', ...ALPHA_BETA, '--data', 'hello 2.0', '--account', '1')
    expect(sent).toMatchObject({ version: '2.0', nonce: '0' })
    const status = await statusUntil(sent.messageId, ['SUCCESS', 'FAILURE'])
    expect(status.version).toBe('2.0')
    expect(status.phases.map((p) => p.state)).toEqual(['SENT', 'SOURCE_FINALIZED', 'VERIFIED', 'SUCCESS'])
    expect(status.phases[2]!.blockNumber).toBeNull()
    expect(status.ccvs).toHaveLength(1)
    expect(status).not.toHaveProperty('merkleRoot')
    expect(status.sequenceNumber).toBe(sent.sequenceNumber)
    // The 1.6 lane from the same chain is unchanged.
    const old = await stack.json<Sent>(
      'send',
      ...ALPHA_GAMMA,
      '--data',
      'hello 1.6',
      '--account',
      '1',
      '--wait',
    )
    expect(old.version).toBe('1.6')
    const oldStatus = await stack.json<StatusJson>('status', old.messageId)
    expect(oldStatus.phases.map((p) => p.state)).toEqual([
      'SENT',
      'SOURCE_FINALIZED',
      'COMMITTED',
      'BLESSED',
      'SUCCESS',
    ])
  })

  it('--executor none leaves the message to `ccip manual-exec`, which executes it with the indexer results', async () => {
    const quote = await stack.json<{ fee: string }>(
      'fee',
      ...ALPHA_BETA,
      '--data',
      '0x01',
      '--executor',
      'none',
      '--account',
      '2',
    )
    const paid = await stack.json<{ fee: string }>('fee', ...ALPHA_BETA, '--data', '0x01', '--account', '2')
    expect(BigInt(quote.fee)).toBeLessThan(BigInt(paid.fee)) // nobody is paid to execute it
    const sent = await stack.json<Sent>(
      'send',
      ...ALPHA_BETA,
      '--data',
      '0x01',
      '--executor',
      'none',
      '--account',
      '2',
    )
    const verified = await statusUntil(sent.messageId, ['VERIFIED'])
    expect(verified.state).toBe('VERIFIED')
    await sleep(1_000)
    expect((await stack.json<StatusJson>('status', sent.messageId)).state).toBe('VERIFIED')
    // `messages list` asks the lane's indexer about the unexecuted 2.0 messages it lists.
    const listed = await stack.json<{ messageId: string; state: string }[]>(
      'messages',
      'list',
      '--from',
      'alpha',
    )
    expect(listed.find((r) => r.messageId === sent.messageId)?.state).toBe('VERIFIED')
    const done = await stack.json<{ state: string }>('manual-exec', sent.messageId, '--account', '3')
    expect(done.state).toBe('SUCCESS')
  })

  it('FAILURE, fix the receiver, manual-exec: SUCCESS', async () => {
    const artifact = ccipArtifact('revertReceiverV2')
    const owner = devAccount(4).connect(stack.provider('beta'))
    const receiver = await new ContractFactory(artifact.abi, artifact.bytecode, owner).deploy(true)
    await receiver.waitForDeployment()
    const address = await receiver.getAddress()
    const sent = await stack.json<Sent>(
      'send',
      ...ALPHA_BETA,
      '--receiver',
      address,
      '--data',
      'boom',
      '--account',
      '4',
    )
    const failed = await statusUntil(sent.messageId, ['FAILURE'])
    expect(failed.state).toBe('FAILURE')
    const again = await stack.cli(['manual-exec', sent.messageId, '--account', '4', '--json'])
    expect(again.code, again.stderr).toBe(4) // still reverting: nothing sent
    await (await (receiver as Contract).getFunction('setRevert')(false)).wait()
    const fixed = await stack.json<{ state: string }>(
      'manual-exec',
      sent.messageId,
      '--account',
      '4',
      '--gas-limit',
      '300000',
    )
    expect(fixed.state).toBe('SUCCESS')
  })

  it("Chainlink's receiver that requires CCVs: executed when its verifiers signed, FAILURE naming the one missing", async () => {
    const deployment = readJson<Deployment>(`${stack.home}/local/deployment.json`)!
    const betaResolver = deployment.chains.find((c) => c.name === 'beta')!.contracts.v2!.verifierResolver
    const artifact = ccipArtifact('mockReceiverV2')
    const owner = devAccount(6).connect(stack.provider('beta'))
    const deploy = async (required: string[]) => {
      const c = await new ContractFactory(artifact.abi, artifact.bytecode, owner).deploy(required, [], 0)
      await c.waitForDeployment()
      return c.getAddress()
    }
    const satisfied = await deploy([betaResolver])
    const unverified = '0x000000000000000000000000000000000000c0de'
    const demanding = await deploy([betaResolver, unverified])
    // Paid in LINK this time: the 2.0 OnRamp prices every receipt in the fee token.
    const ok = await stack.json<Sent>(
      'send',
      ...ALPHA_BETA,
      '--receiver',
      satisfied,
      '--data',
      '0xaa',
      '--fee-token',
      'LINK',
      '--account',
      '6',
    )
    const missing = await stack.json<Sent>(
      'send',
      ...ALPHA_BETA,
      '--receiver',
      demanding,
      '--data',
      '0xbb',
      '--fee-token',
      'LINK',
      '--account',
      '6',
    )
    expect((await statusUntil(ok.messageId, ['SUCCESS', 'FAILURE'])).state).toBe('SUCCESS')
    const failed = await statusUntil(missing.messageId, ['SUCCESS', 'FAILURE'])
    expect(failed.state).toBe('FAILURE')
    expect(failed.failure!.reason).toMatch(/RequiredCCVMissing/)
    expect(failed.failure!.reason.toLowerCase()).toContain(unverified.slice(2))
    const link = deployment.chains.find((c) => c.name === 'alpha')!.contracts.link
    expect((await stack.json<StatusJson>('status', ok.messageId)).fee!.token).toBe(link)
  })

  it('an option of the other version is a usage error, and nothing is sent', async () => {
    const nonce = () => stack.provider('alpha').getTransactionCount(devAccount(5).address)
    const before = await nonce()
    const cases: [string[], RegExp][] = [
      [['--to', 'beta', '--out-of-order'], /--out-of-order is a CCIP 1\.6 option/],
      [['--to', 'gamma', '--finality', 'safe'], /CCIP 2\.0 options/],
      [['--to', 'gamma', '--executor', 'none'], /CCIP 2\.0 options/],
      [['--to', 'beta', '--finality', 'soon'], /Invalid --finality/],
      [['--to', 'beta', '--ccv', '0x1234'], /Invalid --ccv/],
      [['--to', 'beta', '--token', 'CCIP-BnM:1', '--token', 'CCIP-LnM:1'], /carries one token/],
    ]
    for (const [args, message] of cases) {
      const run = await stack.cli([
        'send',
        '--from',
        'alpha',
        '--data',
        'x',
        '--account',
        '5',
        ...args,
        '--json',
      ])
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(2)
      expect(JSON.parse(run.stderr).error.message).toMatch(message)
    }
    expect(await nonce()).toBe(before)
  })
})
