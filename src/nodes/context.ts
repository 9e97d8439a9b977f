import type { Deployment } from '../stack/deployment.js'
import type { Manifest } from '../stack/manifest.js'
import { archiveFile, type StackPaths } from '../stack/paths.js'
import { DEFAULTS } from '../stack/settings.js'

/** One chain as the nodes see it: where to reach it and which contracts matter. */
export interface NodeChain {
  name: string
  chainId: bigint
  selector: bigint
  rpcUrl: string
  onRamp: string
  offRamp: string
  feeQuoter: string
  rmnRemote: string
  curseAuthority: string
  link: string
  weth: string
  /** Block at which the CCIP contracts exist: log scans start here. */
  startBlock: number
  /** The chain's log archive: logs of the blocks anvil no longer keeps (chain/log-archive.ts). */
  archive?: string
}

export interface NodeNetwork {
  chains: NodeChain[]
  finalityDepth: number
  blockTimeMs: number
  instant: boolean
  /** Blocks whose transactions (and logs) the chains keep; older ones are in the archive. */
  keepBlocks: number
  commitConfigDigest: Record<string, string>
  execConfigDigest: Record<string, string>
  rmnHomeConfigDigest: string
  fSign: number
}

export function nodeNetwork(manifest: Manifest, deployment: Deployment, paths: StackPaths): NodeNetwork {
  return {
    chains: manifest.chains.map((c) => {
      const d = deployment.chains.find((x) => x.name === c.name)
      if (d === undefined) throw new Error(`chain ${c.name} missing from the deployment`)
      return {
        name: c.name,
        chainId: BigInt(c.chainId),
        selector: BigInt(c.selector),
        rpcUrl: c.rpcUrl,
        onRamp: d.contracts.onRamp,
        offRamp: d.contracts.offRamp,
        feeQuoter: d.contracts.feeQuoter,
        rmnRemote: d.contracts.rmnRemote,
        curseAuthority: d.contracts.curseAuthority,
        link: d.contracts.link,
        weth: d.contracts.weth,
        startBlock: 0,
        archive: archiveFile(paths, c.name),
      }
    }),
    finalityDepth: manifest.finalityDepth,
    blockTimeMs: Math.round(manifest.blockTime * 1000),
    instant: manifest.mining === 'instant',
    keepBlocks: manifest.keepBlocks ?? DEFAULTS.keepBlocks,
    commitConfigDigest: deployment.ocr.commitConfigDigest,
    execConfigDigest: deployment.ocr.execConfigDigest,
    rmnHomeConfigDigest: deployment.rmn.homeConfigDigest,
    fSign: deployment.rmn.fSign,
  }
}
