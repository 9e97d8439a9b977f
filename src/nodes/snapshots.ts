import { rpcCall } from '../chain/rpc.js'
import { saveChainState } from '../stack/chain-state.js'
import { chainStateFile, type StackPaths } from '../stack/paths.js'
import type { NodeChain } from './context.js'

/**
 * Crash safety for the chains themselves: every 10 s (CCIP_SNAPSHOT_MS), save each chain whose head moved
 * (atomically, so a kill -9 mid-write keeps the previous snapshot). After a crash of the whole
 * stack the next `up` resumes from at most one interval ago; the nodes then finish whatever was
 * in flight at that point, exactly once, because they read everything back from the chain.
 */
export class Snapshotter {
  private readonly heads = new Map<string, string>()

  constructor(
    private readonly paths: StackPaths,
    private readonly chains: NodeChain[],
  ) {}

  async step(): Promise<boolean> {
    for (const chain of this.chains) {
      const head = await rpcCall<string>(chain.rpcUrl, 'eth_blockNumber', [])
      if (this.heads.get(chain.name) === head) continue
      await saveChainState(chain.rpcUrl, chainStateFile(this.paths, chain.name))
      this.heads.set(chain.name, head)
    }
    return false
  }
}
