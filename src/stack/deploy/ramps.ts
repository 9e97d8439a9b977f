import { ccipAbi, ccipArtifact } from '../../chain/artifacts.js'
import { ZERO_ADDRESS } from '../../protocol/abi-words.js'
import type { NodeAddresses } from '../deployment.js'
import type { LocalChainDef } from '../local-chains.js'
import { DON, FEE_QUOTER, OFF_RAMP, PRICES } from '../settings.js'
import { ocrConfigDigest, RMN_HOME_CONFIG_DIGEST } from './digests.js'
import type { TxPipeline } from './pipeline.js'
import type { SharedContracts } from './shared.js'

export interface RampsV16 {
  onRamp: string
  offRamp: string
  feeQuoter: string
  nonceManager: string
}

/**
 * Deploy one chain's CCIP 1.6 ramps beside the shared contracts, in the order the contracts
 * require (ccip-1.6-protocol.md §4): nonce manager, fee quoter, ramps, their mutual
 * authorisations, the OCR3 configs of the commit and execution DONs, and the RMNRemote's
 * blessing signers.
 */
export async function deployRampsV16(
  tx: TxPipeline,
  chain: LocalChainDef,
  shared: SharedContracts,
  nodes: NodeAddresses,
): Promise<RampsV16> {
  const owner = tx.address
  const { link, weth, rmnRemote, tokenAdminRegistry } = shared
  const nonceManager = await tx.deploy('NonceManager', ccipArtifact('nonceManager'), [[]])
  const feeQuoter = await tx.deploy('FeeQuoter', ccipArtifact('feeQuoter'), [
    [FEE_QUOTER.maxFeeJuelsPerMsg, link, FEE_QUOTER.tokenPriceStalenessThreshold],
    [owner],
    [link, weth],
    [],
    [],
    [
      [link, FEE_QUOTER.premiumMultiplierWeiPerEth.link],
      [weth, FEE_QUOTER.premiumMultiplierWeiPerEth.weth],
    ],
    [],
  ])
  const onRamp = await tx.deploy('OnRamp', ccipArtifact('onRamp'), [
    [chain.selector, rmnRemote, nonceManager, tokenAdminRegistry],
    [feeQuoter, false, ZERO_ADDRESS, owner, ZERO_ADDRESS],
    [],
  ])
  const offRamp = await tx.deploy('OffRamp', ccipArtifact('offRamp'), [
    [chain.selector, OFF_RAMP.gasForCallExactCheck, rmnRemote, tokenAdminRegistry, nonceManager],
    [feeQuoter, OFF_RAMP.permissionLessExecutionThresholdSeconds, ZERO_ADDRESS],
    [],
  ])
  await tx.call(
    'NonceManager.authorize',
    nonceManager,
    ccipAbi('nonceManager'),
    'applyAuthorizedCallerUpdates',
    [[[onRamp, offRamp], []]],
  )
  // The OffRamp forwards the price updates carried by commit reports into the FeeQuoter.
  await tx.call('FeeQuoter.authorize', feeQuoter, ccipAbi('feeQuoter'), 'applyAuthorizedCallerUpdates', [
    [[offRamp], []],
  ])
  await tx.call('FeeQuoter.updatePrices', feeQuoter, ccipAbi('feeQuoter'), 'updatePrices', [
    [
      [
        [link, PRICES.link],
        [weth, PRICES.weth],
      ],
      [],
    ],
  ])
  await tx.call('OffRamp.setOCR3Configs', offRamp, ccipAbi('offRamp'), 'setOCR3Configs', [
    [
      [ocrConfigDigest(chain.selector, 'commit'), 0, DON.f, true, nodes.commit, nodes.commitTransmitters],
      [ocrConfigDigest(chain.selector, 'exec'), 1, DON.f, false, [], nodes.exec],
    ],
  ])
  // RMNRemote.verify wants the blessing signatures in ascending signer order; node indexes follow it.
  const rmnSigners = [...nodes.rmn].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))
  await tx.call('RMNRemote.setConfig', rmnRemote, ccipAbi('rmnRemote'), 'setConfig', [
    [RMN_HOME_CONFIG_DIGEST, rmnSigners.map((signer, i) => [signer, i]), DON.fSign],
  ])
  return { onRamp, offRamp, feeQuoter, nonceManager }
}
