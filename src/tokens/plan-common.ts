import { CcipError, ErrorCode, invalidArgument } from '../errors.js'
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
/** A request that contradicts what the chains hold, or lacks what it needs: a usage error (exit 2). */
export const refuse = (message: string, hint: string): never => {
  throw invalidArgument(message, hint)
}
/** A step only another account may take (the token's owner or admin, the pool's owner): exit 1. */
export const notYours = (message: string, hint: string): never => {
  throw new CcipError(ErrorCode.Unauthorized, message, { hint })
}

/** The type a chain's pool has or will have. */
export const typeOf = (c: SetupChain, goal: SetupGoal): PoolType | undefined =>
  goal.poolTypes[c.name] ?? c.state.pool?.type
