import { Interface, isError } from 'ethers'
import { ccipAbi } from '../chain/artifacts.js'
import { connectChain, disconnect } from '../chain/connect.js'
import { withGasMargin } from '../chain/gas.js'
import { openChain, type ProfileChain } from '../chain/profile-chain.js'
import { decodeRevert, revertData } from '../chain/revert.js'
import { rpcUnreachable } from '../chain/rpc-errors.js'
import { CcipError, ErrorCode, ExitCode } from '../errors.js'
import type { Profile } from '../profiles/profile.js'
import { type ResolveSignerOptions, resolveSigner } from '../profiles/wallet.js'
import { getRateLimitAdmin, isSupportedChain, owner } from '../protocol/view-calls.js'
import {
  findPoolToken,
  type PoolToken,
  type RateLimitConfig,
  type RateLimitState,
  readBucket,
  registryOf,
} from './pools.js'
import { type LimitChange, toConfig } from './ratelimit-config.js'

/**
 * `ccip ratelimit set`: change one direction of a pool's limits for one remote chain, writing the
 * other direction back as it is: setChainRateLimiterConfig on a 1.6 pool, setRateLimitConfig
 * (the standard, not the fast-finality, buckets) on a 2.0 pool. Planned first (reads only, what
 * --dry-run prints), then simulated from the signer, confirmed, sent and read back.
 */

export interface SetRateLimitParameters {
  chain: Profile
  /** The remote chain's profile, or its selector when there is no profile for it. */
  remote: { name: string; selector: bigint }
  token: string
  change: LimitChange
}

/** Everything `set` will do, resolved on chain; what --dry-run prints. */
export interface RateLimitPlan {
  chain: string
  token: PoolToken
  pool: string
  remote: string
  remoteSelector: bigint
  current: { outbound: RateLimitState; inbound: RateLimitState }
  /** The configs sent: the changed direction, and the other as it is now. */
  outbound: RateLimitConfig
  inbound: RateLimitConfig
  target: string
  function: string
  calldata: string
}

const SET_FN = { '1.6': 'setChainRateLimiterConfig', '2.0': 'setRateLimitConfig' } as const
type PoolGeneration = keyof typeof SET_FN
const setInterfaces = new Map<PoolGeneration, Interface>()
/** The pool ABI cut to the one function written: the full ABI costs tens of milliseconds to parse. */
function poolWrite(generation: PoolGeneration): Interface {
  let cut = setInterfaces.get(generation)
  if (cut === undefined) {
    // CAST: the shipped ABI JSON is an array of fragments.
    const fragments = ccipAbi(generation === '2.0' ? 'burnMintPoolV2' : 'burnMintPool') as readonly {
      type?: string
      name?: string
    }[]
    cut = new Interface(fragments.filter((f) => f.type === 'function' && f.name === SET_FN[generation]))
    setInterfaces.set(generation, cut)
  }
  return cut
}

/** Read the pool and both current buckets; build the call. Nothing is sent. */
export async function planRateLimitSet(params: SetRateLimitParameters): Promise<RateLimitPlan> {
  const chain = openChain(params.chain)
  return chain.guard(resolvePlan(chain, params))
}

async function resolvePlan(chain: ProfileChain, params: SetRateLimitParameters): Promise<RateLimitPlan> {
  const { selector, name } = params.remote
  const where = chain.profile.name
  const token = await findPoolToken(chain, await registryOf(chain), params.token)
  if (!(await chain.view(token.pool, isSupportedChain(selector)))) {
    throw new CcipError(ErrorCode.NotFound, `The ${token.symbol} pool on ${where} has no lane to ${name}`, {
      hint: `its remote chains: \`ccip ratelimit show --chain ${where} --token ${token.symbol}\``,
      exitCode: ExitCode.NotFound,
    })
  }
  const [outbound, inbound] = await Promise.all([
    readBucket(chain, token.pool, 'outbound', selector),
    readBucket(chain, token.pool, 'inbound', selector),
  ])
  const wanted = toConfig(params.change, token.decimals, token.symbol)
  const keep = (b: RateLimitState): RateLimitConfig => ({
    isEnabled: b.enabled,
    capacity: b.capacity,
    rate: b.rate,
  })
  const configs = {
    outbound: params.change.direction === 'outbound' ? wanted : keep(outbound),
    inbound: params.change.direction === 'inbound' ? wanted : keep(inbound),
  }
  const generation: PoolGeneration =
    (await chain.contractVersion(token.pool).catch(() => undefined))?.ccip === '2.0' ? '2.0' : '1.6'
  const fn = SET_FN[generation]
  const args =
    generation === '2.0'
      ? [[[selector, false, toTuple(configs.outbound), toTuple(configs.inbound)]]]
      : [selector, configs.outbound, configs.inbound].map(toTuple)
  return {
    chain: where,
    token,
    pool: token.pool,
    remote: name,
    remoteSelector: selector,
    current: { outbound, inbound },
    ...configs,
    target: token.pool,
    function: poolWrite(generation).getFunction(fn)?.format('sighash') ?? fn,
    calldata: poolWrite(generation).encodeFunctionData(fn, args),
  }
}

