import { CcipError, ErrorCode } from '../errors.js'
import type { PoolType } from './inspect.js'
import type { SetupChain, SetupGoal, SetupStep } from './setup-plan.js'

/** What the planner's parts share (setup-plan.ts). */

/** A chain's pool as the plan leaves it: there already, or deployed by it. */
export interface PlannedPool {
  address: string
  isNew: boolean
  version: '1.6' | '2.0'
  /** Where a new lock/release pool's liquidity goes (its lock box, or itself). */
  holder?: string
}

/** Adds a step to the plan (and counts the chain's nonce on). */
export type AddStep = (step: SetupStep) => void

export const same = (a: string | null | undefined, b: string | null | undefined) =>
  a !== null && a !== undefined && b !== null && b !== undefined && a.toLowerCase() === b.toLowerCase()
export const refuse = (message: string, hint: string): never => {
  throw new CcipError(ErrorCode.InvalidArgument, message, { hint })
}

/** The type a chain's pool has or will have. */
export const typeOf = (c: SetupChain, goal: SetupGoal): PoolType | undefined =>
  goal.poolTypes[c.name] ?? c.state.pool?.type
