import { getCreateAddress } from 'ethers'
import type { LimitChange } from '../operator/ratelimit-config.js'
import { encodeCall } from './contracts.js'
import type { PoolType, TokenOnChain } from './inspect.js'
import { notYours, type PlannedPool, refuse, same, typeOf } from './plan-common.js'
import { planConnections } from './plan-connect.js'
import { authorizeLockBox, deployPool, planLiquidity } from './plan-pool.js'
import { planRegistration } from './plan-registry.js'

/**
 * What `ccip token setup` (and each of its steps alone) must still do, from what the chains hold
 * now: a pure diff of the wanted set-up against each chain's TokenOnChain. Re-running after an
 * interruption plans only what is missing. Transactions on one chain are numbered from the
 * signer's next nonce, so a pool to be deployed has a known address that the other chains' steps
 * can already name (the executor checks each deployment lands there).
 */
export const PHASES = ['pool', 'grant', 'register', 'connect', 'liquidity'] as const
export type Phase = (typeof PHASES)[number]

export interface SetupChain {
  name: string
  selector: bigint
  /** Who signs every step on this chain, and its next nonce. */
  signer: string
  nonce: number
  state: TokenOnChain
  router: string
  rmnProxy: string
  /** RegistryModuleOwnerCustom; undefined when unknown (only needed to register). */
  registryModule: string | undefined
  /** Whether a mistake costs real money: local chains need no confirmation. */
  local: boolean
  /** A lock box for the token already deployed here (by a setup that stopped before its pool). */
  lockBox?: string
}

export interface SetupGoal {
  /** Pool type per chain name; a chain left out keeps its pool's type (a new pool needs one). */
  poolTypes: Record<string, PoolType>
  poolVersion: '1.6' | '2.0'
  /** Rate limits on every chain toward every other; undefined: disabled on new remotes, kept on others. */
  outbound: LimitChange | undefined
  inbound: LimitChange | undefined
  /** What a lock/release pool should hold at least: tokens as typed, or a bigint in base units. */
  liquidity: string | bigint | undefined
  phases: ReadonlySet<Phase>
}

export interface SetupStep {
  chain: string
  phase: Phase
  /** What it does, in words. */
  action: string
  /** The contract called; null for a deployment. */
  to: string | null
  data: string
  /** A deployment's address (nonce-derived). */
  deploys?: { what: 'pool' | 'lockBox'; address: string }
}

export interface SetupPlan {
  chains: { chain: string; signer: string; token: string; pool: string | null; poolIsNew: boolean }[]
  steps: SetupStep[]
  /** Things left undone because their phase was not asked for, or a prerequisite is missing. */
  notes: string[]
}

export function planTokenSetup(chains: readonly SetupChain[], goal: SetupGoal): SetupPlan {
  const steps: SetupStep[] = []
  const notes: string[] = []
  const nonces = new Map(chains.map((c) => [c.name, c.nonce]))
  const add = (step: SetupStep) => {
    steps.push(step)
    nonces.set(step.chain, (nonces.get(step.chain) ?? 0) + 1)
  }
  const nextAddress = (c: SetupChain) => getCreateAddress({ from: c.signer, nonce: nonces.get(c.name)! })
  const pools = new Map<string, PlannedPool>()

  // Pools first: every other chain's remote configuration names them.
  for (const c of chains) {
    const existing = c.state.pool
    const wanted = goal.poolTypes[c.name]
    if (existing !== null) {
      if (wanted !== undefined && existing.type !== wanted)
        refuse(
          `${c.state.token.symbol} on ${c.name} already has a ${existing.type} pool (${existing.address})`,
          `set it up as ${existing.type} there (--pool / --home-chain), or replace the pool yourself first`,
        )
      pools.set(c.name, { address: existing.address, isNew: false, version: existing.version })
      const box = existing.liquidity
      // A setup that stopped between a 2.0 pool and its lock box's authorization.
      if (goal.phases.has('pool') && box !== undefined && !box.poolAuthorized)
        add(authorizeLockBox(c.name, box.holder, existing.address))
      continue
    }
    if (!goal.phases.has('pool')) {
      notes.push(`${c.name}: no pool yet (\`ccip token pool deploy\` deploys one)`)
      continue
    }
    if (wanted === undefined)
      refuse(
        `${c.name} has no pool for ${c.state.token.symbol} yet`,
        'say which to deploy: --pool burn-mint|lock-release',
      )
    pools.set(c.name, {
      ...deployPool(c, wanted!, goal.poolVersion, add, nextAddress),
      isNew: true,
      version: goal.poolVersion,
    })
  }

  for (const c of chains) {
    const pool = pools.get(c.name)
    const { token } = c.state
    if (goal.phases.has('grant') && pool !== undefined && typeOf(c, goal) === 'burn-mint') {
      const rights = c.state.pool
      if (rights === null || rights.mayMint !== true || rights.mayBurn !== true) {
        if (!same(token.owner, c.signer))
          notYours(
            `Only the owner of ${token.symbol} on ${c.name} (${token.owner ?? 'none'}) can let the pool mint and burn`,
            'sign with the token owner’s key, or have the owner call grantMintAndBurnRoles(pool)',
          )
        add({
          chain: c.name,
          phase: 'grant',
          action: `let the pool mint and burn ${token.symbol}`,
          to: token.address,
          data: encodeCall('token', 'grantMintAndBurnRoles', [pool.address]),
        })
      }
    }
    if (goal.phases.has('register')) planRegistration(c, pool?.address, add, notes)
    if (goal.phases.has('liquidity') && pool !== undefined) planLiquidity(c, pool, goal, add)
  }

  if (goal.phases.has('connect')) {
    for (const c of chains) {
      const pool = pools.get(c.name)
      if (pool === undefined) continue
      const wanted: SetupStep[] = []
      planConnections(c, pool, chains, pools, goal, (step) => wanted.push(step), notes)
      // Only a change needs the owner: a set-up that is complete is complete for anyone.
      if (wanted.length > 0 && !pool.isNew && !same(c.state.pool?.owner, c.signer))
        notYours(
          `Only the pool's owner on ${c.name} (${c.state.pool?.owner}) can connect it to other chains or change its limits`,
          'sign with the pool owner’s key',
        )
      for (const step of wanted) add(step)
    }
  }
  return {
    chains: chains.map((c) => ({
      chain: c.name,
      signer: c.signer,
      token: c.state.token.address,
      pool: pools.get(c.name)?.address ?? null,
      poolIsNew: pools.get(c.name)?.isNew ?? false,
    })),
    steps,
    notes,
  }
}
