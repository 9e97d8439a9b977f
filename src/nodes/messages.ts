import type { LaneLag, NodeHealth } from './health.js'

/** The node process's duties, one worker thread each (see duties.ts). */
export const DUTIES = ['commit', 'exec'] as const
export type Duty = (typeof DUTIES)[number]

/** Main thread → worker: new block heights (chain name → height), or stop. */
export type ToWorker = { type: 'heads'; heights: Record<string, number> } | { type: 'stop' }

/** Worker → main thread: the health of the worker's nodes. */
export interface WorkerHealth {
  type: 'health'
  duty: Duty
  nodes: NodeHealth[]
  lanes: LaneLag[]
}
