import type { RateLimitConfig } from '../operator/pools.js'
import { toConfig } from '../operator/ratelimit-config.js'
import { remoteAddressBytes as word } from '../protocol/abi-words.js'
import { encodeCall } from './contracts.js'
import { type AddStep, type PlannedPool, same } from './plan-common.js'
import type { SetupChain, SetupGoal } from './setup-plan.js'

/** The planner's connection steps: remote chains with their pool and token, and rate limits. */

const DISABLED: RateLimitConfig = { isEnabled: false, capacity: 0n, rate: 0n }
const tuple = (c: RateLimitConfig) => [c.isEnabled, c.capacity, c.rate]

export function planConnections(
  c: SetupChain,
  pool: PlannedPool,
  chains: readonly SetupChain[],
  pools: Map<string, PlannedPool>,
  goal: SetupGoal,
  add: AddStep,
  notes: string[],
) {
  const known = new Map((pool.isNew ? [] : (c.state.pool?.remotes ?? [])).map((r) => [r.selector, r]))
  const fresh: unknown[] = []
  for (const r of chains) {
    if (r === c) continue
    const remotePool = pools.get(r.name)
    if (remotePool === undefined) {
      notes.push(`${c.name} → ${r.name}: not connected, ${r.name} has no pool yet`)
      continue
    }
    const { decimals, symbol } = c.state.token
    const outbound = goal.outbound === undefined ? DISABLED : toConfig(goal.outbound, decimals, symbol)
    const inbound = goal.inbound === undefined ? DISABLED : toConfig(goal.inbound, decimals, symbol)
    const current = known.get(r.selector)
    if (current === undefined) {
      fresh.push([
        r.selector,
        [word(remotePool.address)],
        word(r.state.token.address),
        tuple(outbound),
        tuple(inbound),
      ])
      continue
    }
    if (!current.remotePools.some((p) => same(p, word(remotePool.address))))
      add({
        chain: c.name,
        phase: 'connect',
        action: `add ${r.name}'s pool ${remotePool.address}`,
        to: pool.address,
        data: encodeCall(pool.version === '2.0' ? 'burnMintPoolV2' : 'burnMintPool', 'addRemotePool', [
          r.selector,
          word(remotePool.address),
        ]),
      })
    const limitsDiffer =
      (goal.outbound !== undefined && !sameLimit(current.outbound, outbound)) ||
      (goal.inbound !== undefined && !sameLimit(current.inbound, inbound))
    if (limitsDiffer) {
      const out = goal.outbound === undefined ? current.outbound : outbound
      const inb = goal.inbound === undefined ? current.inbound : inbound
      const data =
        pool.version === '2.0'
          ? encodeCall('burnMintPoolV2', 'setRateLimitConfig', [
              [[r.selector, false, tuple(asConfig(out)), tuple(asConfig(inb))]],
            ])
          : encodeCall('burnMintPool', 'setChainRateLimiterConfig', [
              r.selector,
              tuple(asConfig(out)),
              tuple(asConfig(inb)),
            ])
      add({
        chain: c.name,
        phase: 'connect',
        action: `set the rate limits toward ${r.name}`,
        to: pool.address,
        data,
      })
    }
  }
  if (fresh.length > 0) {
    const names = chains
      .filter((r) => r !== c && fresh.some((f) => (f as [bigint])[0] === r.selector))
      .map((r) => r.name)
    add({
      chain: c.name,
      phase: 'connect',
      action: `connect the pool to ${names.join(', ')}`,
      to: pool.address,
      data: encodeCall('burnMintPool', 'applyChainUpdates', [[], fresh]),
    })
  }
}

const asConfig = (
  b: RateLimitConfig | { enabled: boolean; capacity: bigint; rate: bigint },
): RateLimitConfig => ('isEnabled' in b ? b : { isEnabled: b.enabled, capacity: b.capacity, rate: b.rate })
const sameLimit = (b: { enabled: boolean; capacity: bigint; rate: bigint }, c: RateLimitConfig) =>
  b.enabled === c.isEnabled && b.capacity === c.capacity && b.rate === c.rate
