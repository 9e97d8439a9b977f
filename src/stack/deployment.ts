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