const fnName = (plan: RateLimitPlan): string => plan.function.split('(')[0] ?? plan.function

const toTuple = (v: bigint | RateLimitConfig): unknown =>
  typeof v === 'bigint' ? v : [v.isEnabled, v.capacity, v.rate]

export interface RateLimitSetResult {
  chain: string
  token: string
  decimals: number
  pool: string
  remote: string
  txHash: string
  outbound: RateLimitState
  inbound: RateLimitState
}

/**
 * Simulate the planned call from the chain's signer (a revert becomes a CcipError with a hint), let
 * `confirm` decide, send it, wait for it and read both buckets back from the chain.
 */
export async function executeRateLimitSet(
  profile: Profile,
  plan: RateLimitPlan,
  signer: ResolveSignerOptions,
  confirm: () => Promise<void>,
): Promise<RateLimitSetResult> {
  const chain = connectChain(profile)
  const reads = openChain(profile)
  try {
    const wallet = await resolveSigner(profile, signer, chain.provider)
    const call = { to: plan.target, data: plan.calldata }
    await signed(reads, chain.provider.call({ ...call, from: wallet.address })).catch((error: unknown) =>
      rethrowRevert(error, reads, plan),
    )
    await confirm()
    const gas = await signed(reads, chain.provider.estimateGas({ ...call, from: wallet.address })).catch(
      (error: unknown) => rethrowRevert(error, reads, plan),
    )
    const tx = { ...call, gasLimit: withGasMargin(gas) }
    const sent = await signed(reads, wallet.sendTransaction(tx)).catch((error: unknown) =>
      rethrowRevert(error, reads, plan),
    )
    const receipt = await sent.wait().catch(() => null)
    if (receipt?.status !== 1) {
      throw new CcipError(ErrorCode.Revert, `${fnName(plan)} on ${plan.chain} failed (tx ${sent.hash})`, {
        hint: 'it reverted or was not mined; `ccip ratelimit show` has the limits as they are',
      })
    }
    const [outbound, inbound] = await Promise.all([
      readBucket(reads, plan.pool, 'outbound', plan.remoteSelector),
      readBucket(reads, plan.pool, 'inbound', plan.remoteSelector),
    ])
    const { symbol, decimals } = plan.token
    return {
      chain: plan.chain,
      token: symbol,
      decimals,
      pool: plan.pool,
      remote: plan.remote,
      txHash: sent.hash,
      outbound,
      inbound,
    }
  } finally {
    disconnect(chain)
  }
}

/** A call through the signer's ethers provider: a revert is handed on to be decoded; else as Chain.guard. */
async function signed<T>(chain: ProfileChain, work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (error instanceof CcipError || isError(error, 'CALL_EXCEPTION')) throw error
    throw rpcUnreachable(chain.profile, error)
  }
}

async function rethrowRevert(error: unknown, chain: ProfileChain, plan: RateLimitPlan): Promise<never> {
  const decoded = decodeRevert(revertData(error))
  if (decoded === undefined) throw error
  const where = `the ${plan.token.symbol} pool on ${plan.chain}`
  let hint = `nothing was changed; re-run with --verbose for details`
  if (decoded.name === 'Unauthorized' || decoded.name === 'OnlyCallableByOwner') {
    const [poolOwner, admin] = await Promise.all([
      chain.view(plan.pool, owner),
      // 2.0 pools keep the admin in their dynamic config: unnamed then.
      chain.view(plan.pool, getRateLimitAdmin).catch(() => '0x0000000000000000000000000000000000000000'),
    ])
    const admins = /^0x0{40}$/.test(admin) ? '' : ` or its rate-limit admin (${admin})`
    hint = `only the pool owner (${poolOwner})${admins} may set limits; sign with that key (--keystore or CCIPKIT_PRIVATE_KEY)`
  } else if (decoded.name === 'InvalidRateLimitRate') {
    hint = 'the pool requires rate ≤ capacity for an enabled limit'
  } else if (decoded.name === 'DisabledNonZeroRateLimit') {
    hint = 'a disabled limit must have capacity 0 and rate 0 (use --disable)'
  } else if (decoded.name === 'NonExistentChain') {
    hint = `${where} has no config for ${plan.remote}; its owner adds remote chains with applyChainUpdates`
  }
  throw new CcipError(ErrorCode.Revert, `${fnName(plan)} on ${where} would revert: ${decoded.name}`, {
    hint,
    details: { revert: decoded.text },
    cause: error,
  })
}
