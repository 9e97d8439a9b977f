import { ccipAbi } from '../../chain/artifacts.js'
import { onRampBytes } from '../../protocol/abi-words.js'
import type { TxPipeline } from '../deploy/pipeline.js'
import type { LocalChainDef } from '../local-chains.js'
import { PRICES, V2 } from '../settings.js'
import type { ChainContractsV2 } from './chain.js'

/** One end of a lane: the chain, its deployer's pipeline and its 2.0 contracts. */
export interface LaneEndV2 {
  chain: LocalChainDef
  tx: TxPipeline
  contracts: ChainContractsV2
}

/** The committee that signs for messages from a source: `threshold` of `signers`. */
export interface CommitteeConfig {
  threshold: number
  signers: readonly string[]
}

/**
 * Wire the 2.0 lane src → dst (ccip-2.0-protocol.md §3.2, Chainlink's ConfigureChainForLanes
 * order). Source: FeeQuoter dest config and gas price, the verifier's remote config, the
 * resolver's outbound entry, the executor's dest, the OnRamp's dest config (offRamp as raw 20
 * bytes), the Router's OnRamp. Destination: the committee for this source, the OffRamp's source
 * config (onRamp as ABI-encoded 32 bytes: the two encodings are the recipe's main pitfall), the
 * Router's OffRamp.
 */
export async function wireLaneV2(src: LaneEndV2, dst: LaneEndV2, committee: CommitteeConfig): Promise<void> {
  const s = src.contracts
  const d = dst.contracts
  const fq = V2.feeQuoter.destChain
  await src.tx.call(
    'FeeQuoter.destChain',
    s.feeQuoter,
    ccipAbi('feeQuoterV2'),
    'applyDestChainConfigUpdates',
    [
      [
        [
          dst.chain.selector,
          [
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
          ],
        ],
      ],
    ],
  )
  await src.tx.call('FeeQuoter.gasPrice', s.feeQuoter, ccipAbi('feeQuoterV2'), 'updatePrices', [
    [[], [[dst.chain.selector, PRICES.gas]]],
  ])
  const cv = V2.committee
  await src.tx.call(
    'CommitteeVerifier.remote',
    s.committeeVerifier,
    ccipAbi('committeeVerifierV2'),
    'applyRemoteChainConfigUpdates',
    [[[s.router, dst.chain.selector, false, cv.feeUSDCents, cv.gasForVerification, cv.payloadSizeBytes]]],
  )
  await src.tx.call(
    'Resolver.outbound',
    s.verifierResolver,
    ccipAbi('verifierResolverV2'),
    'applyOutboundImplementationUpdates',
    [[[dst.chain.selector, s.committeeVerifier]]],
  )
  await src.tx.call('Executor.dest', s.executor, ccipAbi('executorV2'), 'applyDestChainUpdates', [
    [],
    [[dst.chain.selector, [V2.executor.usdCentsFee, true]]],
  ])
  const ramp = V2.onRamp
  await src.tx.call('OnRamp.destChain', s.onRamp, ccipAbi('onRampV2'), 'applyDestChainConfigUpdates', [
    [
      [
        dst.chain.selector,
        s.router,
        20,
        false,
        ramp.messageNetworkFeeUSDCents,
        ramp.tokenNetworkFeeUSDCents,
        ramp.baseExecutionGasCost,
        [s.verifierResolver],
        [],
        s.executorProxy,
        d.offRamp, // raw 20 bytes: an ABI-encoded address reverts InvalidDestChainAddress
      ],
    ],
  ])
  await src.tx.call('Router.onRamp', s.router, ccipAbi('router'), 'applyRampUpdates', [
    [[dst.chain.selector, s.onRamp]],
    [],
    [],
  ])

  await dst.tx.call(
    'CommitteeVerifier.signers',
    d.committeeVerifier,
    ccipAbi('committeeVerifierV2'),
    'applySignatureConfigs',
    [[], [[src.chain.selector, committee.threshold, [...committee.signers]]]],
  )
  await dst.tx.call('OffRamp.source', d.offRamp, ccipAbi('offRampV2'), 'applySourceChainConfigUpdates', [
    [[d.router, src.chain.selector, true, [onRampBytes(s.onRamp)], [d.verifierResolver], []]],
  ])
  await dst.tx.call('Router.offRamp', d.router, ccipAbi('router'), 'applyRampUpdates', [
    [],
    [],
    [[src.chain.selector, d.offRamp]],
  ])
}
