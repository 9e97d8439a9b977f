import { ccipAbi } from '../../chain/artifacts.js'
import { onRampBytes, remoteAddressBytes } from '../../protocol/abi-words.js'
import { type ChainDeployment, v16Ramps } from '../deployment.js'
import { DEST_CHAIN_CONFIG, PRICES, RATE_LIMITS } from '../settings.js'
import type { TxPipeline } from './pipeline.js'

/**
 * Wire `local`'s side of its 1.6 lanes with every chain in `remotes`, both directions as seen
 * from `local`: outbound (FeeQuoter dest config and gas price, OnRamp dest config, Router
 * on-ramps) and inbound (OffRamp source config, Router off-ramps). Each contract takes all
 * remotes in one call, so a chain is wired in a handful of transactions.
 */
export async function wireLanesV16(
  tx: TxPipeline,
  local: ChainDeployment,
  remotes: readonly ChainDeployment[],
): Promise<void> {
  if (remotes.length === 0) return
  const c = local.contracts
  const { onRamp, offRamp, feeQuoter: fq } = v16Ramps(local)
  const destConfig = [
    DEST_CHAIN_CONFIG.isEnabled,
    DEST_CHAIN_CONFIG.maxNumberOfTokensPerMsg,
    DEST_CHAIN_CONFIG.maxDataBytes,
    DEST_CHAIN_CONFIG.maxPerMsgGasLimit,
    DEST_CHAIN_CONFIG.destGasOverhead,
    DEST_CHAIN_CONFIG.destGasPerPayloadByteBase,
    DEST_CHAIN_CONFIG.destGasPerPayloadByteHigh,
    DEST_CHAIN_CONFIG.destGasPerPayloadByteThreshold,
    DEST_CHAIN_CONFIG.destDataAvailabilityOverheadGas,
    DEST_CHAIN_CONFIG.destGasPerDataAvailabilityByte,
    DEST_CHAIN_CONFIG.destDataAvailabilityMultiplierBps,
    DEST_CHAIN_CONFIG.chainFamilySelector,
    DEST_CHAIN_CONFIG.enforceOutOfOrder,
    DEST_CHAIN_CONFIG.defaultTokenFeeUSDCents,
    DEST_CHAIN_CONFIG.defaultTokenDestGasOverhead,
    DEST_CHAIN_CONFIG.defaultTxGasLimit,
    DEST_CHAIN_CONFIG.gasMultiplierWeiPerEth,
    DEST_CHAIN_CONFIG.gasPriceStalenessThreshold,
    DEST_CHAIN_CONFIG.networkFeeUSDCents,
  ]
  const feeQuoter = ccipAbi('feeQuoter')
  await tx.call('FeeQuoter.destChainConfigs', fq, feeQuoter, 'applyDestChainConfigUpdates', [
    remotes.map((r) => [r.selector, destConfig]),
  ])
  // getFee reverts on a missing or stale gas price for the destination.
  await tx.call('FeeQuoter.gasPrices', fq, feeQuoter, 'updatePrices', [
    [[], remotes.map((r) => [r.selector, PRICES.gas])],
  ])
  await tx.call('OnRamp.destChainConfigs', onRamp, ccipAbi('onRamp'), 'applyDestChainConfigUpdates', [
    remotes.map((r) => [r.selector, c.router, false]),
  ])
  await tx.call('OffRamp.sourceChainConfigs', offRamp, ccipAbi('offRamp'), 'applySourceChainConfigUpdates', [
    // The on-ramp as 32-byte left-padded bytes, as Chainlink's deployments configure it; blessing
    // by the RMN is required on every source (isRMNVerificationDisabled = false).
    remotes.map((r) => [c.router, r.selector, true, false, onRampBytes(v16Ramps(r).onRamp)]),
  ])
  await tx.call('Router.applyRampUpdates', c.router, ccipAbi('router'), 'applyRampUpdates', [
    remotes.map((r) => [r.selector, onRamp]),
    [],
    remotes.map((r) => [r.selector, offRamp]),
  ])
}

/**
 * The test tokens' pools on `local` connected to their peers on every remote, with the stack's
 * rate limits: on every lane, whatever its version (1.6 and 2.0 pools take the same update).
 */
export async function wirePools(
  tx: TxPipeline,
  local: ChainDeployment,
  remotes: readonly ChainDeployment[],
): Promise<void> {
  const c = local.contracts
  for (const symbol of ['CCIP-BnM', 'CCIP-LnM'] as const) {
    const pool = c.tokens[symbol].pool
    const poolAbi = ccipAbi('burnMintPool') // applyChainUpdates is identical on both pool types
    await tx.call(`${symbol} pool.applyChainUpdates`, pool, poolAbi, 'applyChainUpdates', [
      [],
      remotes.map((r) => [
        r.selector,
        [remoteAddressBytes(r.contracts.tokens[symbol].pool)],
        remoteAddressBytes(r.contracts.tokens[symbol].token),
        [RATE_LIMITS.outbound.isEnabled, RATE_LIMITS.outbound.capacity, RATE_LIMITS.outbound.rate],
        [RATE_LIMITS.inbound.isEnabled, RATE_LIMITS.inbound.capacity, RATE_LIMITS.inbound.rate],
      ]),
    ])
  }
}
