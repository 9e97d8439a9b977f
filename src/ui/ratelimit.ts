import type { RateLimitConfig, RateLimitState } from '../operator/pools.js'
import type { RateLimitRow } from '../operator/ratelimit.js'
import type { RateLimitPlan, RateLimitSetResult } from '../operator/ratelimit-set.js'
import { table } from './table.js'

/** Formatters for `ccip ratelimit …` (and the token columns of `ccip lanes list`). */

/**
 * A token amount in human units with grouped thousands: 100000000000000000000000n → `100,000`.
 * Written out rather than ethers' formatUnits: `lanes list` must not load ethers for it.
 */
export function tokenUnits(value: bigint, decimals: number): string {
  const abs = value < 0n ? -value : value
  const unit = 10n ** BigInt(decimals)
  const fraction = (abs % unit).toString().padStart(decimals, '0').replace(/0+$/, '')
  return `${value < 0n ? '-' : ''}${(abs / unit).toLocaleString('en-US')}${fraction === '' ? '' : `.${fraction}`}`
}

/** `95,000 / 100,000 +100/s` (available / capacity, refill per second) or `off`. */
export function bucketText(b: RateLimitState | null, decimals: number): string {
  if (b === null) return '-'
  if (!b.enabled) return 'off'
  return `${tokenUnits(b.tokens, decimals)} / ${tokenUnits(b.capacity, decimals)} +${tokenUnits(b.rate, decimals)}/s`
}

export interface BucketJson {
  enabled: boolean
  tokens: bigint
  capacity: bigint
  rate: bigint
}
export const bucketJson = (b: RateLimitState): BucketJson => ({
  enabled: b.enabled,
  tokens: b.tokens,
  capacity: b.capacity,
  rate: b.rate,
})

/** `ccip ratelimit show --json`: `{chain, token, pool, remote, outbound, inbound}` per row. */
export const rateLimitRowsJson = (rows: RateLimitRow[]) =>
  rows.map((r) => ({
    chain: r.chain,
    token: r.token,
    pool: r.pool,
    remote: r.remote,
    outbound: bucketJson(r.outbound),
    inbound: bucketJson(r.inbound),
  }))

export function renderRateLimits(rows: RateLimitRow[]): string {
  if (rows.length === 0) return 'No token pools with rate limits found.'
  const body = rows.map((r) => [
    r.chain,
    r.token,
    r.remote,
    bucketText(r.outbound, r.decimals),
    bucketText(r.inbound, r.decimals),
    r.pool,
  ])
  return `${table(['CHAIN', 'TOKEN', 'REMOTE', 'OUTBOUND', 'INBOUND', 'POOL'], body)}\n\n  limits: available / capacity +refill per second, in token units; off = not rate limited`
}

const configText = (c: RateLimitConfig, decimals: number): string =>
  c.isEnabled ? `capacity ${tokenUnits(c.capacity, decimals)}, rate ${tokenUnits(c.rate, decimals)}/s` : 'off'

/** The summary shown before asking for confirmation (stderr). */
export function renderPlanSummary(plan: RateLimitPlan): string {
  const d = plan.token.decimals
  const line = (dir: 'outbound' | 'inbound') => {
    const was = plan.current[dir]
    const now = plan[dir]
    const before = was.enabled
      ? `capacity ${tokenUnits(was.capacity, d)}, rate ${tokenUnits(was.rate, d)}/s`
      : 'off'
    const after = configText(now, d)
    return `  ${dir.padEnd(8)}  ${before === after ? `${after} (unchanged)` : `${before}  →  ${after}`}`
  }
  return [
    `Set the ${plan.token.symbol} rate limits on ${plan.chain} for the lane with ${plan.remote}:`,
    line('outbound'),
    line('inbound'),
    `  pool      ${plan.pool}`,
  ].join('\n')
}

export const dryRunJson = (plan: RateLimitPlan) => ({
  dryRun: true,
  chain: plan.chain,
  token: plan.token.symbol,
  pool: plan.pool,
  remote: plan.remote,
  target: plan.target,
  function: plan.function,
  calldata: plan.calldata,
  outbound: plan.outbound,
  inbound: plan.inbound,
})

export function renderDryRun(plan: RateLimitPlan): string {
  return [
    renderPlanSummary(plan),
    '',
    'Dry run: nothing was sent.',
    `  target    ${plan.target}`,
    `  function  ${plan.function}`,
    `  calldata  ${plan.calldata}`,
  ].join('\n')
}

export const setResultJson = (r: RateLimitSetResult) => ({
  chain: r.chain,
  token: r.token,
  pool: r.pool,
  remote: r.remote,
  txHash: r.txHash,
  outbound: bucketJson(r.outbound),
  inbound: bucketJson(r.inbound),
})

export function renderSetResult(r: RateLimitSetResult): string {
  return [
    `Updated the ${r.token} rate limits on ${r.chain} for ${r.remote} (tx ${r.txHash}). Now:`,
    `  outbound  ${bucketText(r.outbound, r.decimals)}`,
    `  inbound   ${bucketText(r.inbound, r.decimals)}`,
  ].join('\n')
}
