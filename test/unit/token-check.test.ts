import { describe, expect, it } from 'vitest'
import { remoteAddressBytes } from '../../src/protocol/abi-words.js'
import { checkToken } from '../../src/tokens/check.js'
import type { PoolRemote, TokenOnChain } from '../../src/tokens/inspect.js'

/**
 * The doctor's judgements that the e2e test (token-check.test.ts) cannot easily make on chain: a
 * deployed pool refuses a wrong token or wrong decimals, so those states are built here. A clean
 * two-chain set-up is the baseline each case changes one thing of.
 */
const ME = '0x00000000000000000000000000000000000000a1'
const addr = (n: number) => `0x${n.toString(16).padStart(40, '0')}`
const open = { enabled: true, tokens: 10n ** 20n, capacity: 10n ** 20n, rate: 10n ** 18n }
const remote = (selector: bigint, pool: string, token: string): PoolRemote => ({
  selector,
  remotePools: [remoteAddressBytes(pool)],
  remoteToken: remoteAddressBytes(token),
  outbound: open,
  inbound: open,
})

function chain(
  name: string,
  selector: bigint,
  n: number,
  other: { selector: bigint; n: number },
): TokenOnChain {
  return {
    chain: name,
    selector,
    token: { address: addr(n), symbol: 'T', decimals: 18, totalSupply: 0n, owner: ME, ccipAdmin: ME },
    registry: { address: addr(900 + n), administrator: ME, pendingAdministrator: addr(0), pool: addr(n + 1) },
    pool: {
      address: addr(n + 1),
      type: 'burn-mint',
      version: '1.6',
      typeAndVersion: 'BurnMintTokenPool 1.6.1',
      owner: ME,
      token: addr(n),
      decimals: 18,
      mayMint: true,
      mayBurn: true,
      remotes: [remote(other.selector, addr(other.n + 1), addr(other.n))],
    },
  }
}

const setUp = () => {
  const a = chain('a', 1n, 10, { selector: 2n, n: 20 })
  const b = chain('b', 2n, 20, { selector: 1n, n: 10 })
  return { a, b, run: () => checkToken({ tokenRef: 'T', chains: [a, b], names: { '1': 'a', '2': 'b' } }) }
}
const codes = (findings: ReturnType<typeof checkToken>) =>
  findings.map((f) => `${f.severity} ${f.code} ${f.chain}`)

describe('token check', () => {
  it('finds nothing wrong in a clean set-up', () => {
    expect(setUp().run()).toEqual([])
  })

  it('an unregistered token, and a pool built for other decimals or another token', () => {
    const { a, b, run } = setUp()
    a.registry.administrator = addr(0)
    b.pool!.decimals = 6
    a.pool!.token = addr(77)
    expect(codes(run())).toEqual([
      'error NOT_REGISTERED a',
      'error POOL_FOR_OTHER_TOKEN a',
      'error POOL_DECIMALS b',
    ])
  })

  it('a remote token that is wrong, or stored as 20 raw bytes; a lock box the pool may not use', () => {
    const { a, b, run } = setUp()
    a.pool!.remotes[0]!.remoteToken = remoteAddressBytes(addr(55))
    b.pool!.remotes[0]!.remoteToken = addr(10)
    b.pool = {
      ...b.pool!,
      type: 'lock-release',
      liquidity: { holder: addr(99), amount: 5n, poolAuthorized: false },
    }
    const findings = run()
    expect(codes(findings)).toEqual([
      'error REMOTE_TOKEN_WRONG a',
      'error LOCK_BOX_NOT_AUTHORIZED b',
      'error REMOTE_TOKEN_ENCODING b',
    ])
    expect(findings[0]!.fix).toBe(
      'the pool owner must remove b and ccip token connect --token T --chains a,b',
    )
  })

  it('pools that know nothing of each other: not connected, named from both sides', () => {
    const { a, b, run } = setUp()
    a.pool!.remotes = []
    b.pool!.remotes = []
    expect(codes(run())).toEqual(['warning NOT_CONNECTED a', 'warning NOT_CONNECTED b'])
  })
})
