import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
// The package as a user imports it: resolved through package.json `exports` to the built files.
import { CcipError, type LocalStack, startLocalStack } from 'ccipkit'
import { ContractFactory, JsonRpcProvider, Wallet } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rpcCall } from '../../src/chain/rpc.js'
import { packageRoot } from '../../src/package-root.js'
import { sleep } from '../../src/time.js'

/**
 * The library API on two real stacks started side by side in one process, each on free ports in
 * its own temporary home: messages with data and several tokens reach SUCCESS, a curse on one
 * stack leaves the other alone, waitFor names the state a held message is stuck in, bad input
 * gets the CLI's errors, and stop() leaves nothing behind.
 */
let one: LocalStack
let two: LocalStack

beforeAll(async () => {
  ;[one, two] = await Promise.all([startLocalStack({ chains: 2 }), startLocalStack({ chains: 2 })])
})
afterAll(async () => {
  await Promise.all([one?.stop(), two?.stop()])
})

const balanceOf = async (rpcUrl: string, token: string, who: string): Promise<bigint> =>
  BigInt(
    await rpcCall<string>(rpcUrl, 'eth_call', [
      { to: token, data: `0x70a08231${who.slice(2).toLowerCase().padStart(64, '0')}` },
      'latest',
    ]),
  )

/** The CcipError a promise rejects with (fails the test if it resolves or throws anything else). */
async function rejection(work: Promise<unknown>): Promise<CcipError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(CcipError)
  return error as CcipError
}

