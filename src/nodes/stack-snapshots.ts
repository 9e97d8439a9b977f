import { rpcCall } from '../chain/rpc.js'
import type { LogArchiver } from './archiver.js'
import type { NodeChain } from './context.js'
import type { Heads } from './heads.js'

export interface StackSnapshotParts {
  chains: readonly NodeChain[]
  /** Stops every chain from mining, exclusive of cuts and other snapshots; resolves to the release. */
  holdChains: () => Promise<() => void>
  archiver: LogArchiver
  heads: Heads
  /** Stops the node threads; resolves to the function that starts them again. */
  stopNodes: () => Promise<() => void>
}

interface Held {
  /** Each chain's evm_snapshot id. */
  chainIds: Record<string, string>
  heads: Record<string, number>
}

/** The snapshot is unknown: never taken, or taken after one that was reverted to since. */
export class UnknownSnapshot extends Error {}

/**
 * Snapshots of the whole stack, for test isolation: every chain at one moment (evm_snapshot while
 * mining is held) and, on revert, every chain back to it with the nodes started afresh. The
 * nodes keep no state the chains don't have (daemon.ts), so new node threads reading the reverted
 * chains are the nodes of that moment. Transactions waiting in a pool are dropped, before and
 * after the revert: a node transaction built for the abandoned history must never land in the
 * restored one (a commit of messages that no longer exist would make the RMN curse the lane).
 */
export class StackSnapshots {
  private next = 1
  private readonly held = new Map<string, Held>()

  constructor(private readonly parts: StackSnapshotParts) {}

  /** Whether any snapshot is held (anvil forgets them if a chain restarts: refresher.ts waits). */
  get holding(): boolean {
    return this.held.size > 0
  }

  async snapshot(): Promise<string> {
    const release = await this.parts.holdChains()
    try {
      const taken = await Promise.all(
        this.parts.chains.map(async (c) => {
          const [chainId, head] = await Promise.all([
            rpcCall<string>(c.rpcUrl, 'evm_snapshot', []),
            rpcCall<string>(c.rpcUrl, 'eth_blockNumber', []),
          ])
          return { name: c.name, chainId, head: Number(head) }
        }),
      )
      const id = String(this.next++)
      this.held.set(id, {
        chainIds: Object.fromEntries(taken.map((t) => [t.name, t.chainId])),
        heads: Object.fromEntries(taken.map((t) => [t.name, t.head])),
      })
      return id
    } finally {
      release()
    }
  }

  /** Every chain back to snapshot `id`, which stays usable; later snapshots are gone. */
  async revert(id: string): Promise<Record<string, number>> {
    const snapshot = this.held.get(id)
    if (snapshot === undefined) throw new UnknownSnapshot(`no snapshot ${id}`)
    const release = await this.parts.holdChains()
    let startNodes: (() => void) | undefined
    try {
      startNodes = await this.parts.stopNodes()
      await Promise.all(
        this.parts.chains.map(async (c) => {
          await rpcCall(c.rpcUrl, 'anvil_dropAllTransactions', [])
          const reverted = await rpcCall<boolean>(c.rpcUrl, 'evm_revert', [snapshot.chainIds[c.name]])
          if (!reverted) throw new Error(`${c.name} could not revert to its snapshot (was it restarted?)`)
          await rpcCall(c.rpcUrl, 'anvil_dropAllTransactions', [])
          // anvil forgets a snapshot it reverted to: take it again, so `id` can be reverted to again.
          snapshot.chainIds[c.name] = await rpcCall<string>(c.rpcUrl, 'evm_snapshot', [])
        }),
      )
      for (const other of [...this.held.keys()]) if (Number(other) > Number(id)) this.held.delete(other)
      await this.parts.archiver.rewind(snapshot.heads)
      this.parts.heads.reset(snapshot.heads)
      return snapshot.heads
    } finally {
      startNodes?.()
      release()
    }
  }
}
