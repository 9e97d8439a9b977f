import { rpcCall } from '../chain/rpc.js'
import { createBatcher } from '../chain/rpc-batch.js'
import { startAnvil } from '../stack/anvil.js'
import { type Manifest, type ManifestChain, readManifest, recordChainRestart } from '../stack/manifest.js'
import { logFile, type StackPaths } from '../stack/paths.js'
import { isPortFree } from '../stack/ports.js'
import { residentMiB, stopProcess } from '../stack/processes.js'
import { DEFAULTS, keptStatesFor } from '../stack/settings.js'
import { type CutPointer, savedChainFile } from '../stack/state-cut.js'
import { sleep } from '../time.js'
import type { Log } from './loop.js'

/** A chain restarted less than this ago waits: right after a load, anvil's memory settles upward. */
const MIN_SPACING_MS = 60_000

export interface RefresherOptions {
  home: string
  paths: StackPaths
  /** Restart a chain past this resident memory (DEFAULTS.chainMemoryMiB); 0: never restart. */
  budgetMiB: number
  /** …or past this many bytes of old headers in its dump (DEFAULTS.chainOldHeaderBytes). */
  oldHeaderBytes: number
  /** Whether the node process mines the chain (no one took it over). */
  inCharge: (chain: string) => boolean
  /** False while a restart would lose something (stack snapshots: anvil's evm_snapshot ids). */
  mayRestart: () => boolean
  log: Log
}

/**
 * Restarts a chain from the cut just taken when its anvil has grown past the memory budget
 * (DEFAULTS.chainMemoryMiB) or its dumps carry too many old headers (chainOldHeaderBytes).
 * anvil frees nothing a block once held, even after its transactions are dropped (20–35 KB for a
 * block that carried five transactions, ~7 KB for an empty one, on anvil 1.7.1), and serializes
 * every header it holds on every cut; an anvil loaded from a cut holds only what the cut has,
 * the slimmed dump of its last blocks (stack/slim-dump.ts).
 *
 * It runs inside the snapshotter's pause, so no chain has mined since the cut (checked): the
 * restarted chain is the same chain, same head, same hashes. What a cut does not hold, the
 * restart carries over or gives up knowingly:
 * - transactions waiting in the pool are read (raw, as signed) and sent again. Before they are
 *   read, the block gas limit drops to 1, so the pool takes no new transaction meanwhile (a
 *   sender gets an error, not a silently dropped transaction);
 * - a chain someone else mines (evm_setAutomine, evm_setIntervalMining) is left alone;
 * - anvil session state is lost: evm_snapshot ids, impersonations. Test suites that keep them
 *   over a long run set CCIPKIT_CHAIN_MEMORY_MIB=0.
 * For the fraction of a second it takes, the chain's port refuses connections (our clients
 * wait for it: chain/chain-restarts.ts).
 */
export class ChainRefresher {
  /** When each chain was last restarted. */
  private readonly restartedAt = new Map<string, number>()
  /** Each chain's memory right after its last restart. */
  private readonly floor = new Map<string, number>()

  constructor(private readonly opts: RefresherOptions) {}

  /**
   * Called after each cut, the chains still paused. Restarts at most one chain (the pause lasts
   * as long as it takes); never throws: a failed restart is logged.
   */
  async afterCut(cut: CutPointer): Promise<void> {
    if (this.opts.budgetMiB <= 0 || !this.opts.mayRestart()) return
    const manifest = readManifest(this.opts.paths)
    // Only once `up` has written its last manifest (the one that lists this process): from then
    // on this process is the only writer until `down` has stopped it.
    if (manifest === undefined || manifest.starting !== undefined) return
    if (!manifest.processes.some((p) => p.pid === process.pid)) return
    const now = Date.now()
    const due = manifest.chains.flatMap((chain) => {
      const last = this.restartedAt.get(chain.name) ?? 0
      if (now - last < MIN_SPACING_MS || !this.opts.inCharge(chain.name)) return []
      const why = this.whyRestart(chain, cut)
      return why === undefined ? [] : [{ chain, why, last }]
    })
    // The one restarted longest ago first: every chain gets its turn.
    const next = due.sort((a, b) => a.last - b.last)[0]
    if (next === undefined) return
    try {
      await this.restart(manifest, next.chain, next.why, cut)
    } catch (error) {
      this.opts.log(
        `memory: could not restart ${next.chain.name}: ${error instanceof Error ? error.message : error}`,
      )
    }
  }

