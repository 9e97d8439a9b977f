/**
 * The local chains, in start order. Ids and selectors come from Chainlink's public chain-selectors
 * registry. Only 1337 and 31337 are local ids in the registry's MAIN table, the one Chainlink's SDK
 * and ccip-cli bundle: those tools accept the alpha ↔ beta lane and refuse every lane touching
 * gamma and later chains, whose ids are in the registry's test table only. No safe alternative
 * exists: every other id in the main table belongs to a real network (including Chainlink's
 * private testnets), and a local chain must never share an id with one (dev keys are refused by
 * chain id).
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

/** The chain ids Chainlink's own tools know (their bundled main selector table). */
const IN_CHAINLINK_MAIN_TABLE: ReadonlySet<number> = new Set([1337, 31337])

/** Which table of Chainlink's chain-selectors registry has this local chain id. */
export const selectorTable = (chainId: number): 'main' | 'test' =>
  IN_CHAINLINK_MAIN_TABLE.has(chainId) ? 'main' : 'test'

export const MIN_CHAINS = 2
export const MAX_CHAINS = LOCAL_CHAINS.length

export function localChains(count: number): LocalChainDef[] {
  return LOCAL_CHAINS.slice(0, count)
}
