import { ccipAbi } from '../../chain/artifacts.js'
import { onRampBytes } from '../../protocol/abi-words.js'
import type { TxPipeline } from '../deploy/pipeline.js'
import { type ChainDeployment, v2Ramps } from '../deployment.js'
import { PRICES, V2 } from '../settings.js'

/** The committee that signs for messages from a source: `threshold` of `signers`. */
export interface CommitteeConfig {
  threshold: number
  signers: readonly string[]
}

/**
 * Wire `local`'s side of its 2.0 lanes with every chain in `remotes`, each contract taking all
 * remotes in one call (ccip-2.0-protocol.md §3.2, Chainlink's ConfigureChainForLanes order).
 * Outbound: FeeQuoter dest config and gas price, the verifier's remote config, the resolver's
 * outbound entry, the executor's dest, the OnRamp's dest config (offRamp as raw 20 bytes), the
 * Router's OnRamp. Inbound: the committee for each source, the OffRamp's source config (onRamp
 * as ABI-encoded 32 bytes: the two encodings are the recipe's main pitfall), the Router's OffRamp.
 */
export async function wireLanesV2(
  tx: TxPipeline,
  local: ChainDeployment,
  remotes: readonly ChainDeployment[],
  committee: CommitteeConfig,
): Promise<void> {
  if (remotes.length === 0) return
  const s = v2Ramps(local)
  const router = local.contracts.router
  const fq = V2.feeQuoter.destChain
  const destConfig = [
    fq.isEnabled,
    fq.maxDataBytes,
    fq.maxPerMsgGasLimit,
    fq.destGasOverhead,
    fq.destGasPerPayloadByteBase,
    fq.chainFamilySelector,
    fq.defaultTokenFeeUSDCents,
    fq.defaultTokenDestGasOverhead,
    fq.defaultTxGasLimit,
    fq.networkFeeUSDCents,
    fq.linkFeeMultiplierPercent,
  ]
  const feeQuoter = ccipAbi('feeQuoterV2')
  await tx.call('FeeQuoter 2.0.destChains', s.feeQuoter, feeQuoter, 'applyDestChainConfigUpdates', [
    remotes.map((r) => [r.selector, destConfig]),
  ])
  // getFee reverts NoGasPriceAvailable without a gas price for the destination.
  await tx.call('FeeQuoter 2.0.gasPrices', s.feeQuoter, feeQuoter, 'updatePrices', [
    [[], remotes.map((r) => [r.selector, PRICES.gas])],
  ])
  const cv = V2.committee
  await tx.call(
    'CommitteeVerifier.remotes',
    s.committeeVerifier,
    ccipAbi('committeeVerifierV2'),
    'applyRemoteChainConfigUpdates',
    [
      remotes.map((r) => [
        router,
        r.selector,
        false,
        cv.feeUSDCents,
        cv.gasForVerification,
        cv.payloadSizeBytes,
      ]),
    ],
  )
  await tx.call(
    'Resolver.outbound',
    s.verifierResolver,
    ccipAbi('verifierResolverV2'),
    'applyOutboundImplementationUpdates',
    [remotes.map((r) => [r.selector, s.committeeVerifier])],
  )
  await tx.call('Executor.dests', s.executor, ccipAbi('executorV2'), 'applyDestChainUpdates', [
    [],
    remotes.map((r) => [r.selector, [V2.executor.usdCentsFee, true]]),
  ])
  const ramp = V2.onRamp
  await tx.call('OnRamp 2.0.destChains', s.onRamp, ccipAbi('onRampV2'), 'applyDestChainConfigUpdates', [
    remotes.map((r) => [
      r.selector,
      router,
      20,
      false,
      ramp.messageNetworkFeeUSDCents,
      ramp.tokenNetworkFeeUSDCents,
      ramp.baseExecutionGasCost,
      [s.verifierResolver],
      [],
      s.executorProxy,
      v2Ramps(r).offRamp, // raw 20 bytes: an ABI-encoded address reverts InvalidDestChainAddress
    ]),
  ])
  await tx.call(
    'CommitteeVerifier.signers',
    s.committeeVerifier,
    ccipAbi('committeeVerifierV2'),
    'applySignatureConfigs',
    [[], remotes.map((r) => [r.selector, committee.threshold, [...committee.signers]])],
  )
  await tx.call('OffRamp 2.0.sources', s.offRamp, ccipAbi('offRampV2'), 'applySourceChainConfigUpdates', [
    remotes.map((r) => [
      router,
      r.selector,
      true,
      [onRampBytes(v2Ramps(r).onRamp)],
      [s.verifierResolver],
      [],
    ]),
  ])
  await tx.call('Router.rampsV2', router, ccipAbi('router'), 'applyRampUpdates', [
    remotes.map((r) => [r.selector, s.onRamp]),
    [],
    remotes.map((r) => [r.selector, s.offRamp]),
  ])
}
