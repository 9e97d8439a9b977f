import { describe, expect, it } from 'vitest'
import { LOCAL_CHAIN_IDS, lookupSelector } from '../../src/profiles/selectors.js'
import { LOCAL_CHAINS, selectorTable } from '../../src/stack/local-chains.js'
import type { ChainStatus } from '../../src/stack/status.js'
import { renderUp } from '../../src/ui/stack.js'

// Values checked against smartcontractkit/chain-selectors (selectors.yml, test_selectors.yml).
describe('chain selector table', () => {
  it.each([
    [1n, 5009297550715157269n, 'ethereum-mainnet'],
    [11155111n, 16015286601757825753n, 'ethereum-testnet-sepolia'],
    [42161n, 4949039107694359620n, 'ethereum-mainnet-arbitrum-1'],
    [84532n, 10344971235874465080n, 'ethereum-testnet-sepolia-base-1'],
    [43113n, 14767482510784806043n, 'avalanche-testnet-fuji'],
    [80002n, 16281711391670634445n, 'polygon-testnet-amoy'],
  ])('chain %s has selector %s (%s)', (chainId, selector, name) => {
    expect(lookupSelector(chainId)).toEqual({ selector, name })
  })

  it.each([
    [1337n, 3379446385462418246n],
    [31337n, 7759470850252068959n],
    [2337n, 12922642891491394802n],
    [3337n, 4793464827907405086n],
    [90000001n, 909606746561742123n],
    [90000002n, 5548718428018410741n],
    [90000003n, 789068866484373046n],
    [90000010n, 8694984074292254623n],
  ])('local chain %s has selector %s', (chainId, selector) => {
    expect(lookupSelector(chainId)?.selector).toBe(selector)
    expect(LOCAL_CHAIN_IDS.has(chainId)).toBe(true)
  })

  it('names the two local ids of the main table as the registry does', () => {
    expect(lookupSelector(1337n)?.name).toBe('geth-testnet')
    expect(lookupSelector(31337n)?.name).toBe('anvil-devnet')
  })

  it('does not treat public chains as local', () => {
    for (const id of [1n, 11155111n, 137n, 8453n, 56n, 1000n]) expect(LOCAL_CHAIN_IDS.has(id)).toBe(false)
  })

  it('returns undefined for chains it does not know', () => {
    expect(lookupSelector(777777n)).toBeUndefined()
    expect(lookupSelector(0n)).toBeUndefined()
  })

  it('agrees with the local stack’s chain list', () => {
    for (const chain of LOCAL_CHAINS) {
      expect(LOCAL_CHAIN_IDS.has(BigInt(chain.chainId))).toBe(true)
      // 0n marks an entry the stack has not filled in yet; every filled one must match the registry.
      if (chain.selector !== 0n) expect(lookupSelector(BigInt(chain.chainId))?.selector).toBe(chain.selector)
    }
  })
})

// Chainlink's SDK (ccip-tools-ts ccip-sdk/src/selectors.ts) bundles the registry's main table:
// of our local ids it has 1337 (geth-testnet) and 31337 (anvil-devnet) and none of the others.
describe("which local chains Chainlink's own tools know", () => {
  it('alpha and beta are in the main table, gamma and later in the test table only', () => {
    expect(LOCAL_CHAINS.map((c) => [c.name, selectorTable(c.chainId)])).toEqual([
      ['alpha', 'main'],
      ['beta', 'main'],
      ['gamma', 'test'],
      ['delta', 'test'],
      ['epsilon', 'test'],
      ['zeta', 'test'],
      ['eta', 'test'],
      ['theta', 'test'],
    ])
  })

  it('`local up` says which lanes they accept', () => {
    const chain = (name: string, chainId: number) => ({
      name,
      chainId,
      selector: '1',
      selectorTable: selectorTable(chainId),
      rpcUrl: null,
      blockNumber: null,
      logArchive: 'archive',
      // CAST: the note reads names and tables only.
      contracts: { router: '0x' } as ChainStatus['contracts'],
    })
    const status = {
      running: true,
      stale: false,
      mining: null,
      nodes: null,
      chains: [chain('alpha', 1337), chain('beta', 31337), chain('gamma', 2337)],
      ccip: '1.6' as const,
      lanes: [],
      indexerUrl: null,
    }
    const text = renderUp({ mode: 'warm', seconds: 1, detached: true, status, accounts: [], logsDir: 'logs' })
    expect(text).toContain(
      "Chainlink's ccip-cli and SDK know alpha and beta only: they accept the alpha ↔ beta lane,",
    )
    expect(text).toContain('not lanes touching gamma')
  })
})
