import { ccipAbi, ccipArtifact, ownArtifact } from '../../chain/artifacts.js'
import { COMMITTEE_VERSION_TAG } from '../../protocol/v2/committee.js'
import type { TxPipeline } from '../deploy/pipeline.js'
import type { LocalChainDef } from '../local-chains.js'
import { PRICES, TOKENS, V2 } from '../settings.js'

/** One chain's CCIP 2.0 contracts. The CCV and executor named in messages are the resolver and the Proxy. */
export interface ChainContractsV2 {
  router: string
  rmn: string
  rmnProxy: string
  tokenAdminRegistry: string
  registryModule: string
  feeQuoter: string
  onRamp: string
  offRamp: string
  committeeVerifier: string
  /** The CCV address: OnRamp defaults, OffRamp defaults and `execute`'s ccvs name this. */
  verifierResolver: string
  executor: string
  /** The executor address messages carry and fees go to. */
  executorProxy: string
  link: string
  weth: string
}

/**
 * Deploy one chain's CCIP 2.0 contracts in the order the recipe requires (ccip-2.0-protocol.md
 * §3.1): tokens, RMN and its proxy, Router, registry, FeeQuoter with prices, ramps, the committee
 * verifier behind its resolver, the executor behind its Proxy. Lanes are wired by lanes.ts.
 * Like Chainlink's 2.0 deploy, the ramps and the verifier get the RMN proxy as their RMN.
 */
export async function deployChainV2(tx: TxPipeline, chain: LocalChainDef): Promise<ChainContractsV2> {
  const owner = tx.address
  const weth = await tx.deploy('WETH', ownArtifact('weth'))
  const link = await tx.deploy('LINK', ccipArtifact('token'), [
    TOKENS.link.name,
    TOKENS.link.symbol,
    18,
    0,
    0,
    owner,
  ])
  const rmn = await tx.deploy('RMN', ccipArtifact('rmnV2'), [[]])
  const rmnProxy = await tx.deploy('RMNProxy', ccipArtifact('rmnProxy'), [rmn])
  const router = await tx.deploy('Router', ccipArtifact('router'), [weth, rmnProxy])
  const tokenAdminRegistry = await tx.deploy('TokenAdminRegistry', ccipArtifact('tokenAdminRegistry'))
  const registryModule = await tx.deploy('RegistryModuleOwnerCustom', ccipArtifact('registryModule'), [
    tokenAdminRegistry,
  ])
  const feeQuoter = await tx.deploy('FeeQuoter', ccipArtifact('feeQuoterV2'), [
    [V2.feeQuoter.maxFeeJuelsPerMsg, link],
    [owner],
    [],
    [],
  ])
  const onRamp = await tx.deploy('OnRamp', ccipArtifact('onRampV2'), [
    [chain.selector, rmnProxy, V2.onRamp.maxUSDCentsPerMessage, tokenAdminRegistry],
    [feeQuoter, false, owner],
  ])
  const offRamp = await tx.deploy('OffRamp', ccipArtifact('offRampV2'), [
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
    [owner, V2.executor.allowedFinalityConfig, false],
  ])
  const executorProxy = await tx.deploy('ExecutorProxy', ccipArtifact('executorProxyV2'), [executor, owner])

  await tx.call(
    'TAR.addRegistryModule',
    tokenAdminRegistry,
    ccipAbi('tokenAdminRegistry'),
    'addRegistryModule',
    [registryModule],
  )
  // A token is a fee token once it has a price; 2.0 prices never go stale.
  await tx.call('FeeQuoter.updatePrices', feeQuoter, ccipAbi('feeQuoterV2'), 'updatePrices', [
    [
      [
        [link, PRICES.link],
        [weth, PRICES.weth],
      ],
      [],
    ],
  ])
  // Every inbound result with the committee's tag goes to this chain's committee verifier.
  await tx.call(
    'Resolver.inbound',
    verifierResolver,
    ccipAbi('verifierResolverV2'),
    'applyInboundImplementationUpdates',
    [[[COMMITTEE_VERSION_TAG, committeeVerifier]]],
  )
  return {
    router,
    rmn,
    rmnProxy,
    tokenAdminRegistry,
    registryModule,
    feeQuoter,
    onRamp,
    offRamp,
    committeeVerifier,
    verifierResolver,
    executor,
    executorProxy,
    link,
    weth,
  }
}
