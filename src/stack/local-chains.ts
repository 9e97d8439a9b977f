/**
 * The local chains, in start order. Ids and selectors come from Chainlink's public chain-selectors
 * registry so that official tools recognise them: 1337 and 31337 are the two local ids in the
 * registry's main table (so the alpha↔beta lane is known even to tools that only read that table),
 * then ids from its test table.
 */
export interface LocalChainDef {
  readonly name: string
  readonly chainId: number
  readonly selector: bigint
}

export const LOCAL_CHAINS: readonly LocalChainDef[] = [
  { name: 'alpha', chainId: 1337, selector: 3379446385462418246n },
  { name: 'beta', chainId: 31337, selector: 7759470850252068959n },
  { name: 'gamma', chainId: 2337, selector: 12922642891491394802n },
  { name: 'delta', chainId: 3337, selector: 4793464827907405086n },
  { name: 'epsilon', chainId: 90000001, selector: 909606746561742123n },
  { name: 'zeta', chainId: 90000002, selector: 5548718428018410741n },
  { name: 'eta', chainId: 90000003, selector: 789068866484373046n },
  { name: 'theta', chainId: 90000004, selector: 5721565186521185178n },
]

export const MIN_CHAINS = 2
export const MAX_CHAINS = LOCAL_CHAINS.length

export function localChains(count: number): LocalChainDef[] {
  return LOCAL_CHAINS.slice(0, count)
}
