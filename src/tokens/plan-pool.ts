import { formatUnits } from 'ethers'
import { ccipArtifact } from '../chain/artifacts.js'
import { ZERO_ADDRESS } from '../protocol/abi-words.js'
import { parseTokenUnits } from './args.js'
import { contractInterface, encodeCall } from './contracts.js'
import type { PoolType } from './inspect.js'
import { type AddStep, type PlannedPool, typeOf } from './plan-common.js'
import type { SetupChain, SetupGoal, SetupStep } from './setup-plan.js'

/** The planner's pool steps: a new pool (and a 2.0 lock box), and a lock/release pool's liquidity. */

export function deployPool(
  c: SetupChain,
  type: PoolType,
  version: '1.6' | '2.0',
  add: AddStep,
  nextAddress: (c: SetupChain) => string,
): { address: string; holder?: string } {
  const { address: token, decimals, symbol } = c.state.token
  const deploy = (
    what: 'pool' | 'lockBox',
    name: Parameters<typeof ccipArtifact>[0],
    args: unknown[],
    action: string,
  ) => {
    const address = nextAddress(c)
    const data = ccipArtifact(name).bytecode + contractInterface(name).encodeDeploy(args).slice(2)
    add({ chain: c.name, phase: 'pool', action, to: null, data, deploys: { what, address } })
    return address
  }
  if (version === '1.6') {
    const name = type === 'burn-mint' ? 'burnMintPool' : 'lockReleasePool'
    const address = deploy(
      'pool',
      name,
      [token, decimals, [], c.rmnProxy, c.router],
      `deploy a ${type} pool 1.6 for ${symbol}`,
    )
    return { address, holder: address }
  }
  if (type === 'burn-mint') {
    return {
      address: deploy(
        'pool',
        'burnMintPoolV2',
        [token, decimals, ZERO_ADDRESS, c.rmnProxy, c.router],
        `deploy a burn-mint pool 2.0 for ${symbol}`,
      ),
    }
  }
  const lockBox =
    c.lockBox ?? deploy('lockBox', 'lockBoxV2', [token], `deploy the lock box of ${symbol}'s pool 2.0`)
  const pool = deploy(
    'pool',
    'lockReleasePoolV2',
    [token, decimals, ZERO_ADDRESS, c.rmnProxy, c.router, lockBox],
    `deploy a lock-release pool 2.0 for ${symbol}`,
  )
  // Without it every lock and release reverts UnauthorizedCaller(pool).
  add(authorizeLockBox(c.name, lockBox, pool))
  return { address: pool, holder: lockBox }
}

export function planLiquidity(c: SetupChain, pool: PlannedPool, goal: SetupGoal, add: AddStep) {
  if (goal.liquidity === undefined || typeOf(c, goal) !== 'lock-release') return
  const wanted =
    typeof goal.liquidity === 'bigint'
      ? goal.liquidity
      : parseTokenUnits(goal.liquidity, c.state.token.decimals, '--liquidity')
  const held = c.state.pool?.liquidity
  const have = pool.isNew ? 0n : (held?.amount ?? 0n)
  if (have >= wanted) return
  const holder = pool.isNew ? pool.holder : held?.holder
  if (holder === undefined) return
  add({
    chain: c.name,
    phase: 'liquidity',
    action: `add ${formatUnits(wanted - have, c.state.token.decimals)} ${c.state.token.symbol} of liquidity`,
    to: c.state.token.address,
    data: encodeCall('token', 'transfer', [holder, wanted - have]),
  })
}

/** Without it every lock and release of a 2.0 lock/release pool reverts UnauthorizedCaller(pool). */
export const authorizeLockBox = (chain: string, lockBox: string, pool: string): SetupStep => ({
  chain,
  phase: 'pool',
  action: 'let the pool use its lock box',
  to: lockBox,
  data: encodeCall('lockBoxV2', 'applyAuthorizedCallerUpdates', [[[pool], []]]),
})