  /** Why `chain` should be restarted now, or undefined. */
  private whyRestart(chain: ManifestChain, cut: CutPointer): string | undefined {
    const rss = residentMiB(chain.pid)
    if (rss === undefined) return undefined
    // Past the budget, and 1.5× what it held after its last restart: a chain whose cut alone is
    // past the budget is not restarted in a loop.
    const floor = this.floor.get(chain.name) ?? 0
    if (rss > this.opts.budgetMiB && rss >= 1.5 * floor) return `${rss.toFixed(0)} MiB`
    const headers = cut.oldHeaders?.[chain.name] ?? 0
    if (headers > this.opts.oldHeaderBytes)
      return `${(headers / 2 ** 20).toFixed(1)} MiB of old headers, ${rss.toFixed(0)} MiB`
    return undefined
  }

  private async restart(
    manifest: Manifest,
    chain: ManifestChain,
    why: string,
    cut: CutPointer,
  ): Promise<void> {
    const t0 = Date.now()
    const file = savedChainFile(this.opts.paths, chain.name)
    if (file === undefined) return
    const url = chain.rpcUrl
    const head = await rpcCall<{ hash: string; number: string; gasLimit: string }>(
      url,
      'eth_getBlockByNumber',
      ['latest', false],
    )
    // Never from a cut the chain has moved past: that would take blocks back.
    if (Number(head.number) !== cut.heads[chain.name]) {
      throw new Error(
        `it mined past cut #${cut.cut} (block ${Number(head.number)}, cut at ${cut.heads[chain.name]})`,
      )
    }
    await rpcCall(url, 'evm_setBlockGasLimit', ['0x1'])
    let pending: string[]
    try {
      pending = await pooledTransactions(url)
    } catch (error) {
      await rpcCall(url, 'evm_setBlockGasLimit', [head.gasLimit]).catch(() => undefined)
      throw error
    }
    // Marked first: a foreground `local up` watching the pids must not take this for a crash.
    recordChainRestart(this.opts.paths, chain.name, 'restarting')
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
      logFile: logFile(this.opts.paths, `anvil-${chain.name}`),
      detached: true,
      home: this.opts.home,
      // Recorded before it answers: `down` must find it even if this process dies meanwhile.
      onSpawn: (pid) => recordChainRestart(this.opts.paths, chain.name, { pid }),
    })
    const restored = await rpcCall<{ hash: string }>(url, 'eth_getBlockByNumber', ['latest', false])
    if (restored.hash !== head.hash) {
      throw new Error(`${chain.name} came back at ${restored.hash}, not at ${head.hash}: restart the stack`)
    }
    let lost = 0
    for (const raw of pending) {
      await rpcCall(url, 'eth_sendRawTransaction', [raw]).catch(() => lost++)
    }
    const after = residentMiB(anvil.pid) ?? 0
    this.floor.set(chain.name, after)
    this.restartedAt.set(chain.name, Date.now())
    const carried = pending.length === 0 ? '' : `; ${pending.length - lost} pending transactions sent again`
    const refused = lost === 0 ? '' : `, ${lost} refused (impersonated senders cannot be re-sent)`
    this.opts.log(
      `memory: restarted ${chain.name} from cut #${cut.cut} (it held ${why}): now ${after.toFixed(0)} MiB, in ${Date.now() - t0} ms${carried}${refused}`,
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
  const batch = createBatcher(url, 30_000)
  const raws = await Promise.all(
    hashes.map((hash) => batch.send<string | null>('eth_getRawTransactionByHash', [hash])),
  )
  return raws.filter((raw): raw is string => raw !== null)
}
