import { rpcCall } from '../chain/rpc.js'
import type { ChainContracts } from './deployment.js'
import { inspectStack } from './manifest.js'
import type { StackPaths } from './paths.js'

export interface ChainStatus {
  name: string
  chainId: number
  selector: string
  rpcUrl: string | null
  blockNumber: number | null
  contracts: Omit<ChainContracts, 'registryModule'>
}

export interface StackStatus {
  running: boolean
  /** A manifest whose processes died: the next `up` cleans it up. */
  stale: boolean
  chains: ChainStatus[]
}

/**
 * What is deployed and whether it runs. Reads files and asks each chain for its block number
 * over bare JSON-RPC (no ethers), so it answers in a few milliseconds.
 */
export async function stackStatus(paths: StackPaths): Promise<StackStatus> {
  const { liveness, manifest, deployment } = inspectStack(paths)
  const running = liveness === 'running'
  const chains = await Promise.all(
    (deployment?.chains ?? []).map(async (chain): Promise<ChainStatus> => {
      const live = running ? manifest?.chains.find((c) => c.name === chain.name) : undefined
      const blockNumber =
        live === undefined
          ? null
          : await rpcCall<string>(live.rpcUrl, 'eth_blockNumber', []).then(Number, () => null)
      const { registryModule: _omit, ...contracts } = chain.contracts
      return {
        name: chain.name,
        chainId: chain.chainId,
        selector: chain.selector,
        rpcUrl: live?.rpcUrl ?? null,
        blockNumber,
        contracts,
      }
    }),
  )
  return { running, stale: liveness === 'stale', chains }
}
