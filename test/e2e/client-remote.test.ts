import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CcipError, createClient, type LocalStack, startLocalStack } from 'ccipkit'
import { encryptKeystoreJson, getAddress, id, JsonRpcProvider, Wallet } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rpcCall } from '../../src/chain/rpc.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import { type CappedRpc, cappedRpc } from '../helpers/capped-rpc.js'
import { runCli, tempHome } from '../helpers/cli.js'

/**
 * createClient over profiles that look like real networks to ccipkit: added with `ccip chains
 * add` (not local: no dev accounts, no log archive, no finality depth of the stack's), reached
 * through RPC fronts that refuse eth_getLogs over more than 200 blocks as public providers do,
 * signed by the caller's own ethers Wallet. Behind the fronts runs the real local stack.
 */
const FRONT_PORTS = [31410, 31411]
const { home, cleanup } = tempHome('remote-client')
let stack: LocalStack
const fronts: CappedRpc[] = []

beforeAll(async () => {
  stack = await startLocalStack({ chains: 2 })
  for (const [i, chain] of stack.chains.entries()) {
    const front = await cappedRpc(chain.rpcUrl, FRONT_PORTS[i]!, 200)
    fronts.push(front)
    const args = [
      '--rpc-url',
      front.url,
      '--router',
      chain.contracts.router,
      '--selector',
      String(chain.selector),
    ]
    const added = await runCli(['chains', 'add', `net-${chain.name}`, ...args], { home })
    expect(added.code, added.stderr).toBe(0)
  }
})

afterAll(async () => {
  for (const front of fronts) await front.close()
  await stack?.stop()
  cleanup()
})

describe('createClient against real-network-like profiles', () => {
  it('sends with the caller’s signer, follows the message to SUCCESS and reads the lane', async () => {
    const signer = devAccount(6) // a key of the caller's, without a provider: the client connects it
    const client = createClient({ home, signer })
    const request = { from: 'net-alpha', to: 'net-beta', data: '0xbeef' }
    const fee = await client.fee(request)
    expect(fee.fee).toBeGreaterThan(0n)
    const sent = await client.send(request)
    const done = await client.waitFor(sent.messageId, { timeout: 90_000 })
    expect(done).toMatchObject({ state: 'SUCCESS', sourceChain: 'net-alpha', destChain: 'net-beta' })
    expect(done.phases.map((p) => p.state)).toContain('COMMITTED')
    // Every read went to the fronts, not to the stack's own URLs.
    expect(fronts.every((f) => f.counts.getLogs > 0)).toBe(true)
    const [lane] = await client.lanes({ from: 'net-alpha', to: 'net-beta' })
    expect(lane).toMatchObject({ source: 'net-alpha', dest: 'net-beta', state: 'active' })
  })

  it('reads the same history and stats through the capped fronts as the stack reads locally', async () => {
    const client = createClient({ home })
    const before = fronts.map((f) => f.counts.getLogs)
    const remote = await client.stats()
    const local = await stack.stats()
    expect(remote.total.messages).toBeGreaterThan(0)
    expect(
      remote.lanes.map((l) => [
        l.source.replace('net-', ''),
        l.dest.replace('net-', ''),
        l.messages,
        l.success,
      ]),
    ).toEqual(local.lanes.map((l) => [l.source, l.dest, l.messages, l.success]))
    expect((await client.messageHistory()).map((m) => m.messageId).sort()).toEqual(
      (await stack.messageHistory()).map((m) => m.messageId).sort(),
    )
    // Real networks are read from a window (24 h by default), in ranges the fronts accept.
    expect(fronts.every((f, i) => f.counts.getLogs > before[i]!)).toBe(true)
    const future = Math.floor(Date.now() / 1000) + 60
    expect((await client.stats({ since: future })).total.messages).toBe(0)
  })

  it('refuses a dev account index on a chain that is not local, as the CLI does', async () => {
    const client = createClient({ home })
    const error = await client.send({ from: 'net-alpha', to: 'net-beta', data: '0x01', account: 2 }).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(CcipError)
    expect(error).toMatchObject({ code: 'WALLET' })
    expect((error as CcipError).message).toMatch(/not a local chain/)
  })

  it('makes a token cross-chain through real-network profiles: a keystore signs, the registry module is named, confirmation is asked', async () => {
    const wallet = Wallet.createRandom()
    const keystore = join(home, 'token-team.json')
    const json = await encryptKeystoreJson({ address: wallet.address, privateKey: wallet.privateKey }, 'pw', {
      scrypt: { N: 1024 },
    })
    writeFileSync(keystore, json)
    for (const chain of stack.chains)
      await rpcCall(chain.rpcUrl, 'anvil_setBalance', [wallet.address, '0x56bc75e2d63100000'])
    const cli = (...args: string[]) =>
      runCli([...args, '--keystore', keystore, '--json'], { home, env: { CCIPKIT_PASSWORD: 'pw' } })
    const nets = 'net-alpha,net-beta'
    const deploy = [
      'token',
      'deploy',
      '--chains',
      nets,
      '--name',
      'Remote',
      '--symbol',
      'RMT',
      '--pre-mint',
      '100',
    ]
    const unconfirmed = await cli(...deploy)
    expect(unconfirmed.code, unconfirmed.stderr).toBe(2)
    expect(unconfirmed.stderr).toContain('CONFIRMATION_REQUIRED')
    const deployed = await cli(...deploy, '--yes')
    expect(deployed.code, deployed.stderr).toBe(0)
    const setup = ['token', 'setup', '--token', 'RMT', '--chains', nets, '--pool', 'burn-mint']
    const noModule = await cli(...setup, '--yes')
    expect(noModule.code).toBe(2)
    expect(noModule.stderr).toMatch(/RegistryModuleOwnerCustom of net-alpha is not known.*--registry-module/s)
    // The same module on both chains of the stack (each chain deployed its own at the same address).
    const alpha = stack.chains[0]!
    const [added] = await new JsonRpcProvider(alpha.rpcUrl, alpha.chainId, { staticNetwork: true }).getLogs({
      address: alpha.contracts.tokenAdminRegistry,
      topics: [id('RegistryModuleAdded(address)')],
      fromBlock: 0,
    })
    const module = getAddress(`0x${added!.data.slice(26, 66)}`)
    const withModule = [...setup, '--registry-module', module]
    const nonce = await rpcCall<string>(alpha.rpcUrl, 'eth_getTransactionCount', [wallet.address, 'latest'])
    const asked = await cli(...withModule)
    expect(asked.code, asked.stderr).toBe(2)
    expect(asked.stderr).toContain('CONFIRMATION_REQUIRED')
    expect(await rpcCall<string>(alpha.rpcUrl, 'eth_getTransactionCount', [wallet.address, 'latest'])).toBe(
      nonce,
    )
    const done = await cli(...withModule, '--yes')
    expect(done.code, done.stderr).toBe(0)
    expect(JSON.parse(done.stdout).transactions).toHaveLength(12)
    const check = await runCli(['token', 'check', 'RMT', '--json'], { home })
    expect(check.code, check.stdout).toBe(0)
    const client = createClient({ home, signer: wallet })
    const sent = await client.send({
      from: 'net-alpha',
      to: 'net-beta',
      tokens: [{ token: 'RMT', amount: 10n ** 18n }],
    })
    expect((await client.waitFor(sent.messageId, { timeout: 90_000 })).state).toBe('SUCCESS')
  })
})
