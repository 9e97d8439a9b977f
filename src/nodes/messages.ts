import type { Duty } from './duties.js'
import type { LaneLag, NodeHealth } from './health.js'

/** Main thread → worker: a new block height, or stop. */
export type ToWorker = { type: 'head'; chain: string; head: number } | { type: 'stop' }

/** Worker → main thread: the health of the worker's nodes. */
export interface WorkerHealth {
  type: 'health'
  duty: Duty
  nodes: NodeHealth[]
  lanes: LaneLag[]
}
