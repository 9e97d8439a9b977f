import type { LaneLag, NodeHealth } from './health.js'

/** The node process's duties, one worker thread each (see duties.ts). */
export const DUTIES = ['commit', 'exec', 'verify', 'v2'] as const
export type Duty = (typeof DUTIES)[number]

/** Main thread → worker: new block heights (chain name → height), or stop. */
export type ToWorker = { type: 'heads'; heights: Record<string, number> } | { type: 'stop' }

/** Worker → main thread: none of the worker's duties has lanes on this stack; it ends for good. */
export interface WorkerIdle {
  type: 'idle'
  duties: Duty[]
}

/** Worker → main thread: the health of the worker's nodes. */
export interface WorkerHealth {
  type: 'health'
  duty: Duty
  nodes: NodeHealth[]
  lanes: LaneLag[]
}
