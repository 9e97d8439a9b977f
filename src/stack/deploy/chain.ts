import { AbiCoder, keccak256, toUtf8Bytes } from 'ethers'
import { ccipAbi, ccipArtifact, ownArtifact } from '../../chain/artifacts.js'
import type { ChainContracts, NodeAddresses } from '../deployment.js'
import type { LocalChainDef } from '../local-chains.js'
import { DON, FEE_QUOTER, FUNDING, OFF_RAMP, PRICES, TOKENS } from '../settings.js'
import type { TxPipeline } from './pipeline.js'

const ZERO = '0x0000000000000000000000000000000000000000'
const abi = AbiCoder.defaultAbiCoder()

/** OCR3 config digests: any bytes32 works locally (no CCIPHome); derived so they are stable. */
export function ocrConfigDigest(selector: bigint, plugin: 'commit' | 'exec'): string {
  return keccak256(abi.encode(['string', 'uint64', 'string'], ['ccipkit-ocr3', selector, plugin]))
}
export const RMN_HOME_CONFIG_DIGEST = keccak256(toUtf8Bytes('ccipkit-rmn-home-config-v1'))

/**
 * Deploy and configure one chain's CCIP contracts, in the order the contracts require
 * (ccip-1.6-protocol.md §4): tokens, RMN, router, registry, nonce manager, fee quoter, ramps,
 * then their mutual authorisations, OCR3 and RMN configs, the test tokens with their pools, and
 * the dev-account funding. Lanes to other chains are wired separately (lanes.ts).
 */
export async function deployChain(
  tx: TxPipeline,
  chain: LocalChainDef,
  nodes: NodeAddresses,
  devAccounts: string[],
): Promise<ChainContracts> {
  const owner = tx.address
  const weth = await tx.deploy('WETH', ownArtifact('weth'))
  const token = ccipArtifact('token')
  const link = await tx.deploy('LINK', token, [TOKENS.link.name, TOKENS.link.symbol, 18, 0, 0, owner])
  const rmnRemote = await tx.deploy('RMNRemote', ccipArtifact('rmnRemote'), [chain.selector, ZERO])
  const rmnProxy = await tx.deploy('RMNProxy', ccipArtifact('rmnProxy'), [rmnRemote])
  const router = await tx.deploy('Router', ccipArtifact('router'), [weth, rmnProxy])
  const tokenAdminRegistry = await tx.deploy('TokenAdminRegistry', ccipArtifact('tokenAdminRegistry'))
  const registryModule = await tx.deploy('RegistryModuleOwnerCustom', ccipArtifact('registryModule'), [
    tokenAdminRegistry,
  ])
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
    [feeQuoter, false, ZERO, owner, ZERO],
    [],
  ])
  const offRamp = await tx.deploy('OffRamp', ccipArtifact('offRamp'), [
    [chain.selector, OFF_RAMP.gasForCallExactCheck, rmnRemote, tokenAdminRegistry, nonceManager],
    [feeQuoter, OFF_RAMP.permissionLessExecutionThresholdSeconds, ZERO],
    [],
  ])

  await tx.call(
    'TAR.addRegistryModule',
    tokenAdminRegistry,
    ccipAbi('tokenAdminRegistry'),
    'addRegistryModule',
    [registryModule],
  )
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

  // No single key may curse: an authority contract of ours takes over the RMNRemote (two-step).
  const curseAuthority = await tx.deploy('CurseAuthority', ownArtifact('curseAuthority'), [
    rmnRemote,
    owner,
    nodes.rmn,
    DON.fSign + 1,
  ])
  await tx.call('RMNRemote.transferOwnership', rmnRemote, ccipAbi('rmnRemote'), 'transferOwnership', [
    curseAuthority,
  ])
  const authorityAbi = ownArtifact('curseAuthority').abi
  await tx.call('CurseAuthority.acceptRmnOwnership', curseAuthority, authorityAbi, 'acceptRmnOwnership', [])

  const lockRelease = chain.name === 'alpha'
  const bnm = await deployTestToken(tx, TOKENS.bnm, false, {
    router,
    rmnProxy,
    tokenAdminRegistry,
    registryModule,
  })
  const lnm = await deployTestToken(tx, TOKENS.lnm, lockRelease, {
    router,
    rmnProxy,
    tokenAdminRegistry,
    registryModule,
  })

  const tokenAbi = ccipAbi('token')
  for (const address of [link, bnm.token, lnm.token]) {
    await tx.call('token.grantMintAndBurnRoles(owner)', address, tokenAbi, 'grantMintAndBurnRoles', [owner])
  }
  if (lockRelease)
    await tx.call('LnM.poolLiquidity', lnm.token, tokenAbi, 'mint', [lnm.pool, FUNDING.lnmPoolLiquidity])
  for (const account of devAccounts) {
    await tx.call('fund LINK', link, tokenAbi, 'mint', [account, FUNDING.link])
    await tx.call('fund CCIP-BnM', bnm.token, tokenAbi, 'mint', [account, FUNDING.bnm])
    await tx.call('fund CCIP-LnM', lnm.token, tokenAbi, 'mint', [account, FUNDING.lnm])
  }
  for (const node of [...nodes.commitTransmitters, ...nodes.exec, ...nodes.rmn]) {
    await tx.sendNative('fund node', node, FUNDING.nodeNative)
  }

  return {
    router,
    onRamp,
    offRamp,
    feeQuoter,
    rmnRemote,
    rmnProxy,
    nonceManager,
    tokenAdminRegistry,
    registryModule,
    link,
    weth,
    curseAuthority,
    tokens: { 'CCIP-BnM': bnm, 'CCIP-LnM': lnm },
  }
}

interface Registry {
  router: string
  rmnProxy: string
  tokenAdminRegistry: string
  registryModule: string
}

async function deployTestToken(
  tx: TxPipeline,
  meta: { symbol: string; name: string },
  lockRelease: boolean,
  reg: Registry,
): Promise<{ token: string; pool: string }> {
  const token = await tx.deploy(meta.symbol, ccipArtifact('token'), [
    meta.name,
    meta.symbol,
    18,
    0,
    0,
    tx.address,
  ])
  const poolArtifact = ccipArtifact(lockRelease ? 'lockReleasePool' : 'burnMintPool')
  const pool = await tx.deploy(`${meta.symbol} pool`, poolArtifact, [token, 18, [], reg.rmnProxy, reg.router])
  if (!lockRelease) {
    await tx.call(`${meta.symbol}.grantMintAndBurnRoles`, token, ccipAbi('token'), 'grantMintAndBurnRoles', [
      pool,
    ])
  }
  // Self-serve token admin: the token owner registers, accepts, and points the token at its pool.
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
  return { token, pool }
}
