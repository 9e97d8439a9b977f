import { rpcCall } from '../chain/rpc.js'
import { rpcBatcher } from '../chain/rpc-batch.js'
import { startAnvil } from '../stack/anvil.js'
import { type Manifest, type ManifestChain, readManifest, recordChainRestart } from '../stack/manifest.js'
import { logFile, type StackPaths } from '../stack/paths.js'
import { isPortFree } from '../stack/ports.js'
import { residentMiB, stopProcess } from '../stack/processes.js'
import { DEFAULTS, keptStatesFor } from '../stack/settings.js'
import { savedChainFile } from '../stack/state-cut.js'
import { sleep } from '../time.js'
import type { Log } from './loop.js'

/**
 * Restarts a chain whose anvil has grown past the memory budget (DEFAULTS.chainMemoryMiB) from
 * the cut just taken. anvil frees nothing a block once held, even after its transactions are
 * dropped (~26 KB per busy block, ~7 KB per empty one, on anvil 1.7.1), while an anvil loaded
 * from a cut holds only what the cut has: the slimmed dump of the last blocks (slim-dump.ts).
 *
 * It runs inside the snapshotter's pause, so no chain has mined since the cut: the restarted
 * chain is the same chain, same head, same hashes. What a cut does not hold, the restart carries
 * over or gives up knowingly:
 * - transactions waiting in the pool are read (raw, as signed) and sent again. Before they are
 *   read, the block gas limit drops to 1, so the pool takes no new transaction meanwhile (a
 *   sender gets an error, not a silently dropped transaction);
 * - a chain someone else mines (evm_setAutomine, evm_setIntervalMining) is left alone;
 * - anvil session state is lost: evm_snapshot ids, impersonations. Test suites that keep them
 *   over a long run set CCIPKIT_CHAIN_MEMORY_MIB=0.
 * For the second or so it takes, the chain's port refuses connections.
 */
export class ChainRefresher {
  /** Each chain's memory right after its last restart. */
  private readonly floor = new Map<string, number>()

  constructor(
    private readonly home: string,
    private readonly paths: StackPaths,
    private readonly budgetMiB: number,
    private readonly inCharge: (chain: string) => boolean,
    private readonly log: Log,
  ) {}

  /** Called after each cut, the chains still paused. Never throws: a failed restart is logged. */
  async afterCut(cut: number): Promise<void> {
    if (this.budgetMiB <= 0) return
    const manifest = readManifest(this.paths)
    // Only once `up` has written its last manifest (the one that lists this process): from then
    // on this process is the only writer until `down` has stopped it.
    if (manifest === undefined || manifest.starting !== undefined) return
    if (!manifest.processes.some((p) => p.pid === process.pid)) return
    for (const chain of manifest.chains) {
      const rss = residentMiB(chain.pid)
      if (rss === undefined) continue
      // And 1.5× what it held after its last restart: a chain whose cut alone is past the budget
      // is not restarted in a loop.
      const floor = this.floor.get(chain.name) ?? 0
      if (rss <= this.budgetMiB || rss < 1.5 * floor || !this.inCharge(chain.name)) continue
      try {
        await this.restart(manifest, chain, rss, cut)
      } catch (error) {
        this.log(`memory: could not restart ${chain.name}: ${error instanceof Error ? error.message : error}`)
      }
    }
  }

  private async restart(manifest: Manifest, chain: ManifestChain, rss: number, cut: number): Promise<void> {
    const t0 = Date.now()
    const file = savedChainFile(this.paths, chain.name)
    if (file === undefined) return
    const url = chain.rpcUrl
    const head = await rpcCall<{ hash: string; gasLimit: string }>(url, 'eth_getBlockByNumber', [
      'latest',
      false,
    ])
    await rpcCall(url, 'evm_setBlockGasLimit', ['0x1'])
    let pending: string[]
    try {
      pending = await pooledTransactions(url)
    } catch (error) {
      await rpcCall(url, 'evm_setBlockGasLimit', [head.gasLimit]).catch(() => undefined)
      throw error
    }
    // Marked first: a foreground `local up` watching the pids must not take this for a crash.
    recordChainRestart(this.paths, chain.name, 'restarting')
    await stopProcess(chain.pid)
    for (let i = 0; i < 100 && !(await isPortFree(chain.port)); i++) await sleep(20)
    const anvil = await startAnvil({
      chainId: chain.chainId,
      port: chain.port,
      mining: 'manual',
      history: {
        keepBlocks: manifest.keepBlocks ?? DEFAULTS.keepBlocks,
        keptStates: keptStatesFor(manifest.finalityDepth),
      },
      loadState: file,
      logFile: logFile(this.paths, `anvil-${chain.name}`),
      detached: true,
      home: this.home,
      // Recorded before it answers: `down` must find it even if this process dies meanwhile.
      onSpawn: (pid) => recordChainRestart(this.paths, chain.name, { pid }),
    })
    const restored = await rpcCall<{ hash: string }>(url, 'eth_getBlockByNumber', ['latest', false])
    if (restored.hash !== head.hash) {
      throw new Error(`${chain.name} came back at ${restored.hash}, not at ${head.hash}: restart the stack`)
    }
    let lost = 0
    for (const raw of pending) {
      await rpcCall(url, 'eth_sendRawTransaction', [raw]).catch(() => lost++)
    }
    const after = residentMiB(anvil.pid) ?? rss
    this.floor.set(chain.name, after)
    const carried = pending.length === 0 ? '' : `; ${pending.length - lost} pending transactions sent again`
    const refused = lost === 0 ? '' : `, ${lost} refused (impersonated senders cannot be re-sent)`
    this.log(
      `memory: restarted ${chain.name} from cut #${cut}: ${rss.toFixed(0)} → ${after.toFixed(0)} MiB in ${Date.now() - t0} ms${carried}${refused}`,
    )
  }
}

interface PoolContent {
  pending: Record<string, Record<string, { hash: string }>>
  queued: Record<string, Record<string, { hash: string }>>
}

/** Every transaction in the pool, raw as its sender signed it, each sender's in nonce order. */
async function pooledTransactions(url: string): Promise<string[]> {
  const pool = await rpcCall<PoolContent>(url, 'txpool_content', [])
  const hashes = [pool.pending, pool.queued].flatMap((bySender) =>
    Object.values(bySender).flatMap((byNonce) =>
      Object.entries(byNonce)
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([, tx]) => tx.hash),
    ),
  )
  // One batch: the pool takes nothing while the fence is up, and the fence should be short.
  const batch = rpcBatcher(url)
  const raws = await Promise.all(
    hashes.map((hash) => batch.send<string | null>('eth_getRawTransactionByHash', [hash])),
  )
  return raws.filter((raw): raw is string => raw !== null)
}