describe('startLocalStack', () => {
  it('gives each stack its own ports and home, and describes its chains', () => {
    expect(one.chains.map((c) => c.name)).toEqual(['alpha', 'beta'])
    const urls = [...one.chains, ...two.chains].map((c) => c.rpcUrl)
    expect(new Set(urls).size).toBe(4)
    expect(one.home).not.toBe(two.home)
    const alpha = one.chain('alpha')
    expect(alpha.chainId).toBe(1337)
    expect(typeof alpha.selector).toBe('bigint')
    expect(alpha.contracts.router).toMatch(/^0x[0-9a-fA-F]{40}$/)
    expect(alpha.accounts[3]).toBe('0x90F79bf6EB2c4f870365E785982E1f101E93b906')
  })

  it('sends data and two tokens in one message, signed by a chosen dev account, to SUCCESS', async () => {
    const alpha = one.chain('alpha')
    const beta = one.chain('beta')
    const receiver = beta.accounts[5]!
    const bnm = beta.contracts.tokens['CCIP-BnM'].token
    const lnm = beta.contracts.tokens['CCIP-LnM'].token
    const before = await Promise.all([
      balanceOf(beta.rpcUrl, bnm, receiver),
      balanceOf(beta.rpcUrl, lnm, receiver),
    ])
    const request = {
      from: 'alpha',
      to: 'beta',
      receiver,
      data: '0x01',
      tokens: [
        { token: 'CCIP-BnM', amount: 10n ** 16n },
        { token: alpha.contracts.tokens['CCIP-LnM'].token, amount: 3n * 10n ** 15n },
      ],
      account: 3,
    }
    const fee = await one.fee(request)
    expect(fee.fee).toBeGreaterThan(0n)
    const sent = await one.send(request)
    expect(sent.messageId).toMatch(/^0x[0-9a-f]{64}$/)
    expect(sent.sender).toBe(alpha.accounts[3])
    expect(sent.tokens.map((t) => t.symbol)).toEqual(['CCIP-BnM', 'CCIP-LnM'])
    const final = await one.waitFor(sent.messageId, { timeout: 60_000 })
    expect(final.state).toBe('SUCCESS')
    expect(final.phases.map((p) => p.state)).toEqual([
      'SENT',
      'SOURCE_FINALIZED',
      'COMMITTED',
      'BLESSED',
      'SUCCESS',
    ])
    expect(await balanceOf(beta.rpcUrl, bnm, receiver)).toBe(before[0]! + 10n ** 16n)
    expect(await balanceOf(beta.rpcUrl, lnm, receiver)).toBe(before[1]! + 3n * 10n ** 15n)
    // The other stack never saw it.
    expect((await two.status(sent.messageId)).state).toBe('UNKNOWN')
  })

  it('curses one stack only; waitFor names the state a held message is stuck in', async () => {
    const sent = await two.send({ from: 'alpha', to: 'beta', data: '0x02' })
    await two.curse({ subjects: ['alpha'], on: ['beta'] })
    const lanes = await two.lanes({ from: 'alpha', to: 'beta' })
    expect(lanes.map((l) => l.state)).toEqual(['cursed'])
    expect((await one.lanes({ from: 'alpha', to: 'beta' })).map((l) => l.state)).toEqual(['active'])
    const stuck = await rejection(two.waitFor(sent.messageId, { timeout: 3_000 }))
    expect(stuck.code).toBe('TIMEOUT')
    // Held before execution: the curse may land before or after the commit (and its blessing).
    expect(stuck.shortMessage).toMatch(/is still (SENT|SOURCE_FINALIZED|COMMITTED|BLESSED) after 3 s/)
    expect(stuck.hint).toBeDefined()
    await two.uncurse({ subjects: ['alpha'], on: ['beta'] })
    expect((await two.waitFor(sent.messageId)).state).toBe('SUCCESS')
  })

  it('a receiver that reverts: FAILURE, then fixed and executed by hand', async () => {
    const beta = one.chain('beta')
    const provider = new JsonRpcProvider(beta.rpcUrl, beta.chainId, { staticNetwork: true })
    try {
      // CAST: a committed solc artifact (test/contracts/compile.ts writes them).
      const artifact = JSON.parse(
        readFileSync(join(packageRoot(), 'fixtures/contracts/artifacts/RevertingReceiver.json'), 'utf8'),
      ) as { abi: []; bytecode: string }
      // Dev account 7's key: the mnemonic's, derived by the stack's own helper in the library's tests.
      const { devAccount } = await import('../../src/profiles/dev-keys.js')
      const signer = new Wallet(devAccount(7).privateKey, provider)
      const receiver = await new ContractFactory(artifact.abi, artifact.bytecode, signer).deploy(
        beta.contracts.router,
        true,
      )
      await receiver.waitForDeployment()
      const sent = await one.send({
        from: 'alpha',
        to: 'beta',
        receiver: await receiver.getAddress(),
        data: '0xbeef',
      })
      const failed = await one.waitFor(sent.messageId)
      expect(failed.state).toBe('FAILURE')
      expect(failed.failure).toBeDefined()
      await (await receiver.getFunction('setShouldRevert')(false)).wait()
      const { status } = await one.manualExec(sent.messageId, { gasLimit: 300_000n })
      expect(status.state).toBe('SUCCESS')
    } finally {
      provider.destroy()
    }
  })

  it('sets a rate limit in the smallest unit; a send above it is RATE_LIMITED', async () => {
    const set = await one.setRateLimit({
      chain: 'alpha',
      remote: 'beta',
      token: 'CCIP-BnM',
      direction: 'outbound',
      capacity: 10n ** 15n,
      rate: 10n ** 12n,
    })
    expect(set.outbound).toMatchObject({ enabled: true, capacity: 10n ** 15n, rate: 10n ** 12n })
    const over = await rejection(
      one.send({ from: 'alpha', to: 'beta', tokens: [{ token: 'CCIP-BnM', amount: 2n * 10n ** 15n }] }),
    )
    expect(over.code).toBe('RATE_LIMITED')
    const off = await one.setRateLimit({
      chain: 'alpha',
      remote: 'beta',
      token: 'CCIP-BnM',
      direction: 'outbound',
      disable: true,
    })
    expect(off.outbound.enabled).toBe(false)
    const bad = await rejection(
      one.setRateLimit({
        chain: 'alpha',
        remote: 'beta',
        token: 'CCIP-BnM',
        direction: 'outbound',
        capacity: 1n,
        rate: 2n,
      }),
    )
    expect(bad.code).toBe('USAGE')
  })

  it('deploys your own token on every chain, the signer its owner and the admin its CCIP admin', async () => {
    const admin = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955' // dev account 7
    const deployed = await two.deployToken({
      chains: ['alpha', 'beta'],
      name: 'Library Coin',
      symbol: 'LIB',
      decimals: 8,
      preMint: 5n * 10n ** 8n,
      admin,
      account: 4,
    })
    expect(deployed.admin).toBe(admin)
    expect(deployed.deployments.map((d) => d.chain)).toEqual(['alpha', 'beta'])
    for (const d of deployed.deployments) {
      const rpcUrl = two.chains.find((c) => c.name === d.chain)!.rpcUrl
      expect(await balanceOf(rpcUrl, d.address, admin)).toBe(5n * 10n ** 8n)
    }
    expect(
      (await rejection(two.deployToken({ chains: ['alpha'], name: 'X', symbol: 'X', decimals: 99 }))).code,
    ).toBe('INVALID_ARGUMENT')
    expect(
      (await rejection(two.deployToken({ chains: ['alpha'], name: 'X', symbol: 'X', preMint: -1n }))).code,
    ).toBe('INVALID_ARGUMENT')
  })

  it('sets up a token across chains, shows it, checks it, and sends it', async () => {
    const token = await two.deployToken({
      chains: ['alpha', 'beta'],
      name: 'Set Coin',
      symbol: 'SET',
      preMint: 10n ** 21n,
    })
    const request = {
      token: 'SET',
      chains: ['alpha', 'beta'],
      pool: 'burn-mint' as const,
      outbound: { capacity: 10n ** 20n, rate: 10n ** 18n },
      inbound: 'off' as const,
    }
    const plan = await two.planTokenSetup(request)
    expect(plan.steps.map((s) => s.phase)).toContain('connect')
    const done = await two.setupToken(request)
    expect(done.done).toHaveLength(plan.steps.length)
    expect((await two.setupToken(request)).done, 'a second call sends nothing').toEqual([])
    const shown = await two.showToken('SET')
    expect(shown.chains.map((c) => [c.chain, c.pool?.type, c.pool?.remotes[0]?.outbound.capacity])).toEqual([
      ['alpha', 'burn-mint', 10n ** 20n],
      ['beta', 'burn-mint', 10n ** 20n],
    ])
    expect((await two.checkToken('SET')).findings).toEqual([])
    const sent = await two.send({ from: 'alpha', to: 'beta', tokens: [{ token: 'SET', amount: 10n ** 18n }] })
    expect((await two.waitFor(sent.messageId)).state).toBe('SUCCESS')
    const betaToken = token.deployments.find((d) => d.chain === 'beta')!.address
    expect(await balanceOf(two.chains.find((c) => c.name === 'beta')!.rpcUrl, betaToken, sent.sender)).toBe(
      10n ** 21n + 10n ** 18n,
    )
    expect((await rejection(two.setupToken({ ...request, steps: ['nope' as never] }))).code).toBe(
      'INVALID_ARGUMENT',
    )
    expect((await rejection(two.showToken('NOPE', { chains: ['alpha'] }))).code).toBe('TOKEN_NOT_FOUND')
  })

  it('signs with a signer of the caller: an ethers Wallet, with or without a provider of its own', async () => {
    const { devAccount } = await import('../../src/profiles/dev-keys.js')
    const loose = new Wallet(devAccount(6).privateKey)
    const sent = await one.send({ from: 'alpha', to: 'beta', data: '0x06', signer: loose })
    expect(sent.sender).toBe(loose.address)
    const alpha = one.chain('alpha')
    const provider = new JsonRpcProvider(alpha.rpcUrl, alpha.chainId, {
      staticNetwork: true,
      pollingInterval: 50,
    })
    try {
      const connected = new Wallet(devAccount(8).privateKey, provider)
      const again = await one.send({
        from: 'alpha',
        to: 'beta',
        data: '0x08',
        tokens: [{ token: 'CCIP-BnM', amount: 10n ** 15n }],
        signer: connected,
      })
      expect(again.sender).toBe(connected.address)
      expect((await one.waitFor(again.messageId)).state).toBe('SUCCESS')
    } finally {
      provider.destroy()
    }
    expect((await one.waitFor(sent.messageId)).state).toBe('SUCCESS')
    const odd = await rejection(one.send({ from: 'alpha', to: 'beta', data: '0x', signer: {} as never }))
    expect(odd.code).toBe('INVALID_ARGUMENT')
  })

  it('refuses bad input with the CLI errors, before anything is sent', async () => {
    const zero = await rejection(
      one.send({ from: 'alpha', to: 'beta', tokens: [{ token: 'CCIP-BnM', amount: 0n }] }),
    )
    expect(zero.code).toBe('INVALID_ARGUMENT')
    const account = await rejection(one.send({ from: 'alpha', to: 'beta', data: '0x', account: 12 }))
    expect(account.code).toBe('INVALID_ARGUMENT')
    expect(account.hint).toMatch(/0 to 9/)
    const chain = await rejection(one.send({ from: 'alpha', to: 'omega', data: '0x' }))
    expect(chain.code).toBe('PROFILE_NOT_FOUND')
    const twice = await rejection(
      one.fee({
        from: 'alpha',
        to: 'beta',
        tokens: [
          { token: 'CCIP-BnM', amount: 1n },
          { token: 'CCIP-BnM', amount: 2n },
        ],
      }),
    )
    expect(twice.code).toBe('USAGE')
    expect((await rejection(one.status('0x1234'))).code).toBe('INVALID_ARGUMENT')
    expect(() => one.chain('omega')).toThrow(/no chain 'omega'/)
    expect((await rejection(startLocalStack({ chains: -1 }))).code).toBe('INVALID_ARGUMENT')
  })

  it('snapshot() and revert(): every chain back, the nodes afresh, the snapshot reusable', async () => {
    const alpha = one.chain('alpha')
    const height = () => rpcCall<string>(alpha.rpcUrl, 'eth_blockNumber', []).then(Number)
    const id = await one.snapshot()
    const at = await height()
    const sent = await one.send({ from: 'alpha', to: 'beta', data: '0x0a' })
    expect((await one.waitFor(sent.messageId)).state).toBe('SUCCESS')
    const t0 = Date.now()
    await one.revert(id)
    process.stderr.write(`api: revert took ${Date.now() - t0} ms\n`)
    expect(await height()).toBeLessThanOrEqual(at + 1)
    expect((await one.status(sent.messageId)).state).toBe('UNKNOWN')
    // The nodes serve the restored chains: the same message again gets the same sequence number.
    const again = await one.send({ from: 'alpha', to: 'beta', data: '0x0a' })
    expect(again.sequenceNumber).toBe(sent.sequenceNumber)
    expect((await one.waitFor(again.messageId)).state).toBe('SUCCESS')
    await one.revert(id)
    expect((await one.status(again.messageId)).state).toBe('UNKNOWN')
    expect((await rejection(one.revert('77'))).code).toBe('NOT_FOUND')
  })

  it('stop() ends every process and removes the temporary home; a second stop is harmless', async () => {
    const stack = await startLocalStack({ chains: 2 })
    const url = stack.chain('alpha').rpcUrl
    expect(await rpcCall<string>(url, 'eth_chainId', [])).toBe('0x539')
    {
      await using scoped = stack
      expect(scoped.chains).toHaveLength(2)
    }
    expect(existsSync(stack.home)).toBe(false)
    await expect(rpcCall(url, 'eth_chainId', [])).rejects.toThrow()
    // A stopped stack says so, at once.
    expect((await rejection(stack.send({ from: 'alpha', to: 'beta', data: '0x' }))).code).toBe(
      'STACK_NOT_RUNNING',
    )
    expect((await rejection(stack.snapshot())).code).toBe('STACK_NOT_RUNNING')
    await stack.stop()
  })
  it('stops by itself, temporary home and all, when the process that started it dies', async () => {
    const script = `import { startLocalStack } from 'ccipkit'
      const stack = await startLocalStack({ chains: 2 })
      console.log(JSON.stringify({ home: stack.home, url: stack.chain('alpha').rpcUrl }))`
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const line = await new Promise<string>((resolve) =>
      child.stdout.once('data', (d: Buffer) => resolve(d.toString())),
    )
    const { home, url } = JSON.parse(line) as { home: string; url: string }
    expect(await rpcCall<string>(url, 'eth_chainId', [])).toBe('0x539')
    child.kill('SIGKILL')
    let gone = false
    for (let i = 0; i < 100 && !gone; i++) {
      await sleep(200)
      gone =
        !existsSync(home) &&
        (await rpcCall(url, 'eth_chainId', []).then(
          () => false,
          () => true,
        ))
    }
    expect(gone, `${home} and ${url} outlived their owner`).toBe(true)
  })
})
