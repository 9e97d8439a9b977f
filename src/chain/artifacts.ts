import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { InterfaceAbi } from 'ethers'
import { packageRoot } from '../package-root.js'

/**
 * The production CCIP 1.6 contracts exactly as @chainlink/contracts-ccip ships them
 * (abi/<version>/<name>.json + bytecode/<version>/<name>.bin, BUSL-1.1). Versions are pinned here:
 * the 1.6 lane contracts, Router 1.2, TokenAdminRegistry 1.5, pools 1.6.1, token 1.6.2, ARMProxy 1.0;
 * 2.0 contracts carry a V2 suffix.
 */
export const CCIP_CONTRACTS = {
  router: 'v1_2_0/router',
  rmnProxy: 'v1_0_0/rmn_proxy_contract',
  tokenAdminRegistry: 'v1_5_0/token_admin_registry',
  registryModule: 'v1_6_0/registry_module_owner_custom',
  rmnRemote: 'v1_6_0/rmn_remote',
  nonceManager: 'v1_6_0/nonce_manager',
  feeQuoter: 'v1_6_0/fee_quoter',
  onRamp: 'v1_6_0/onramp',
  offRamp: 'v1_6_0/offramp',
  burnMintPool: 'v1_6_1/burn_mint_token_pool',
  lockReleasePool: 'v1_6_1/lock_release_token_pool',
  token: 'v1_6_2/factory_burn_mint_erc20',
  messageHasher: 'v1_6_0/message_hasher',
  // CCIP 2.0 (ccip-2.0-protocol.md §1.1); Router, registries, LINK and the RMN proxy are shared with 1.6.
  rmnV2: 'v2_0_0/rmn',
  feeQuoterV2: 'v2_0_0/fee_quoter',
  onRampV2: 'v2_0_0/onramp',
  offRampV2: 'v2_0_0/offramp',
  committeeVerifierV2: 'v2_0_0/committee_verifier',
  verifierResolverV2: 'v2_0_0/versioned_verifier_resolver',
  executorV2: 'v2_0_0/executor',
  executorProxyV2: 'v2_0_0/proxy',
  burnMintPoolV2: 'v2_0_0/burn_mint_token_pool',
  lockReleasePoolV2: 'v2_0_0/lock_release_token_pool',
  lockBoxV2: 'v2_0_0/erc20_lock_box',
  /** A receiver that logs the data it gets (tests). */
  logReceiverV2: 'v2_0_0/log_message_data_receiver',
  /** A receiver that reverts when told to (tests of FAILURE). */
  revertReceiverV2: 'v2_0_0/maybe_revert_message_receiver',
  /** A receiver that names the CCVs it requires (tests of the OffRamp's quorum). */
  mockReceiverV2: 'v2_0_0/mock_receiver_v2',
  /** Its public encoders are the reference for the 2.0 codecs' tests. */
  messageHasherV2: 'v2_0_0/message_hasher',
} as const
export type CcipContract = keyof typeof CCIP_CONTRACTS

/** ccipkit's own MIT contracts, compiled artifacts committed beside their sources. */
export const OWN_CONTRACTS = {
  weth: 'src/stack/contracts/artifacts/WETH.json',
  curseAuthority: 'src/stack/contracts/artifacts/CurseAuthority.json',
} as const
export type OwnContract = keyof typeof OWN_CONTRACTS

export interface Artifact {
  abi: InterfaceAbi
  bytecode: string
}

let ccipDir: string | undefined
function ccipPackageDir(): string {
  ccipDir ??= dirname(createRequire(import.meta.url).resolve('@chainlink/contracts-ccip/package.json'))
  return ccipDir
}

const cache = new Map<string, Artifact>()

export function ccipArtifact(name: CcipContract): Artifact {
  const path = CCIP_CONTRACTS[name]
  let artifact = cache.get(path)
  if (artifact === undefined) {
    const dir = ccipPackageDir()
    artifact = {
      abi: JSON.parse(readFileSync(join(dir, 'abi', `${path}.json`), 'utf8')) as InterfaceAbi,
      bytecode: readFileSync(join(dir, 'bytecode', `${path}.bin`), 'utf8').trim(),
    }
    cache.set(path, artifact)
  }
  return artifact
}

export function ccipAbi(name: CcipContract): InterfaceAbi {
  return ccipArtifact(name).abi
}

export function ownArtifact(name: OwnContract): Artifact {
  const path = OWN_CONTRACTS[name]
  let artifact = cache.get(path)
  if (artifact === undefined) {
    // CAST: the committed artifact written by test/contracts/compile.ts.
    const json = JSON.parse(readFileSync(join(packageRoot(), path), 'utf8')) as Artifact
    artifact = { abi: json.abi, bytecode: json.bytecode }
    cache.set(path, artifact)
  }
  return artifact
}

export function ccipPackageVersion(): string {
  return (JSON.parse(readFileSync(join(ccipPackageDir(), 'package.json'), 'utf8')) as { version: string })
    .version
}
