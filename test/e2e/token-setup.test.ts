import { Contract, ContractFactory } from 'ethers'
import { describe, expect, it } from 'vitest'
import { ccipAbi, ccipArtifact } from '../../src/chain/artifacts.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import { jsonOf } from '../helpers/cli.js'
import { fileStack } from '../helpers/stack.js'

/**
 * `ccip token setup` and its steps alone (issue 12): fresh tokens made cross-chain on three local
 * chains with 1.6 burn/mint pools and 2.0 lock/release + burn/mint pools, sent both ways; an
 * interrupted setup finished by running it again, repeating nothing; three tokens in one message;
 * bad input refused with nothing sent.
 */
const stack = fileStack('token-setup', { up: ['--instant'] })
const CHAINS = 'alpha,beta,gamma'
const owner = devAccount(0)

interface Setup {
  token: string
  chains: { chain: string; token: string; pool: string | null }[]
  transactions: { chain: string; action: string; txHash: string }[]
  notes: string[]
}
interface Shown {
  chains: {
    chain: string
    registry: { administrator: string | null; pool: string | null }
    pool: {
      address: string
      type: string
      version: string
      mayMint: boolean | null
      mayBurn: boolean | null
      liquidity?: { amount: string; poolAuthorized: boolean }
      remotes: { chain: string; remotePools: string[]; outbound: { enabled: boolean; capacity: string } }[]
    } | null
  }[]
}

const deploy = (symbol: string, preMint: string) =>
  stack.json(
    'token',
    'deploy',
    '--chains',
    CHAINS,
    '--name',
    `${symbol} coin`,
    '--symbol',
    symbol,
    '--pre-mint',
    preMint,
  )
const token = (chain: string, address: string) =>
  new Contract(address, ccipAbi('token'), owner.connect(stack.provider(chain)))
const send = async (from: string, to: string, ...tokens: string[]) => {
  const run = await stack.cli([
    'send',
    '--from',
    from,
    '--to',
    to,
    ...tokens.flatMap((t) => ['--token', t]),
    '--wait',
    '--json',
  ])
  expect(run.code, `${from} → ${to} ${tokens.join(' ')}: ${run.stderr}`).toBe(0)
  return jsonOf<{ state: string }>(run)
}

