import { writeJsonAtomic } from '../fs-atomic.js'
import type { SnapshotHealth } from './snapshots.js'

/** What `ccip local status` shows per node: proof of life and what it last did. */
export interface NodeHealth {
  role: 'commit' | 'exec' | 'rmn' | 'verifier' | 'executor'
  index: number
  address: string
  lastRoundAt: string | null
  rounds: number
  lastCommittedRoot: string | null
  lastTx: string | null
  lastError: string | null
}

export interface LaneLag {
  source: string
  dest: string
  /** Messages sent on this lane and not yet committed (seen by the commit DON). */
  uncommitted: number
}

export interface HealthFile {
  pid: number
  updatedAt: string
  startedAt: string
  nodes: NodeHealth[]
  lanes: LaneLag[]
  /** The saved chain state: the last cut, and why the latest attempt failed (if it did). */
  snapshots?: SnapshotHealth
}

/** The health of one thread's nodes, reported to the daemon's main thread. */
/** A node's health before its first round. */
export const newNodeHealth = (role: NodeHealth['role'], index: number, address: string): NodeHealth => ({
  role,
  index,
  address,
  lastRoundAt: null,
  rounds: 0,
  lastCommittedRoot: null,
  lastTx: null,
  lastError: null,
})

export class HealthBoard {
  readonly nodes: NodeHealth[] = []
  readonly lanes = new Map<string, LaneLag>()

  register(role: NodeHealth['role'], index: number, address: string): NodeHealth {
    const entry = newNodeHealth(role, index, address)
    this.nodes.push(entry)
    return entry
  }

  round(node: NodeHealth): void {
    node.rounds += 1
    node.lastRoundAt = new Date().toISOString()
  }

  lag(source: string, dest: string, uncommitted: number): void {
    this.lanes.set(`${source}>${dest}`, { source, dest, uncommitted })
  }

  /** A copy to post to the main thread (structured-clone safe). */
  snapshot(): { nodes: NodeHealth[]; lanes: LaneLag[] } {
    return { nodes: this.nodes.map((n) => ({ ...n })), lanes: [...this.lanes.values()] }
  }
}

/** The health file from the duties' reports: nodes in role order (commit, RMN, exec, verifier, executor). */
export function writeHealth(
  path: string,
  startedAt: string,
  reports: readonly { nodes: NodeHealth[]; lanes: LaneLag[] }[],
  snapshots: SnapshotHealth,
): void {
  const rank = { commit: 0, rmn: 1, exec: 2, verifier: 3, executor: 4 }
  const file: HealthFile = {
    pid: process.pid,
    updatedAt: new Date().toISOString(),
    startedAt,
    nodes: reports.flatMap((r) => r.nodes).sort((a, b) => rank[a.role] - rank[b.role] || a.index - b.index),
    lanes: reports.flatMap((r) => r.lanes),
    snapshots,
  }
  writeJsonAtomic(path, file)
}
