import { ccipAbi, ccipArtifact } from '../../chain/artifacts.js'
import { ZERO_ADDRESS } from '../../protocol/abi-words.js'
import type { TokenDeployment } from '../deployment.js'
import type { LaneVersion } from '../lane-plan.js'
import type { TxPipeline } from './pipeline.js'
import type { SharedContracts } from './shared.js'

/**
 * One of the stack's test tokens with its pool, registered in the TokenAdminRegistry the way a
 * token team self-serves. `poolVersion` 1.6 deploys the 1.6.1 pools, which serve 1.6 and 2.0
 * ramps alike (a 2.0 OnRamp falls back to the lane's default CCVs for a V1 pool), so a mixed stack
 * keeps one pool per token as a migrating network does; 2.0 deploys the 2.0 pools, whose
 * lock/release liquidity lives in an ERC20LockBox the pool must be allowed to use.
 */
export async function deployTestToken(
  tx: TxPipeline,
  meta: { symbol: string; name: string },
  lockRelease: boolean,
  poolVersion: LaneVersion,
  reg: SharedContracts,
): Promise<TokenDeployment> {
  const token = await tx.deploy(meta.symbol, ccipArtifact('token'), [
    meta.name,
    meta.symbol,
    18,
    0,
    0,
    tx.address,
  ])
  let pool: string
  let lockBox: string | undefined
  if (poolVersion === '1.6') {
    const artifact = ccipArtifact(lockRelease ? 'lockReleasePool' : 'burnMintPool')
    pool = await tx.deploy(`${meta.symbol} pool`, artifact, [token, 18, [], reg.rmnProxy, reg.router])
  } else if (!lockRelease) {
    pool = await tx.deploy(`${meta.symbol} pool`, ccipArtifact('burnMintPoolV2'), [
      token,
      18,
      ZERO_ADDRESS, // no AdvancedPoolHooks: no allowlist, no pool-required CCVs
      reg.rmnProxy,
      reg.router,
    ])
  } else {
    lockBox = await tx.deploy(`${meta.symbol} lock box`, ccipArtifact('lockBoxV2'), [token])
    pool = await tx.deploy(`${meta.symbol} pool`, ccipArtifact('lockReleasePoolV2'), [
      token,
      18,
      ZERO_ADDRESS,
      reg.rmnProxy,
      reg.router,
      lockBox,
    ])
    // Without it every lock reverts UnauthorizedCaller(pool).
    await tx.call(
      `${meta.symbol} lock box.authorize`,
      lockBox,
      ccipAbi('lockBoxV2'),
      'applyAuthorizedCallerUpdates',
      [[[pool], []]],
    )
  }
  if (!lockRelease) {
    await tx.call(`${meta.symbol}.grantMintAndBurnRoles`, token, ccipAbi('token'), 'grantMintAndBurnRoles', [
      pool,
    ])
  }
  await tx.call(
    `${meta.symbol}.registerAdmin`,
    reg.registryModule,
    ccipAbi('registryModule'),
    'registerAdminViaOwner',
    [token],
  )
  const tar = ccipAbi('tokenAdminRegistry')
  await tx.call(`${meta.symbol}.acceptAdminRole`, reg.tokenAdminRegistry, tar, 'acceptAdminRole', [token])
  await tx.call(`${meta.symbol}.setPool`, reg.tokenAdminRegistry, tar, 'setPool', [token, pool])
  return lockBox === undefined ? { token, pool } : { token, pool, lockBox }
}

/** Where a lock/release pool's liquidity goes: its lock box (2.0) or the pool itself (1.6). */
export const liquidityHolder = (t: TokenDeployment): string => t.lockBox ?? t.pool
