import { Contract, recoverAddress } from 'ethers'
import { describe, expect, it } from 'vitest'
import { ccipAbi } from '../../src/chain/artifacts.js'
import { readJson } from '../../src/fs-atomic.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import {
  COMMITTEE_VERSION_TAG,
  committeeSignedHash,
  decodeVerifierResults,
} from '../../src/protocol/v2/committee.js'
import type { Deployment } from '../../src/stack/deployment.js'
import { nodeWallets } from '../../src/stack/node-keys.js'
import { V2 } from '../../src/stack/settings.js'
import type { StackStatus } from '../../src/stack/status.js'
import { waitExecuted } from '../helpers/send.js'
import { fileStack } from '../helpers/stack.js'
import { routerSend, waitStateV2 } from '../helpers/v2.js'

/**
 * A stack migrating from 1.6 to 2.0 (`local up --ccip mixed`): from alpha, the lane to beta runs
 * 2.0 and the lane to gamma 1.6, through one Router, one token registry and one pool per token.
 * Messages cross both; the 2.0 one is verified by the committee nodes, served by the indexer in
 * Chainlink's JSON, and executed by the executor nodes.
 */
const stack = fileStack('mixed', { up: ['--ccip', 'mixed', '--instant'] })
const SUCCESS = 2
const deployment = () => readJson<Deployment>(`${stack.home}/local/deployment.json`)!
const contracts = (name: string) => deployment().chains.find((c) => c.name === name)!.contracts

