import { Contract, id } from 'ethers'
import { describe, expect, it } from 'vitest'
import { ccipAbi } from '../../src/chain/artifacts.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import { remoteAddressBytes } from '../../src/protocol/abi-words.js'
import { jsonOf } from '../helpers/cli.js'
import { fileStack } from '../helpers/stack.js'

/**
 * `ccip token check` (issue 12), the doctor: every misconfiguration made on purpose on a real
 * set-up is found with its severity, what breaks and the fix; the fixes it names (our commands,
 * run as printed) make the findings go away; a clean set-up exits 0.
 */
const stack = fileStack('token-check', { up: ['--instant'] })
const owner = devAccount(0)

interface Finding {
  severity: string
  code: string
  chain: string
  remote?: string
  fix: string
}
interface Check {
  clean: boolean
  findings: Finding[]
}
interface Setup {
  chains: { chain: string; token: string; pool: string }[]
}

const check = async (token: string) => {
  const run = await stack.cli(['token', 'check', token, '--json'])
  return { code: run.code, ...jsonOf<Check>(run) }
}
const contract = (
  chain: string,
  address: string,
  abi: 'token' | 'burnMintPool' | 'tokenAdminRegistry' | 'registryModule',
) => new Contract(address, ccipAbi(abi), owner.connect(stack.provider(chain)))
const call = async (c: Contract, fn: string, ...args: unknown[]) => (await c.getFunction(fn)(...args)).wait()
const selector = (chain: string) => BigInt(stack.chain(chain).selector)
const deploy = (symbol: string, chains: string, decimals = '18') =>
  stack.json(
    'token',
    'deploy',
    '--chains',
    chains,
    '--name',
    symbol,
    '--symbol',
    symbol,
    '--decimals',
    decimals,
    '--pre-mint',
    '1000',
  )
const find = (c: Check, code: string, chain: string, remote?: string) =>
  c.findings.find(
    (f) => f.code === code && f.chain === chain && (remote === undefined || f.remote === remote),
  )

