/**
 * CCIP chain selectors by EVM chain id, from Chainlink's public chain-selectors registry
 * (github.com/smartcontractkit/chain-selectors: selectors.yml for the main table, test_selectors.yml
 * for the test ids; names are the registry's own). A selector is a fixed random uint64 per chain,
 * so it can't be derived: unknown chains need `--selector`.
 * Pure data and lookups: no I/O, safe to import anywhere.
 */

type Entry = readonly [chainId: bigint, selector: bigint, name: string]

const PUBLIC_CHAINS: readonly Entry[] = [
  [1n, 5009297550715157269n, 'ethereum-mainnet'],
  [11155111n, 16015286601757825753n, 'ethereum-testnet-sepolia'],
  [17000n, 7717148896336251131n, 'ethereum-testnet-holesky'],
  [560048n, 10380998176179737091n, 'ethereum-testnet-hoodi'],
  [42161n, 4949039107694359620n, 'ethereum-mainnet-arbitrum-1'],
  [421614n, 3478487238524512106n, 'ethereum-testnet-sepolia-arbitrum-1'],
  [10n, 3734403246176062136n, 'ethereum-mainnet-optimism-1'],
  [11155420n, 5224473277236331295n, 'ethereum-testnet-sepolia-optimism-1'],
  [8453n, 15971525489660198786n, 'ethereum-mainnet-base-1'],
  [84532n, 10344971235874465080n, 'ethereum-testnet-sepolia-base-1'],
  [137n, 4051577828743386545n, 'polygon-mainnet'],
  [80002n, 16281711391670634445n, 'polygon-testnet-amoy'],
  [43114n, 6433500567565415381n, 'avalanche-mainnet'],
  [43113n, 14767482510784806043n, 'avalanche-testnet-fuji'],
  [56n, 11344663589394136015n, 'binance_smart_chain-mainnet'],
  [97n, 13264668187771770619n, 'binance_smart_chain-testnet'],
  [100n, 465200170687744372n, 'gnosis_chain-mainnet'],
  [10200n, 8871595565390010547n, 'gnosis_chain-testnet-chiado'],
  [534352n, 13204309965629103672n, 'ethereum-mainnet-scroll-1'],
  [534351n, 2279865765895943307n, 'ethereum-testnet-sepolia-scroll-1'],
  [59144n, 4627098889531055414n, 'ethereum-mainnet-linea-1'],
  [59141n, 5719461335882077547n, 'ethereum-testnet-sepolia-linea-1'],
  [324n, 1562403441176082196n, 'ethereum-mainnet-zksync-1'],
  [300n, 6898391096552792247n, 'ethereum-testnet-sepolia-zksync-1'],
  [5000n, 1556008542357238666n, 'ethereum-mainnet-mantle-1'],
  [5003n, 8236463271206331221n, 'ethereum-testnet-sepolia-mantle-1'],
  [81457n, 4411394078118774322n, 'ethereum-mainnet-blast-1'],
  [168587773n, 2027362563942762617n, 'ethereum-testnet-sepolia-blast-1'],
  [42220n, 1346049177634351622n, 'celo-mainnet'],
  [44787n, 3552045678561919002n, 'celo-testnet-alfajores'],
  [11142220n, 3761762704474186180n, 'celo-sepolia'],
  [2020n, 6916147374840168594n, 'ronin-mainnet'],
  [2021n, 13116810400804392105n, 'ronin-testnet-saigon'],
  [146n, 1673871237479749969n, 'sonic-mainnet'],
  [57054n, 3676871237479449268n, 'sonic-testnet-blaze'],
  [14601n, 1763698235108410440n, 'sonic-testnet'],
  [480n, 2049429975587534727n, 'ethereum-mainnet-worldchain-1'],
  [4801n, 5299555114858065850n, 'ethereum-testnet-sepolia-worldchain-1'],
  [130n, 1923510103922296319n, 'ethereum-mainnet-unichain-1'],
  [1301n, 14135854469784514356n, 'ethereum-testnet-sepolia-unichain-1'],
]

/**
 * Local and test chain ids: 1337 and 31337 from the main table, the rest from the test table
 * (which has no names for the 9000000x ids, so they get ours). The local stack runs on these.
 */
const LOCAL_CHAINS: readonly Entry[] = [
  [1337n, 3379446385462418246n, 'geth-testnet'],
  [31337n, 7759470850252068959n, 'anvil-devnet'],
  [2337n, 12922642891491394802n, 'geth-devnet-2'],
  [3337n, 4793464827907405086n, 'geth-devnet-3'],
  [90000001n, 909606746561742123n, 'test-90000001'],
  [90000002n, 5548718428018410741n, 'test-90000002'],
  [90000003n, 789068866484373046n, 'test-90000003'],
  [90000004n, 5721565186521185178n, 'test-90000004'],
  [90000005n, 964127714438319834n, 'test-90000005'],
  [90000006n, 8966794841936584464n, 'test-90000006'],
  [90000007n, 8412806778050735057n, 'test-90000007'],
  [90000008n, 4066443121807923198n, 'test-90000008'],
  [90000009n, 6747736380229414777n, 'test-90000009'],
  [90000010n, 8694984074292254623n, 'test-90000010'],
]

export interface ChainSelectorInfo {
  readonly selector: bigint
  readonly name: string
}

const BY_CHAIN_ID = new Map<bigint, ChainSelectorInfo>(
  [...PUBLIC_CHAINS, ...LOCAL_CHAINS].map(([chainId, selector, name]) => [chainId, { selector, name }]),
)

/**
 * Chain ids on which the well-known dev keys (anvil's "test … junk" mnemonic) may sign. Anyone
 * can spend from those keys, so on any other chain they would be a gift to whoever watches.
 */
export const LOCAL_CHAIN_IDS: ReadonlySet<bigint> = new Set(LOCAL_CHAINS.map(([chainId]) => chainId))

/** The registry's selector and name for an EVM chain id, or undefined when the table lacks it. */
export function lookupSelector(chainId: bigint): { selector: bigint; name: string } | undefined {
  const info = BY_CHAIN_ID.get(chainId)
  return info === undefined ? undefined : { selector: info.selector, name: info.name }
}
