import { AbiCoder } from 'ethers'
import { ccipAbi } from '../../chain/artifacts.js'
import { onRampBytes } from '../../protocol/abi-words.js'
import type { ChainDeployment } from '../deployment.js'
import { DEST_CHAIN_CONFIG, PRICES, RATE_LIMITS } from '../settings.js'
import type { TxPipeline } from './pipeline.js'

const abi = AbiCoder.defaultAbiCoder()
const encodeAddress = (address: string): string => abi.encode(['address'], [address])

/**
 * Wire `local` to every chain in `remotes`, both directions of each lane as seen from `local`:
 * outbound (FeeQuoter dest config and gas price, OnRamp dest config, Router on-ramps) and
 * inbound (OffRamp source config, Router off-ramps), plus the token pools' remote chains.
 * Each contract takes all remotes in one call, so a chain is wired in a handful of transactions.
 */
export async function wireLanes(
  tx: TxPipeline,
  local: ChainDeployment,
  remotes: ChainDeployment[],
): Promise<void> {
  const c = local.contracts
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
  await tx.call('FeeQuoter.destChainConfigs', c.feeQuoter, feeQuoter, 'applyDestChainConfigUpdates', [
    remotes.map((r) => [r.selector, destConfig]),
  ])
  // getFee reverts on a missing or stale gas price for the destination.
  await tx.call('FeeQuoter.gasPrices', c.feeQuoter, feeQuoter, 'updatePrices', [
    [[], remotes.map((r) => [r.selector, PRICES.gas])],
  ])
  await tx.call('OnRamp.destChainConfigs', c.onRamp, ccipAbi('onRamp'), 'applyDestChainConfigUpdates', [
    remotes.map((r) => [r.selector, c.router, false]),
  ])
  await tx.call(
    'OffRamp.sourceChainConfigs',
    c.offRamp,
    ccipAbi('offRamp'),
    'applySourceChainConfigUpdates',
    [
      // The on-ramp as 32-byte left-padded bytes, as Chainlink's deployments configure it; blessing
      // by the RMN is required on every source (isRMNVerificationDisabled = false).
      remotes.map((r) => [c.router, r.selector, true, false, onRampBytes(r.contracts.onRamp)]),
    ],
  )
  await tx.call('Router.applyRampUpdates', c.router, ccipAbi('router'), 'applyRampUpdates', [
    remotes.map((r) => [r.selector, c.onRamp]),
    [],
    remotes.map((r) => [r.selector, c.offRamp]),
  ])
  for (const symbol of ['CCIP-BnM', 'CCIP-LnM'] as const) {
    const pool = c.tokens[symbol].pool
    const poolAbi = ccipAbi('burnMintPool') // applyChainUpdates is identical on both pool types
    await tx.call(`${symbol} pool.applyChainUpdates`, pool, poolAbi, 'applyChainUpdates', [
      [],
      remotes.map((r) => [
        r.selector,
        [encodeAddress(r.contracts.tokens[symbol].pool)],
        encodeAddress(r.contracts.tokens[symbol].token),
        [RATE_LIMITS.outbound.isEnabled, RATE_LIMITS.outbound.capacity, RATE_LIMITS.outbound.rate],
        [RATE_LIMITS.inbound.isEnabled, RATE_LIMITS.inbound.capacity, RATE_LIMITS.inbound.rate],
      ]),
    ])
  }
}
