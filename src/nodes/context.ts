import { type ChainContractsV2, type Deployment, deploymentMode } from '../stack/deployment.js'
import { indexerPort, type LaneVersion, laneVersionIn } from '../stack/lane-plan.js'
import type { Manifest } from '../stack/manifest.js'
import { archiveFile, type StackPaths } from '../stack/paths.js'
import { DEFAULTS } from '../stack/settings.js'
import type { Duty } from './messages.js'

/** One chain as the nodes see it: where to reach it and which contracts matter. */
export interface NodeChain {
  name: string
  chainId: bigint
  selector: bigint
  rpcUrl: string
  /**
   * The 1.6 ramps. The zero address on a chain of a 2.0-only stack, whose 1.6 duties never start
   * (`network.runs['1.6']` is false).
   */
  onRamp: string
  offRamp: string
  feeQuoter: string
  /** The 2.0 ramps, on a stack that runs 2.0 lanes. */
  v2?: ChainContractsV2
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
  /** Each lane's version, keyed `source>dest` by chain name (stack/lane-plan.ts). */
  laneVersions: Record<string, LaneVersion>
  /** Whether any lane runs each version: a version without lanes starts no duty. */
  runs: Record<LaneVersion, boolean>
  /** Where the indexer serves the 2.0 verifier results (a stack with 2.0 lanes). */
  indexerPort?: number
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

const ZERO = '0x0000000000000000000000000000000000000000'

export function nodeNetwork(manifest: Manifest, deployment: Deployment, paths: StackPaths): NodeNetwork {
  const mode = deploymentMode(deployment)
  const names = manifest.chains.map((c) => c.name)
  const laneVersions: Record<string, LaneVersion> = {}
  for (const [i, source] of names.entries())
    for (const [j, dest] of names.entries())
      if (i !== j) laneVersions[`${source}>${dest}`] = laneVersionIn(mode, i, j)
  const versions = Object.values(laneVersions)
  return {
    laneVersions,
    runs: { '1.6': versions.includes('1.6'), '2.0': versions.includes('2.0') },
    ...(versions.includes('2.0') ? { indexerPort: indexerPort(manifest.portBase) } : {}),
    chains: manifest.chains.map((c) => {
      const d = deployment.chains.find((x) => x.name === c.name)
      if (d === undefined) throw new Error(`chain ${c.name} missing from the deployment`)
      return {
        name: c.name,
        chainId: BigInt(c.chainId),
        selector: BigInt(c.selector),
        rpcUrl: c.rpcUrl,
        onRamp: d.contracts.onRamp ?? ZERO,
        offRamp: d.contracts.offRamp ?? ZERO,
        feeQuoter: d.contracts.feeQuoter ?? ZERO,
        ...(d.contracts.v2 === undefined ? {} : { v2: d.contracts.v2 }),
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

/** The chains that send to `dest` over lanes of `version`. */
export function sourcesOf(network: NodeNetwork, dest: NodeChain, version: LaneVersion): NodeChain[] {
  return network.chains.filter(
    (c) => c !== dest && network.laneVersions[`${c.name}>${dest.name}`] === version,
  )
}

/** Whether `duty` has lanes to serve on this stack (an idle duty's thread is not kept). */
export const dutyRuns = (duty: Duty, network: NodeNetwork): boolean =>
  duty === 'v2' || duty === 'verify' ? network.runs['2.0'] : network.runs['1.6']
