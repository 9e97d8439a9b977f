import { ccipAbi, ccipArtifact } from '../../chain/artifacts.js'
import { COMMITTEE_VERSION_TAG } from '../../protocol/v2/committee.js'
import type { TxPipeline } from '../deploy/pipeline.js'
import type { SharedContracts } from '../deploy/shared.js'
import type { ChainContractsV2 } from '../deployment.js'
import type { LocalChainDef } from '../local-chains.js'
import { PRICES, V2 } from '../settings.js'

/**
 * Deploy one chain's CCIP 2.0 ramps beside the shared contracts, in the order the recipe
 * requires (ccip-2.0-protocol.md §3.1): FeeQuoter with prices, ramps, the committee verifier
 * behind its resolver, the executor behind its Proxy. Lanes are wired by lanes.ts. Like
 * Chainlink's 2.0 deploy, the ramps and the verifier get the RMN proxy as their RMN.
 */
export async function deployRampsV2(
  tx: TxPipeline,
  chain: LocalChainDef,
  shared: SharedContracts,
): Promise<ChainContractsV2> {
  const owner = tx.address
  const { link, weth, rmnProxy, tokenAdminRegistry } = shared
  const feeQuoter = await tx.deploy('FeeQuoter 2.0', ccipArtifact('feeQuoterV2'), [
    [V2.feeQuoter.maxFeeJuelsPerMsg, link],
    [owner],
    [],
    [],
  ])
  const onRamp = await tx.deploy('OnRamp 2.0', ccipArtifact('onRampV2'), [
    [chain.selector, rmnProxy, V2.onRamp.maxUSDCentsPerMessage, tokenAdminRegistry],
    [feeQuoter, false, owner],
  ])
  const offRamp = await tx.deploy('OffRamp 2.0', ccipArtifact('offRampV2'), [
    [
      chain.selector,
      V2.offRamp.gasForCallExactCheck,
      rmnProxy,
      tokenAdminRegistry,
      V2.offRamp.maxGasBufferToUpdateState,
    ],
  ])
  const committeeVerifier = await tx.deploy('CommitteeVerifier', ccipArtifact('committeeVerifierV2'), [
    [owner, owner],
    [],
    rmnProxy,
    COMMITTEE_VERSION_TAG,
  ])
  const verifierResolver = await tx.deploy('VerifierResolver', ccipArtifact('verifierResolverV2'))
  const executor = await tx.deploy('Executor', ccipArtifact('executorV2'), [
    V2.executor.maxCCVsPerMsg,
    [owner, V2.allowedFinalityConfig, false],
  ])
  const executorProxy = await tx.deploy('ExecutorProxy', ccipArtifact('executorProxyV2'), [executor, owner])

  // A token is a fee token once it has a price; 2.0 prices never go stale.
  await tx.call('FeeQuoter 2.0.updatePrices', feeQuoter, ccipAbi('feeQuoterV2'), 'updatePrices', [
    [
      [
        [link, PRICES.link],
        [weth, PRICES.weth],
      ],
      [],
    ],
  ])
  // Faster-than-finality requests (a block depth, as the executor allows) pass the verifier's
  // gate too, so `--finality N` can be rehearsed; the default request stays finality.
  await tx.call(
    'CommitteeVerifier.allowedFinality',
    committeeVerifier,
    ccipAbi('committeeVerifierV2'),
    'setAllowedFinalityConfig',
    [V2.allowedFinalityConfig],
  )
  // Every inbound result with the committee's tag goes to this chain's committee verifier.
  await tx.call(
    'Resolver.inbound',
    verifierResolver,
    ccipAbi('verifierResolverV2'),
    'applyInboundImplementationUpdates',
    [[[COMMITTEE_VERSION_TAG, committeeVerifier]]],
  )
  return { feeQuoter, onRamp, offRamp, committeeVerifier, verifierResolver, executor, executorProxy }
}
