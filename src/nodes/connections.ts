import { Contract, type JsonRpcProvider } from 'ethers'
import { type CcipContract, ccipAbi } from '../chain/artifacts.js'
import { makeProvider } from '../chain/provider.js'
import type { NodeChain, NodeNetwork } from './context.js'
import { SourceView } from './source-view.js'

/**
 * One node's own connections: a provider per chain, its own view of each chain's sent messages,
 * and its contract bindings (built once: an ethers Interface parses the whole ABI).
 */
export class NodeConnections {
  private readonly providers = new Map<string, JsonRpcProvider>()
  private readonly views = new Map<bigint, SourceView>()
  private readonly contracts = new Map<string, Contract>()

  constructor(network: NodeNetwork) {
    for (const chain of network.chains) {
      this.providers.set(chain.name, makeProvider(chain.rpcUrl, chain.chainId))
      this.views.set(chain.selector, new SourceView(chain))
    }
  }

  provider(chain: NodeChain): JsonRpcProvider {
    return this.providers.get(chain.name)!
  }

  /** This node's view of the messages `selector`'s chain sent (undefined for an unknown chain). */
  view(selector: bigint): SourceView | undefined {
    return this.views.get(selector)
  }

  contract(chain: NodeChain, address: string, abi: CcipContract): Contract {
    const key = `${chain.name}:${address}`
    let contract = this.contracts.get(key)
    if (contract === undefined) {
      contract = new Contract(address, ccipAbi(abi), this.provider(chain))
      this.contracts.set(key, contract)
    }
    return contract
  }

  close(): void {
    for (const p of this.providers.values()) p.destroy()
  }
}
