import { Contract } from 'ethers'
import { describe, expect, it } from 'vitest'
import { ccipAbi } from '../../src/chain/artifacts.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import { fileStack } from '../helpers/stack.js'

/**
 * `ccip token deploy` (issue 12): the package's FactoryBurnMintERC20 on each chain of the local
 * stack, exactly what --dry-run announced, read back from the chains; bad input refused with
 * nothing sent.
 */
const stack = fileStack('token-deploy', { up: ['--instant'] })
const CHAINS = ['alpha', 'beta', 'gamma'] as const

interface Plan {
  admin: string
  deployer: string
  chains: { chain: string; nonce: number; expectedAddress: string }[]
  data: string
}
interface Deployed {
  token: { name: string; symbol: string; decimals: number; maxSupply: string; preMint: string }
  admin: string
  deployments: { chain: string; address: string; txHash: string }[]
}

const nonces = (address: string) =>
  Promise.all(CHAINS.map((c) => stack.provider(c).getTransactionCount(address, 'pending')))

describe('ccip token deploy', () => {
  it('deploys on every chain at the addresses --dry-run announced, with the requested parameters', async () => {
    const account = devAccount(5)
    const args = ['token', 'deploy', '--chains', CHAINS.join(','), '--name', 'Test Coin', '--symbol', 'TCN']
    const more = ['--decimals', '6', '--max-supply', '1000000', '--pre-mint', '2500.5', '--account', '5']
    const before = await nonces(account.address)
    const plan = await stack.json<Plan>(...args, ...more, '--dry-run')
    expect(plan.deployer).toBe(account.address)
    expect(plan.admin).toBe(account.address)
    expect(plan.chains.map((c) => c.nonce)).toEqual(before)
    expect(await nonces(account.address), 'a dry run sends nothing').toEqual(before)

    const deployed = await stack.json<Deployed>(...args, ...more)
    expect(deployed.token).toEqual({
      name: 'Test Coin',
      symbol: 'TCN',
      decimals: 6,
      maxSupply: '1000000000000',
      preMint: '2500500000',
    })
    expect(deployed.deployments.map((d) => d.chain)).toEqual([...CHAINS])
    for (const [i, d] of deployed.deployments.entries()) {
      expect(d.address).toBe(plan.chains[i]!.expectedAddress)
      const token = new Contract(d.address, ccipAbi('token'), stack.provider(d.chain))
      const read = (fn: string, ...a: unknown[]) => token.getFunction(fn)(...a)
      expect(await read('name')).toBe('Test Coin')
      expect(await read('symbol')).toBe('TCN')
      expect(Number(await read('decimals'))).toBe(6)
      expect(await read('maxSupply')).toBe(1_000_000_000_000n)
      expect(await read('owner')).toBe(account.address)
      expect(await read('getCCIPAdmin')).toBe(account.address)
      expect(await read('balanceOf', account.address)).toBe(2_500_500_000n)
      const receipt = await stack.provider(d.chain).getTransactionReceipt(d.txHash)
      expect(receipt?.contractAddress).toBe(d.address)
    }
  })

  it('--admin: the CCIP admin and pre-mint holder; the signer owns the contract; unlimited supply by default', async () => {
    const admin = devAccount(7).address
    const deployed = await stack.json<Deployed>(
      'token',
      'deploy',
      '--chains',
      'beta',
      '--name',
      'Admined',
      '--symbol',
      'ADM',
      '--pre-mint',
      '3',
      '--admin',
      admin,
      '--account',
      '6',
    )
    expect(deployed.admin).toBe(admin)
    const token = new Contract(deployed.deployments[0]!.address, ccipAbi('token'), stack.provider('beta'))
    const read = (fn: string, ...a: unknown[]) => token.getFunction(fn)(...a)
    expect(await read('getCCIPAdmin')).toBe(admin)
    expect(await read('balanceOf', admin)).toBe(3n * 10n ** 18n)
    expect(await read('owner')).toBe(devAccount(6).address)
    expect(await read('maxSupply')).toBe(0n)
    expect(Number(await read('decimals'))).toBe(18)
  })

  it('refuses bad input with the error contract, and sends nothing', async () => {
    const account = devAccount(8)
    const before = await nonces(account.address)
    const base = ['token', 'deploy', '--name', 'X', '--symbol', 'X', '--account', '8']
    const cases: [string[], number, RegExp][] = [
      [['--chains', 'alpha,nowhere'], 3, /nowhere/],
      [['--chains', 'alpha,alpha'], 2, /names alpha twice/],
      [['--chains', 'alpha', '--decimals', '40'], 2, /0 to 36/],
      [
        ['--chains', 'alpha', '--max-supply', '10', '--pre-mint', '11'],
        2,
        /--pre-mint is above --max-supply/,
      ],
      [['--chains', 'alpha', '--max-supply', 'lots'], 2, /Invalid --max-supply/],
      [['--chains', 'alpha', '--pre-mint', '0.0000001', '--decimals', '6'], 2, /Invalid --pre-mint/],
      [['--chains', 'alpha', '--admin', '0x123'], 2, /admin/],
    ]
    for (const [flags, code, message] of cases) {
      const run = await stack.cli([...base, ...flags, '--json'])
      expect(run.code, `${flags.join(' ')}: ${run.stderr}`).toBe(code)
      expect(run.stderr, flags.join(' ')).toMatch(message)
    }
    const badSymbol = await stack.cli([
      'token',
      'deploy',
      '--chains',
      'alpha',
      '--name',
      'X',
      '--symbol',
      'no spaces',
      '--account',
      '8',
    ])
    expect(badSymbol.code).toBe(2)
    expect(badSymbol.stderr).toMatch(/Invalid --symbol/)
    expect(await nonces(account.address), 'nothing was sent').toEqual(before)
  })
})