describe('ccip token setup', () => {
  it('makes a fresh token cross-chain with 1.6 burn/mint pools and rate limits; a re-run sends nothing', async () => {
    await deploy('BMT', '1000')
    const bmt = ['token', 'setup', '--token', 'BMT', '--chains', CHAINS, '--pool', 'burn-mint']
    const limits = ['--outbound', '100/1', '--inbound', '110/1.1']
    const plan = await stack.json<{ transactions: unknown[] }>(...bmt, ...limits, '--dry-run')
    expect(plan.transactions).toHaveLength(3 * 6) // pool, grant, propose, accept, setPool, connect
    const nonce = await stack.provider('alpha').getTransactionCount(owner.address)
    const setup = await stack.json<Setup>(...bmt, ...limits)
    expect(setup.transactions).toHaveLength(18)
    expect(await stack.provider('alpha').getTransactionCount(owner.address)).toBe(nonce + 6)
    const shown = await stack.json<Shown>('token', 'show', 'BMT')
    for (const c of shown.chains) {
      expect(c.registry.administrator).toBe(owner.address)
      expect(c.registry.pool).toBe(c.pool?.address)
      expect(c.pool).toMatchObject({ type: 'burn-mint', version: '1.6', mayMint: true, mayBurn: true })
      expect(c.pool?.remotes.map((r) => r.chain).sort()).toEqual(
        ['alpha', 'beta', 'gamma'].filter((n) => n !== c.chain),
      )
      for (const r of c.pool!.remotes)
        expect(r.outbound).toMatchObject({ enabled: true, capacity: '100000000000000000000' })
    }
    const again = await stack.json<Setup>(...bmt, ...limits)
    expect(again.transactions).toEqual([])
    const alpha = setup.chains.find((c) => c.chain === 'alpha')!
    const supplyBefore = (await token('alpha', alpha.token).getFunction('totalSupply')()) as bigint
    expect((await send('alpha', 'beta', 'BMT:7')).state).toBe('SUCCESS')
    expect((await send('beta', 'gamma', 'BMT:2')).state).toBe('SUCCESS')
    expect((await send('gamma', 'alpha', 'BMT:1')).state).toBe('SUCCESS')
    // Burned on alpha, minted on beta; one back.
    expect(await token('alpha', alpha.token).getFunction('totalSupply')()).toBe(
      supplyBefore - 6n * 10n ** 18n,
    )
  })

  it('finishes an interrupted 2.0 lock/release setup by running it again, repeating nothing', async () => {
    await deploy('LRT', '50')
    // The home chain's pool alone first (token pool deploy), then a setup that stops: the signer
    // holds 50 LRT, the pool is asked to hold 5,000.
    const pool = await stack.json<Setup>(
      'token',
      'pool',
      'deploy',
      '--token',
      'LRT',
      '--chains',
      'alpha',
      '--pool',
      'lock-release',
      '--pool-version',
      '2.0',
    )
    expect(pool.transactions.map((t) => t.action)).toEqual([
      "deploy the lock box of LRT's pool 2.0",
      'deploy a lock-release pool 2.0 for LRT',
      'let the pool use its lock box',
    ])
    const args = [
      'token',
      'setup',
      '--token',
      'LRT',
      '--chains',
      CHAINS,
      '--pool',
      'lock-release',
      '--home-chain',
      'alpha',
      '--pool-version',
      '2.0',
      '--liquidity',
      '5000',
      '--json',
    ]
    const stopped = await stack.cli(args)
    expect(stopped.code, stopped.stderr).toBe(1)
    const error = JSON.parse(stopped.stderr) as {
      error: { code: string; message: string; details: { done: unknown[] } }
    }
    expect(error.error.code).toBe('DEPLOY_FAILED')
    expect(error.error.message).toMatch(/liquidity/)
    expect(error.error.details.done.length).toBeGreaterThan(0)
    const alphaToken = pool.chains[0]!.token
    const lrt = token('alpha', alphaToken)
    await (await lrt.getFunction('grantMintRole')(owner.address)).wait()
    await (await lrt.getFunction('mint')(owner.address, 10_000n * 10n ** 18n)).wait()
    const resumed = jsonOf<Setup>(await stack.cli(args))
    // Nothing deployed twice: the pools are those of the first runs.
    expect(resumed.chains.find((c) => c.chain === 'alpha')?.pool).toBe(pool.chains[0]!.pool)
    expect(resumed.transactions.filter((t) => /deploy/.test(t.action))).toEqual([])
    expect(resumed.transactions.map((t) => t.action)).toContain('add 5000.0 LRT of liquidity')
    const shown = await stack.json<Shown>('token', 'show', 'LRT')
    const home = shown.chains.find((c) => c.chain === 'alpha')!.pool!
    expect(home).toMatchObject({ type: 'lock-release', version: '2.0' })
    expect(home.liquidity).toEqual({
      amount: '5000000000000000000000',
      poolAuthorized: true,
      holder: expect.any(String),
    })
    for (const c of shown.chains.filter((s) => s.chain !== 'alpha'))
      expect(c.pool).toMatchObject({ type: 'burn-mint', version: '2.0', mayMint: true, mayBurn: true })
    expect((await send('alpha', 'beta', 'LRT:30')).state).toBe('SUCCESS')
    expect((await send('beta', 'alpha', 'LRT:10')).state).toBe('SUCCESS')
    const after = await stack.json<Shown>('token', 'show', 'LRT', '--chains', 'alpha')
    expect(after.chains[0]!.pool!.liquidity!.amount).toBe('5020000000000000000000')
  })

  it('takes up a pool whose deployment a killed setup never wrote down, instead of deploying another', async () => {
    const deployed = await stack.json<{ deployments: { chain: string; address: string }[] }>(
      'token',
      'deploy',
      '--chains',
      'alpha,beta',
      '--name',
      'KIL',
      '--symbol',
      'KIL',
      '--pre-mint',
      '10',
    )
    // What a setup killed right after the pool's deployment leaves: a pool on chain, in no book or registry.
    const alpha = stack.chain('alpha')
    const signer = owner.connect(stack.provider('alpha'))
    const router = new Contract(alpha.contracts.router, ccipAbi('router'), signer)
    const rmnProxy = String(await router.getFunction('getArmProxy')())
    const artifact = ccipArtifact('burnMintPool')
    const token = deployed.deployments.find((d) => d.chain === 'alpha')!.address
    const pool = await new ContractFactory(artifact.abi, artifact.bytecode, signer).deploy(
      token,
      18,
      [],
      rmnProxy,
      alpha.contracts.router,
    )
    await pool.waitForDeployment()
    const setup = await stack.json<Setup>(
      'token',
      'setup',
      '--token',
      'KIL',
      '--chains',
      'alpha,beta',
      '--pool',
      'burn-mint',
    )
    expect(setup.chains.find((c) => c.chain === 'alpha')?.pool).toBe(await pool.getAddress())
    expect(setup.transactions.filter((t) => t.chain === 'alpha' && /deploy/.test(t.action))).toEqual([])
    expect(setup.transactions.filter((t) => t.chain === 'beta' && /deploy/.test(t.action))).toHaveLength(1)
    expect((await send('beta', 'alpha', 'KIL:1')).state).toBe('SUCCESS')
  })

  it('sends three tokens in one message', async () => {
    const sent = await send('alpha', 'gamma', 'BMT:1', 'LRT:1', 'CCIP-BnM:1')
    expect(sent.state).toBe('SUCCESS')
  })

  it('refuses bad input with a clear error and sends nothing', async () => {
    const stranger = devAccount(3)
    const nonce = () => stack.provider('alpha').getTransactionCount(stranger.address)
    const before = await nonce()
    const cases: [string[], number, string, RegExp][] = [
      [['--token', 'NOPE', '--pool', 'burn-mint'], 3, 'TOKEN_NOT_FOUND', /No token 'NOPE'/],
      [
        [
          '--token',
          `alpha=${stack.chain('alpha').contracts.router},beta=${stack.chain('beta').contracts.router}`,
          '--chains',
          'alpha,beta',
          '--pool',
          'burn-mint',
        ],
        1,
        'UNSUPPORTED_TOKEN',
        /not an ERC-20/,
      ],
      [
        ['--token', 'BMT', '--account', '3', '--pool', 'burn-mint', '--outbound', '50/1'],
        1,
        'UNAUTHORIZED',
        /Only the pool's owner on alpha \(0x[0-9a-fA-F]{40}\) can connect/,
      ],
      [
        ['--token', 'BMT', '--pool', 'burn-mint', '--home-chain', 'alpha'],
        2,
        'INVALID_ARGUMENT',
        /--home-chain goes with --pool lock-release/,
      ],
      [
        ['--token', 'BMT', '--pool', 'lock-release', '--home-chain', 'delta'],
        2,
        'INVALID_ARGUMENT',
        /not in --chains/,
      ],
      [['--token', 'BMT', '--pool', 'burn-mint', '--outbound', '10/20'], 2, 'USAGE', /above --capacity/],
      [
        ['--token', 'BMT', '--pool', 'burn-mint', '--outbound', 'lots'],
        2,
        'INVALID_ARGUMENT',
        /Invalid --outbound 'lots'/,
      ],
      [['--token', 'LRT', '--pool', 'burn-mint'], 2, 'INVALID_ARGUMENT', /already has a lock-release pool/],
    ]
    for (const [flags, code, errorCode, message] of cases) {
      const all = flags.includes('--chains') ? flags : ['--chains', CHAINS, ...flags]
      const run = await stack.cli([
        'token',
        'setup',
        ...all,
        '--json',
        ...(flags.includes('--account') ? [] : ['--account', '3']),
      ])
      expect(run.code, `${flags.join(' ')}: ${run.stderr}`).toBe(code)
      const { error } = JSON.parse(run.stderr) as { error: { code: string; message: string } }
      expect(error.code, flags.join(' ')).toBe(errorCode)
      expect(error.message, flags.join(' ')).toMatch(message)
    }
    // Complete is complete for anyone: another account re-running the setup sends nothing.
    const complete = await stack.json<Setup>(
      'token',
      'setup',
      '--token',
      'BMT',
      '--chains',
      CHAINS,
      '--account',
      '3',
    )
    expect(complete.transactions).toEqual([])
    expect(await nonce(), 'nothing was sent').toBe(before)
  })
})