describe('ccip token check', () => {
  it('finds each misconfiguration with its fix, and the fixes clear them', { timeout: 180_000 }, async () => {
    await deploy('DOC', 'alpha,beta,gamma')
    const limits = ['--outbound', '100/1', '--inbound', '110/1.1']
    const setup = await stack.json<Setup>(
      'token',
      'setup',
      '--token',
      'DOC',
      '--chains',
      'alpha,beta,gamma',
      '--pool',
      'burn-mint',
      ...limits,
    )
    const at = (chain: string) => setup.chains.find((c) => c.chain === chain)!
    const clean = await check('DOC')
    expect(clean, JSON.stringify(clean.findings)).toMatchObject({ code: 0, clean: true, findings: [] })

    // Break it, one thing at a time.
    await call(contract('beta', at('beta').token, 'token'), 'revokeMintRole', at('beta').pool)
    const registry = (chain: string) => stack.chain(chain).contracts.tokenAdminRegistry
    await call(
      contract('gamma', registry('gamma'), 'tokenAdminRegistry'),
      'setPool',
      at('gamma').token,
      `0x${'00'.repeat(20)}`,
    )
    const alphaPool = contract('alpha', at('alpha').pool, 'burnMintPool')
    await call(alphaPool, 'applyChainUpdates', [selector('gamma')], [])
    await call(
      alphaPool,
      'setChainRateLimiterConfig',
      selector('beta'),
      [true, 0n, 0n],
      [true, 110n * 10n ** 18n, 11n * 10n ** 17n],
    )
    const betaPool = contract('beta', at('beta').pool, 'burnMintPool')
    await call(betaPool, 'addRemotePool', selector('alpha'), at('alpha').pool.toLowerCase())
    await call(betaPool, 'removeRemotePool', selector('gamma'), remoteAddressBytes(at('gamma').pool))
    // Alone, a 20-byte entry breaks the lane (alpha's pool would refuse everything from beta).
    await call(alphaPool, 'removeRemotePool', selector('beta'), remoteAddressBytes(at('beta').pool))
    await call(alphaPool, 'addRemotePool', selector('beta'), at('beta').pool.toLowerCase())
    const gammaPool = contract('gamma', at('gamma').pool, 'burnMintPool')
    await call(
      gammaPool,
      'setChainRateLimiterConfig',
      selector('beta'),
      [true, 100n * 10n ** 18n, 10n ** 18n],
      [true, 110n * 10n ** 18n, 11n * 10n ** 17n],
    )
    await call(
      betaPool,
      'setChainRateLimiterConfig',
      selector('gamma'),
      [true, 100n * 10n ** 18n, 10n ** 18n],
      [true, 50n * 10n ** 18n, 10n ** 17n],
    )

    const broken = await check('DOC')
    expect(broken.code).toBe(1)
    expect(broken.clean).toBe(false)
    const expected: [string, string, string | undefined, string, RegExp][] = [
      ['NO_MINT_BURN_ROLE', 'beta', undefined, 'error', /^ccip token grant --token DOC --chains beta$/],
      ['POOL_NOT_SET', 'gamma', undefined, 'error', /^ccip token register --token DOC --chains gamma$/],
      ['ONE_SIDED_LANE', 'alpha', 'gamma', 'error', /^ccip token connect --token DOC --chains alpha,gamma$/],
      [
        'LIMIT_PAUSES_LANE',
        'alpha',
        'beta',
        'error',
        /^ccip ratelimit set --chain alpha --remote beta --token DOC --outbound/,
      ],
      ['REMOTE_POOL_ENCODING', 'beta', 'alpha', 'warning', /removeRemotePool/],
      [
        'REMOTE_POOL_ENCODING',
        'alpha',
        'beta',
        'error',
        /removeRemotePool.*connect --token DOC --chains alpha,beta/,
      ],
      ['REMOTE_POOL_WRONG', 'beta', 'gamma', 'error', /^ccip token connect --token DOC --chains beta,gamma$/],
      ['INBOUND_BELOW_OUTBOUND', 'gamma', 'beta', 'warning', /--inbound 5–10 % above --outbound/],
    ]
    for (const [code, chain, remote, severity, fix] of expected) {
      const f = find(broken, code, chain, remote)
      expect(f, `${code} on ${chain}: ${JSON.stringify(broken.findings, null, 1)}`).toBeDefined()
      expect(f!.severity).toBe(severity)
      expect(f!.fix).toMatch(fix)
    }

    // The fixes, run as printed.
    expect(find(broken, 'REMOTE_POOL_WRONG', 'alpha', 'beta'), 'the raw entry is named once').toBeUndefined()
    for (const code of ['NO_MINT_BURN_ROLE', 'POOL_NOT_SET', 'ONE_SIDED_LANE', 'REMOTE_POOL_WRONG']) {
      const fix = broken.findings.find((f) => f.code === code)!.fix
      const run = await stack.cli(fix.split(' ').slice(1))
      expect(run.code, `${fix}: ${run.stderr}`).toBe(0)
    }
    const limit = await stack.cli([
      'ratelimit',
      'set',
      '--chain',
      'alpha',
      '--remote',
      'beta',
      '--token',
      'DOC',
      '--outbound',
      '--capacity',
      '100',
      '--rate',
      '1',
      '--yes',
    ])
    expect(limit.code, limit.stderr).toBe(0)
    const fixed = await check('DOC')
    for (const code of [
      'NO_MINT_BURN_ROLE',
      'POOL_NOT_SET',
      'ONE_SIDED_LANE',
      'REMOTE_POOL_WRONG',
      'LIMIT_PAUSES_LANE',
    ])
      expect(
        fixed.findings.map((f) => f.code),
        code,
      ).not.toContain(code)
    // Left as made: the raw 20-byte entry (only its removal fixes it) and the low inbound limit.
    expect(find(fixed, 'REMOTE_POOL_ENCODING', 'beta', 'alpha')).toBeDefined()
    const connected = await stack.cli(['token', 'connect', '--token', 'DOC', '--chains', 'alpha,beta'])
    expect(connected.code, connected.stderr).toBe(0)
    expect(find(await check('DOC'), 'REMOTE_POOL_ENCODING', 'alpha', 'beta')?.severity).toBe('warning')
    expect(find(fixed, 'INBOUND_BELOW_OUTBOUND', 'gamma', 'beta')).toBeDefined()
    const send = await stack.cli([
      'send',
      '--from',
      'gamma',
      '--to',
      'alpha',
      '--token',
      'DOC:1',
      '--wait',
      '--json',
    ])
    expect(send.code, send.stderr).toBe(0)
  })

  it('finds an unaccepted admin, no pool, differing decimals, no liquidity, and split roles', {
    timeout: 120_000,
  }, async () => {
    await deploy('ADM', 'alpha')
    const adm = jsonOf<{ chains: { token: { address: string } }[] }>(
      await stack.cli(['token', 'show', 'ADM', '--json']),
    )
    const tar = stack.chain('alpha').contracts.tokenAdminRegistry
    const added = await stack
      .provider('alpha')
      .getLogs({ address: tar, topics: [id('RegistryModuleAdded(address)')], fromBlock: 0 })
    const registryModule = `0x${added[0]!.data.slice(26, 66)}`
    await call(
      contract('alpha', registryModule, 'registryModule'),
      'registerAdminViaOwner',
      adm.chains[0]!.token.address,
    )
    const admCheck = await check('ADM')
    expect(find(admCheck, 'ADMIN_NOT_ACCEPTED', 'alpha')?.severity).toBe('warning')
    expect(find(admCheck, 'NO_POOL', 'alpha')?.severity).toBe('error')

    await deploy('DEC', 'alpha,beta')
    await deploy('DEC', 'gamma', '6')
    const dec = await stack.json<Setup>(
      'token',
      'setup',
      '--token',
      'DEC',
      '--chains',
      'alpha,beta,gamma',
      '--pool',
      'lock-release',
      '--home-chain',
      'alpha',
    )
    const betaPool = contract('beta', dec.chains.find((c) => c.chain === 'beta')!.pool, 'burnMintPool')
    await call(betaPool, 'transferOwnership', devAccount(1).address)
    const asOne = new Contract(
      await betaPool.getAddress(),
      ccipAbi('burnMintPool'),
      devAccount(1).connect(stack.provider('beta')),
    )
    await call(asOne, 'acceptOwnership')
    expect(find(await check('DEC'), 'NO_LIQUIDITY', 'alpha')?.severity).toBe('warning')
    // A 1.6 lock/release home: a transfer out locks (the pool's first liquidity), and arrives minted.
    const out = await stack.cli([
      'send',
      '--from',
      'alpha',
      '--to',
      'beta',
      '--token',
      'DEC:1',
      '--wait',
      '--json',
    ])
    expect(out.code, out.stderr).toBe(0)
    // gamma's pool told alpha's token as 20 raw bytes (re-added by hand, as a script might).
    const on = (chain: string) => dec.chains.find((c) => c.chain === chain)!
    const gammaPool = contract('gamma', on('gamma').pool, 'burnMintPool')
    const off = [false, 0n, 0n]
    await call(
      gammaPool,
      'applyChainUpdates',
      [selector('alpha')],
      [
        [
          selector('alpha'),
          [remoteAddressBytes(on('alpha').pool)],
          on('alpha').token.toLowerCase(),
          off,
          off,
        ],
      ],
    )
    const decCheck = await check('DEC')
    expect(find(decCheck, 'REMOTE_TOKEN_ENCODING', 'gamma', 'alpha')?.fix).toBe(
      'the pool owner must remove alpha and ccip token connect --token DEC --chains gamma,alpha',
    )
    expect(decCheck.code).toBe(1)
    const decimals = find(decCheck, 'DECIMALS_DIFFER', 'alpha', 'gamma')
    expect(decimals?.severity).toBe('warning')
    expect(decimals?.fix).toMatch(/multiples of 0\.000001 tokens/)
    expect(find(decCheck, 'DECIMALS_DIFFER', 'gamma', 'alpha')).toBeUndefined()
    expect(find(decCheck, 'NO_LIQUIDITY', 'alpha')).toBeUndefined()
    expect(find(decCheck, 'ADMIN_NOT_POOL_OWNER', 'beta')?.severity).toBe('info')
  })
})
