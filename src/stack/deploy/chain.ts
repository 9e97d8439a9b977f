import { ccipAbi, ccipArtifact, ownArtifact } from '../../chain/artifacts.js'
import { ZERO_ADDRESS } from '../../protocol/abi-words.js'
import { deployRampsV2 } from '../deploy-v2/ramps.js'
import type { ChainContracts, NodeAddresses } from '../deployment.js'
import { type CcipMode, modeDeploys } from '../lane-plan.js'
import type { LocalChainDef } from '../local-chains.js'
import { DON, FUNDING, TOKENS } from '../settings.js'
import type { TxPipeline } from './pipeline.js'
import { deployRampsV16 } from './ramps.js'
import type { SharedContracts } from './shared.js'
import { deployTestToken, liquidityHolder } from './test-tokens.js'

/**
 * Deploy and configure one chain's CCIP contracts: the shared ones (fee tokens, RMN and its
 * proxy, Router, token registry), the ramps of each version `mode` runs (ramps.ts for 1.6,
 * deploy-v2/ramps.ts for 2.0), the curse authority, the test tokens with their pools, and the
 * funding of dev accounts and node keys. Lanes to other chains are wired separately (lanes.ts).
 * A chain with 1.6 ramps keeps RMNRemote 1.6 for all its lanes (its ramps need the blessing
 * check, and the 2.0 ramps only ask isCursed); a 2.0-only chain gets RMN 2.0, curse only.
 */
export async function deployChain(
  tx: TxPipeline,
  chain: LocalChainDef,
  nodes: NodeAddresses,
  devAccounts: string[],
  mode: CcipMode,
): Promise<ChainContracts> {
  const owner = tx.address
  const v16 = modeDeploys(mode, '1.6')
  const weth = await tx.deploy('WETH', ownArtifact('weth'))
  const link = await tx.deploy('LINK', ccipArtifact('token'), [
    TOKENS.link.name,
    TOKENS.link.symbol,
    18,
    0,
    0,
    owner,
  ])
  const rmnRemote = v16
    ? await tx.deploy('RMNRemote', ccipArtifact('rmnRemote'), [chain.selector, ZERO_ADDRESS])
    : await tx.deploy('RMN 2.0', ccipArtifact('rmnV2'), [[]])
  const rmnProxy = await tx.deploy('RMNProxy', ccipArtifact('rmnProxy'), [rmnRemote])
  const router = await tx.deploy('Router', ccipArtifact('router'), [weth, rmnProxy])
  const tokenAdminRegistry = await tx.deploy('TokenAdminRegistry', ccipArtifact('tokenAdminRegistry'))
  const registryModule = await tx.deploy('RegistryModuleOwnerCustom', ccipArtifact('registryModule'), [
    tokenAdminRegistry,
  ])
  await tx.call(
    'TAR.addRegistryModule',
    tokenAdminRegistry,
    ccipAbi('tokenAdminRegistry'),
    'addRegistryModule',
    [registryModule],
  )
  const shared: SharedContracts = {
    router,
    rmnRemote,
    rmnProxy,
    tokenAdminRegistry,
    registryModule,
    link,
    weth,
  }
  const ramps = v16 ? await deployRampsV16(tx, chain, shared, nodes) : {}
  const v2 = modeDeploys(mode, '2.0') ? await deployRampsV2(tx, chain, shared) : undefined

  // No single key may curse: an authority contract of ours takes over the RMN (two-step).
  // RMNRemote 1.6 and RMN 2.0 have the same curse, uncurse and ownership calls.
  const curseAuthority = await tx.deploy('CurseAuthority', ownArtifact('curseAuthority'), [
    rmnRemote,
    owner,
    nodes.rmn,
    DON.fSign + 1,
  ])
  await tx.call('RMN.transferOwnership', rmnRemote, ccipAbi('rmnRemote'), 'transferOwnership', [
    curseAuthority,
  ])
  const authorityAbi = ownArtifact('curseAuthority').abi
  await tx.call('CurseAuthority.acceptRmnOwnership', curseAuthority, authorityAbi, 'acceptRmnOwnership', [])

  const poolVersion = v16 ? '1.6' : '2.0'
  const lockRelease = chain.name === 'alpha'
  const bnm = await deployTestToken(tx, TOKENS.bnm, false, poolVersion, shared)
  const lnm = await deployTestToken(tx, TOKENS.lnm, lockRelease, poolVersion, shared)

  const tokenAbi = ccipAbi('token')
  for (const address of [link, bnm.token, lnm.token]) {
    await tx.call('token.grantMintAndBurnRoles(owner)', address, tokenAbi, 'grantMintAndBurnRoles', [owner])
  }
  if (lockRelease)
    await tx.call('LnM.poolLiquidity', lnm.token, tokenAbi, 'mint', [
      liquidityHolder(lnm),
      FUNDING.lnmPoolLiquidity,
    ])
  for (const account of devAccounts) {
    await tx.call('fund LINK', link, tokenAbi, 'mint', [account, FUNDING.link])
    await tx.call('fund CCIP-BnM', bnm.token, tokenAbi, 'mint', [account, FUNDING.bnm])
    await tx.call('fund CCIP-LnM', lnm.token, tokenAbi, 'mint', [account, FUNDING.lnm])
  }
  const payers = [...(v16 ? [...nodes.commitTransmitters, ...nodes.exec] : []), ...nodes.rmn]
  for (const node of [...payers, ...(v2 === undefined ? [] : (nodes.executors ?? []))]) {
    await tx.sendNative('fund node', node, FUNDING.nodeNative)
  }

  return {
    router,
    ...ramps,
    ...(v2 === undefined ? {} : { v2 }),
    rmnRemote,
    rmnProxy,
    tokenAdminRegistry,
    registryModule,
    link,
    weth,
    curseAuthority,
    tokens: { 'CCIP-BnM': bnm, 'CCIP-LnM': lnm },
  }
}
