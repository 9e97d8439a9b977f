import { type CcipMode, isCcipMode, modeDeploys } from './lane-plan.js'

/** What a deployed local stack consists of; persisted as $CCIPKIT_HOME/local/deployment.json. */
export interface TokenDeployment {
  token: string
  pool: string
  /** A 2.0 lock/release pool's ERC20LockBox, which holds its liquidity. */
  lockBox?: string
}

/** A chain's CCIP 2.0 ramps and the parts messages name (ccip-2.0-protocol.md §1.1). */
export interface ChainContractsV2 {
  feeQuoter: string
  onRamp: string
  offRamp: string
  committeeVerifier: string
  /** The CCV address: OnRamp defaults, OffRamp defaults and `execute`'s ccvs name this. */
  verifierResolver: string
  executor: string
  /** The executor address messages carry and fees go to. */
  executorProxy: string
}

/**
 * One chain's contracts. The Router, tokens, registry and RMN serve every lane; the 1.6 ramps
 * (onRamp … nonceManager) exist when the stack runs 1.6 lanes, `v2` when it runs 2.0 lanes.
 */
export interface ChainContracts {
  router: string
  onRamp?: string
  offRamp?: string
  feeQuoter?: string
  nonceManager?: string
  v2?: ChainContractsV2
  /** The chain's RMN: RMNRemote 1.6 when it runs 1.6 lanes, else RMN 2.0 (curse only). */
  rmnRemote: string
  rmnProxy: string
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
  /** CCIP 2.0 committee verifier signing keys and executor transmitters (absent before 2.0). */
  verifiers?: string[]
  executors?: string[]
}

export interface Deployment {
  version: 1
  /** Which lanes run which version (lane-plan.ts); absent in stacks saved before 2.0: 1.6. */
  ccip?: CcipMode
  createdAt: string
  /** The @chainlink/contracts-ccip version whose bytecode was deployed. */
  ccipPackage: string
  chains: ChainDeployment[]
  nodes: NodeAddresses
  ocr: { commitConfigDigest: Record<string, string>; execConfigDigest: Record<string, string> }
  rmn: { homeConfigDigest: string; fSign: number }
}

/** The stack's mode; stacks saved before 2.0 ran 1.6 only. */
export const deploymentMode = (d: Deployment): CcipMode => d.ccip ?? '1.6'

const CONTRACT_KEYS = [
  'router',
  'rmnRemote',
  'rmnProxy',
  'tokenAdminRegistry',
  'registryModule',
  'link',
  'weth',
  'curseAuthority',
] as const satisfies readonly (keyof ChainContracts)[]
const V16_KEYS = [
  'onRamp',
  'offRamp',
  'feeQuoter',
  'nonceManager',
] as const satisfies readonly (keyof ChainContracts)[]
const V2_KEYS = [
  'feeQuoter',
  'onRamp',
  'offRamp',
  'committeeVerifier',
  'verifierResolver',
  'executor',
  'executorProxy',
] as const satisfies readonly (keyof ChainContractsV2)[]

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
  const mode = value.ccip ?? '1.6'
  if (!isCcipMode(mode)) return `it names an unknown CCIP mode ${JSON.stringify(value.ccip)}`
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
    const keys = [...CONTRACT_KEYS, ...(modeDeploys(mode, '1.6') ? V16_KEYS : [])]
    const missing = keys.find((key) => !isAddress(contracts[key]))
    if (missing !== undefined) return `${want.name} has no ${missing} address`
    if (modeDeploys(mode, '2.0')) {
      const v2 = contracts.v2
      const missingV2 = V2_KEYS.find((key) => !isRecord(v2) || !isAddress(v2[key]))
      if (missingV2 !== undefined) return `${want.name} has no 2.0 ${missingV2} address`
    }
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

/** A chain's 1.6 ramps; throws for a chain of a stack that runs none. */
export function v16Ramps(
  chain: ChainDeployment,
): Required<Pick<ChainContracts, 'onRamp' | 'offRamp' | 'feeQuoter' | 'nonceManager'>> {
  const { onRamp, offRamp, feeQuoter, nonceManager } = chain.contracts
  if (onRamp === undefined || offRamp === undefined || feeQuoter === undefined || nonceManager === undefined)
    throw new Error(`${chain.name} has no CCIP 1.6 ramps`)
  return { onRamp, offRamp, feeQuoter, nonceManager }
}

/** A chain's 2.0 ramps; throws for a chain of a stack that runs none. */
export function v2Ramps(chain: ChainDeployment): ChainContractsV2 {
  if (chain.contracts.v2 === undefined) throw new Error(`${chain.name} has no CCIP 2.0 ramps`)
  return chain.contracts.v2
}
