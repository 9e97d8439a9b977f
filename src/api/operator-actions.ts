import type { CcipContext } from '../context.js'
import { invalidArgument } from '../errors.js'
import type { ResolveSignerOptions } from '../profiles/wallet.js'

/** The operator's actions of the library (curses and rate limits), behind CcipClient. */

/** Which chains an RMN curse names (`subjects`, or the global subject) and where it is set (`on`). */
export interface CurseRequest {
  /** The remote chains whose lanes stop; omit with `global`. */
  subjects?: readonly string[]
  global?: boolean
  /** The chains whose RMNRemote takes the call. */
  on: readonly string[]
  reason?: string
}

/** A pool's rate limit toward (outbound) or from (inbound) one remote chain. */
export interface RateLimitRequest {
  chain: string
  remote: string
  /** The token's symbol or address. */
  token: string
  direction: 'outbound' | 'inbound'
  /** In the token's smallest unit: tokens the bucket holds, and tokens it refills per second (rate ≤ capacity). */
  capacity?: bigint
  rate?: bigint
  /** Switch the limit off (then no capacity or rate). */
  disable?: boolean
}

/** Curse or lift a curse: every call simulated before any is sent (operator/curse-plan.ts). */
export async function curseOrUncurse(
  ctx: CcipContext,
  action: 'curse' | 'uncurse',
  request: CurseRequest,
  signer: ResolveSignerOptions,
) {
  const plan = await import('../operator/curse-plan.js')
  const store = await ctx.profiles()
  const curse = {
    action,
    subjects: (request.subjects ?? []).map((name) => store.require(name)),
    global: request.global === true,
    on: request.on.map((name) => store.require(name)),
    reason: request.reason ?? 'operator',
  }
  plan.validateCurseRequest(curse)
  return plan.executeCurse(curse, await plan.planCurse(curse), signer)
}

/** Set one direction of a pool's rate limit toward a remote chain, amounts in the token's smallest unit. */
export async function setRateLimit(
  ctx: CcipContext,
  request: RateLimitRequest,
  signer: ResolveSignerOptions,
) {
  const [{ parseLimitChange }, rl] = await Promise.all([
    import('../operator/ratelimit-config.js'),
    import('../operator/ratelimit-set.js'),
  ])
  const amount = (name: string, value: bigint | undefined) => {
    if (value !== undefined && (typeof value !== 'bigint' || value < 0n)) {
      throw invalidArgument(
        `setRateLimit: ${name} must be a non-negative bigint, not ${String(value)}`,
        "amounts are in the token's smallest unit, e.g. 10n ** 18n",
      )
    }
    return value === undefined ? undefined : String(value)
  }
  const capacity = amount('capacity', request.capacity)
  const rate = amount('rate', request.rate)
  const change = parseLimitChange({
    outbound: request.direction === 'outbound',
    inbound: request.direction === 'inbound',
    ...(capacity === undefined ? {} : { capacity }),
    ...(rate === undefined ? {} : { rate }),
    disable: request.disable === true,
  })
  const profiles = await ctx.profiles()
  const chain = profiles.require(request.chain)
  const remote = { name: request.remote, selector: BigInt(profiles.require(request.remote).selector) }
  const plan = await rl.planRateLimitSet({
    chain,
    remote,
    token: request.token,
    change: change.disable ? change : { ...change, smallestUnit: true },
  })
  return rl.executeRateLimitSet(chain, plan, signer, async () => undefined)
}
