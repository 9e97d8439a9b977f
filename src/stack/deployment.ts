/** What a deployed local stack consists of; persisted as $CCIPKIT_HOME/local/deployment.json. */
export interface TokenDeployment {
  token: string
  pool: string
}

export interface ChainContracts {
  router: string
  onRamp: string
  offRamp: string
  feeQuoter: string
  rmnRemote: string
  rmnProxy: string
  nonceManager: string
  tokenAdminRegistry: string
  registryModule: string
  link: string
  weth: string
  /** Owns the RMNRemote: curses on fSign+1 RMN votes or by the operator (ours, MIT). */
  curseAuthority: string
  tokens: { 'CCIP-BnM': TokenDeployment; 'CCIP-LnM': TokenDeployment }
}

export interface ChainDeployment {
  name: string
  chainId: number
  /** uint64 as a decimal string (JSON-safe). */
  selector: string
  contracts: ChainContracts
}

export interface NodeAddresses {
  /** OCR3 signing keys of the commit nodes. */
  commit: string[]
  commitTransmitters: string[]
  exec: string[]
  rmn: string[]
}

export interface Deployment {
  version: 1
  createdAt: string
  /** The @chainlink/contracts-ccip version whose bytecode was deployed. */
  ccipPackage: string
  chains: ChainDeployment[]
  nodes: NodeAddresses
  ocr: { commitConfigDigest: Record<string, string>; execConfigDigest: Record<string, string> }
  rmn: { homeConfigDigest: string; fSign: number }
}

const CONTRACT_KEYS = [
  'router',
  'onRamp',
  'offRamp',
  'feeQuoter',
  'rmnRemote',
  'rmnProxy',
  'nonceManager',
  'tokenAdminRegistry',
  'registryModule',
  'link',
  'weth',
  'curseAuthority',
] as const satisfies readonly (keyof ChainContracts)[]

const isAddress = (v: unknown): boolean => typeof v === 'string' && /^0x[0-9a-fA-F]{40}$/.test(v)
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

/**
 * What is wrong with a parsed deployment.json, or undefined when it has the shape `up` relies on:
 * the local chains in order (`expected`: names and chain ids for 2 to 8 chains) with every
 * contract address. Starting from a file that fails this would re-deploy over, or drop the
 * profiles of, chains whose history is saved.
 */
export function deploymentProblem(
  value: unknown,
  expected: (count: number) => readonly { name: string; chainId: number }[] | undefined,
): string | undefined {
  if (!isRecord(value) || value.version !== 1) return 'not a version 1 deployment'
  const chains = value.chains
  if (!Array.isArray(chains)) return 'it lists no chains'
  const names = expected(chains.length)
  if (names === undefined) return `it lists ${chains.length} chains (a stack has 2 to 8)`
  for (const [i, chain] of chains.entries()) {
    const want = names[i]!
    if (!isRecord(chain) || chain.name !== want.name || chain.chainId !== want.chainId) {
      return `chain ${i + 1} is not ${want.name} (${want.chainId})`
    }
    const contracts = chain.contracts
    if (!isRecord(contracts)) return `${want.name} has no contracts`
    const missing = CONTRACT_KEYS.find((key) => !isAddress(contracts[key]))
    if (missing !== undefined) return `${want.name} has no ${missing} address`
    const tokens = contracts.tokens
    for (const symbol of ['CCIP-BnM', 'CCIP-LnM']) {
      const token = isRecord(tokens) ? tokens[symbol] : undefined
      if (!isRecord(token) || !isAddress(token.token) || !isAddress(token.pool)) {
        return `${want.name} has no ${symbol} token and pool`
      }
    }
  }
  if (!isRecord(value.nodes) || !isRecord(value.ocr) || !isRecord(value.rmn))
    return 'the node keys are missing'
  return undefined
}
