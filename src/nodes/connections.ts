import { Contract, type JsonRpcProvider } from 'ethers'
import { type CcipContract, ccipAbi } from '../chain/artifacts.js'
import { Chain } from '../chain/chain.js'
import { chainProvider } from '../chain/provider.js'
import type { ViewCall } from '../protocol/view-calls.js'
import type { Reorg } from './block-trail.js'
import type { NodeChain, NodeNetwork } from './context.js'
import type { Heads } from './heads.js'
import { SourceView } from './source-view.js'

/**
 * One node's own connections: a Chain per chain (and an ethers provider over it for signing),
 * its own view of each chain's sent messages, and its contract bindings (built once: an ethers
 * Interface parses the whole ABI).
 */
export class NodeConnections {
  private readonly chains = new Map<string, Chain>()
  private readonly providers = new Map<string, JsonRpcProvider>()
  private readonly views = new Map<bigint, SourceView>()
  private readonly contracts = new Map<string, Contract>()
  private readonly reads = new Map<string, { block: number; value: Promise<unknown> }>()

  /** `onReorg` hears every reorg one of this node's source views noticed. */
  constructor(
    network: NodeNetwork,
    private readonly heads?: Heads,
    onReorg?: (reorg: Reorg) => void,
  ) {
    for (const chain of network.chains) {
      const access = nodeChainAccess(chain)
      this.chains.set(chain.name, access)
      this.providers.set(chain.name, chainProvider(access, chain.chainId))
      this.views.set(chain.selector, new SourceView(chain, access, network.finalityDepth, heads, onReorg))
    }
  }

  /** Why this node distrusts some source chain for good (finality violated there), if it does. */
  get alert(): string | null {
    const violations = [...this.views.values()].flatMap((v) => v.finalityViolation ?? [])
    return violations.length === 0 ? null : violations.join('; ')
  }

  /**
   * A view call whose answer cannot change until `chain` has a new block: read once per block
   * (by this node, over its own connection). Without a head watcher, read every time.
   */
  perBlock<T>(chain: NodeChain, key: string, read: () => Promise<T>): Promise<T> {
    const block = this.heads?.head(chain.name) ?? -1
    if (block < 0) return read()
    const id = `${chain.name}:${key}`
    const hit = this.reads.get(id)
    // CAST: each key is only ever stored by the one call site that reads it back.
    if (hit !== undefined && hit.block === block) return hit.value as Promise<T>
    const value = read()
    value.catch(() => this.reads.delete(id))
    this.reads.set(id, { block, value })
    return value
  }

  /**
   * A hand-encoded view call (protocol/view-calls.ts) at the latest block, read once per block:
   * the nodes' per-round reads, without an ethers Contract's encode/decode cost on each.
   */
  call<T>(chain: NodeChain, to: string, view: ViewCall<T>): Promise<T> {
    const read = async () =>
      view.decode(await this.chain(chain).request<string>('eth_call', [{ to, data: view.data }, 'latest']))
    return this.perBlock(chain, `${to}:${view.data}`, read)
  }

  /** This node's own access to `chain` (its reads and logs). */
  chain(chain: NodeChain): Chain {
    return this.chains.get(chain.name)!
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

/** A Chain for one of the stack's chains as a node reads it (its logs with the archive's). */
export const nodeChainAccess = (chain: NodeChain): Chain =>
  new Chain({
    name: chain.name,
    rpcUrl: chain.rpcUrl,
    local: true,
    ...(chain.archive === undefined ? {} : { logArchive: chain.archive }),
  })
