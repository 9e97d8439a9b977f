import { rpcCall } from '../chain/rpc.js'
import { saveChainState, savedHead } from '../stack/chain-state.js'
import { chainStateFile, type StackPaths } from '../stack/paths.js'
import type { NodeChain } from './context.js'

/**
 * Crash safety for the chains themselves: every 10 s (CCIPKIT_SNAPSHOT_MS), save each chain that
 * mined a transaction since its last snapshot (atomically, so a kill -9 mid-write keeps the
 * previous one). After a crash of the whole stack the next `up` resumes from at most one interval
 * ago; the nodes then finish whatever was in flight at that point, exactly once, because they
 * read everything back from the chain.
 *
 * A dump holds the whole history (≈ 90 MB per chain after 10,000 messages) and stalls that anvil
 * while it serializes (≈ 1 s at that size), so two rules keep it from becoming the stack's main
 * cost: empty blocks are not worth a dump (the head moves every block, but only transactions
 * change what a restart must restore), and a chain is dumped again only after 20× the time its
 * last dump took (≤ 5% of the chain's time). Cheat calls without a transaction (anvil_setBalance
 * on its own) are caught by a refresh every 5 minutes.
 */
const DUMP_SHARE = 20
const IDLE_REFRESH_MS = 5 * 60_000
/** eth_feeHistory answers for at most this many blocks; a longer gap is simply dumped. */
const MAX_FEE_HISTORY = 1024

interface Saved {
  /** Head read just before the dump began: the dump holds at least the blocks up to it. */
  head: number
  at: number
  notBefore: number
}

export class Snapshotter {
  private readonly saved = new Map<string, Saved>()

  constructor(
    private readonly paths: StackPaths,
    private readonly chains: NodeChain[],
  ) {}

  async step(): Promise<boolean> {
    for (const chain of this.chains) {
      const head = Number(await rpcCall<string>(chain.rpcUrl, 'eth_blockNumber', []))
      const file = chainStateFile(this.paths, chain.name)
      const last = this.saved.get(chain.name) ?? startingPoint(file)
      const now = Date.now()
      if (last !== undefined) {
        if (head === last.head || now < last.notBefore) continue
        const stale = now - last.at >= IDLE_REFRESH_MS
        if (!stale && !(await minedTransactions(chain.rpcUrl, last.head, head))) continue
      }
      await saveChainState(chain.rpcUrl, file)
      const took = Date.now() - now
      this.saved.set(chain.name, { head, at: now, notBefore: now + DUMP_SHARE * took })
    }
    return false
  }
}

/** The snapshot the chain was started from (written at deploy or by the last stop), if readable. */
function startingPoint(file: string): Saved | undefined {
  const head = savedHead(file)
  return head === undefined ? undefined : { head, at: Date.now(), notBefore: 0 }
}

/** Did any block in (after, head] carry a transaction? Every transaction uses gas. */
async function minedTransactions(rpcUrl: string, after: number, head: number): Promise<boolean> {
  const count = head - after
  if (count > MAX_FEE_HISTORY) return true
  const history = await rpcCall<{ oldestBlock: string; gasUsedRatio: number[] }>(rpcUrl, 'eth_feeHistory', [
    `0x${count.toString(16)}`,
    `0x${head.toString(16)}`,
    [],
  ])
  // Blocks loaded from a snapshot are missing from anvil's fee history: unknown counts as yes.
  if (Number(history.oldestBlock) > after + 1) return true
  return history.gasUsedRatio.some((ratio) => ratio > 0)
}