describe('a mixed 1.6 / 2.0 stack', () => {
  it('reports each lane with its version, the indexer and the 2.0 nodes', async () => {
    const status = await stack.json<StackStatus>('local', 'status')
    expect(status.ccip).toBe('mixed')
    const version = (s: string, d: string) =>
      status.lanes.find((l) => l.source === s && l.dest === d)?.version
    expect([version('alpha', 'beta'), version('beta', 'alpha'), version('beta', 'gamma')]).toEqual([
      '2.0',
      '2.0',
      '2.0',
    ])
    expect([version('alpha', 'gamma'), version('gamma', 'alpha')]).toEqual(['1.6', '1.6'])
    expect(status.indexerUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const roles = status.nodes!.nodes.map((n) => n.role)
    expect(roles.filter((r) => r === 'verifier')).toHaveLength(V2.committee.nodes)
    expect(roles.filter((r) => r === 'executor')).toHaveLength(V2.executorNodes)
    expect(roles).toContain('commit')
    // The Router sends each lane to its version's OnRamp.
    const router = new Contract(contracts('alpha').router, ccipAbi('router'), stack.provider('alpha'))
    expect(await router.getFunction('getOnRamp')(stack.chain('beta').selector)).toBe(
      contracts('alpha').v2!.onRamp,
    )
    expect(await router.getFunction('getOnRamp')(stack.chain('gamma').selector)).toBe(
      contracts('alpha').onRamp,
    )
  })

  it('one sender crosses a 2.0 lane and a 1.6 lane, with a token through the same pool', async () => {
    const wallet = devAccount(4)
    const bnm = contracts('alpha').tokens['CCIP-BnM'].token
    const amount = 10n ** 17n
    const bnmOnBeta = new Contract(
      contracts('beta').tokens['CCIP-BnM'].token,
      ccipAbi('token'),
      stack.provider('beta'),
    )
    const before: bigint = await bnmOnBeta.getFunction('balanceOf')(wallet.address)
    const toBeta = await routerSend(
      wallet,
      stack.provider('alpha'),
      contracts('alpha').router,
      stack.chain('beta').selector,
      {
        receiver: wallet.address,
        data: '0x2020',
        tokenAmounts: [{ token: bnm, amount }],
      },
    )
    const toGamma = await routerSend(
      wallet,
      stack.provider('alpha'),
      contracts('alpha').router,
      stack.chain('gamma').selector,
      {
        receiver: wallet.address,
        data: '0x1616',
      },
    )
    expect([toBeta.version, toGamma.version]).toEqual(['2.0', '1.6'])
    expect(await waitStateV2(stack.provider('beta'), contracts('beta').v2!.offRamp, toBeta.messageId)).toBe(
      SUCCESS,
    )
    const gammaStates = await waitExecuted(
      stack.provider('gamma'),
      contracts('gamma').offRamp!,
      [toGamma.messageId],
      30_000,
    )
    expect(gammaStates.get(toGamma.messageId)).toEqual([SUCCESS])
    expect(await bnmOnBeta.getFunction('balanceOf')(wallet.address)).toBe(before + amount)
  })

  it("serves the committee's result in Chainlink's indexer JSON, executable as served", async () => {
    const wallet = devAccount(5)
    const { messageId } = await routerSend(
      wallet,
      stack.provider('beta'),
      contracts('beta').router,
      stack.chain('alpha').selector,
      {
        receiver: wallet.address,
        data: '0xc0ffee',
      },
    )
    const base = (await stack.json<StackStatus>('local', 'status')).indexerUrl!
    expect(await waitStateV2(stack.provider('alpha'), contracts('alpha').v2!.offRamp, messageId)).toBe(
      SUCCESS,
    )
    const res = await fetch(`${base}/v1/verifierresults/${messageId}`)
    expect(res.status).toBe(200)
    const text = await res.text()
    const body = JSON.parse(text)
    expect(Object.keys(body).sort()).toEqual(['messageID', 'results', 'success'])
    expect(body).toMatchObject({ success: true, messageID: messageId })
    expect(body.results).toHaveLength(1)
    const vr = body.results[0].verifierResult
    expect(Object.keys(vr).sort()).toEqual([
      'ccv_data',
      'message',
      'message_ccv_addresses',
      'message_executor_address',
      'message_id',
      'timestamp',
      'verifier_dest_address',
      'verifier_source_address',
    ])
    expect(Object.keys(body.results[0].metadata).sort()).toEqual([
      'attestationTimestamp',
      'ingestionTimestamp',
      'verifierName',
    ])
    expect(vr.message_id).toBe(messageId)
    expect(vr.verifier_dest_address).toBe(contracts('alpha').v2!.verifierResolver.toLowerCase())
    expect(vr.verifier_source_address).toBe(contracts('beta').v2!.verifierResolver.toLowerCase())
    expect(vr.message_ccv_addresses).toEqual([contracts('beta').v2!.verifierResolver.toLowerCase()])
    expect(vr.message_executor_address).toBe(contracts('beta').v2!.executorProxy.toLowerCase())
    expect(Number.isNaN(Date.parse(vr.timestamp))).toBe(false)
    // Selectors above 2^53 are JSON number literals, written exactly (Go's encoding), not strings.
    expect(text).toContain(`"source_chain_selector":${stack.chain('beta').selector}`)
    expect(text).toContain(`"dest_chain_selector":${stack.chain('alpha').selector}`)
    expect(vr.message).toMatchObject({
      version: 1,
      data: '0xc0ffee',
      data_length: 3,
      receiver_length: 20,
      sender_length: 32,
    })
    // ccv_data: the committee's tag and exactly `threshold` signatures of committee members over the id.
    const { versionTag, signatures } = decodeVerifierResults(vr.ccv_data)
    expect(versionTag).toBe(COMMITTEE_VERSION_TAG)
    expect(signatures).toHaveLength(V2.committee.threshold)
    const committee = nodeWallets('verifier').map((w) => w.address)
    for (const sig of signatures)
      expect(committee).toContain(recoverAddress(committeeSignedHash(messageId), { ...sig, v: 27 }))
  })

  it('answers 404 for an unknown id, 400 for a malformed one, and /health', async () => {
    const base = (await stack.json<StackStatus>('local', 'status')).indexerUrl!
    const unknown = await fetch(`${base}/v1/verifierresults/0x${'ab'.repeat(32)}`)
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({ success: false, status: 404, message: 'MessageID not found' })
    expect((await fetch(`${base}/v1/verifierresults/0x1234`)).status).toBe(400)
    const health = await fetch(`${base}/health`)
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }])
  })
})
