import { writeJsonAtomic } from '../fs-atomic.js'

/** What `ccip local status` shows per node: proof of life and what it last did. */
export interface NodeHealth {
  role: 'commit' | 'exec' | 'rmn'
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
}

export class HealthBoard {
  readonly nodes: NodeHealth[] = []
  readonly lanes = new Map<string, LaneLag>()
  private readonly startedAt = new Date().toISOString()

  register(role: NodeHealth['role'], index: number, address: string): NodeHealth {
    const entry: NodeHealth = {
      role,
      index,
      address,
      lastRoundAt: null,
      rounds: 0,
      lastCommittedRoot: null,
      lastTx: null,
      lastError: null,
    }
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

  write(path: string): void {
    const file: HealthFile = {
      pid: process.pid,
      updatedAt: new Date().toISOString(),
      startedAt: this.startedAt,
      nodes: this.nodes,
      lanes: [...this.lanes.values()],
    }
    writeJsonAtomic(path, file)
  }
}
