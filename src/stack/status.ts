import { rpcCall } from '../chain/rpc.js'
import { readJson } from '../fs-atomic.js'
import type { HealthFile, LaneLag, NodeHealth } from '../nodes/health.js'
import type { SnapshotHealth } from '../nodes/snapshots.js'
import { type ChainContracts, deploymentMode } from './deployment.js'
import { type CcipMode, indexerPort, type LaneVersion, laneVersionIn } from './lane-plan.js'
import { selectorTable } from './local-chains.js'
import { inspectStack } from './manifest.js'
import { healthFile } from './nodes-process.js'
import { archiveFile, type StackPaths } from './paths.js'

export interface ChainStatus {
  name: string
  chainId: number
  selector: string
  /** 'main': Chainlink's SDK and ccip-cli know this chain; 'test': they refuse its lanes. */
  selectorTable: 'main' | 'test'
  rpcUrl: string | null
  blockNumber: number | null
  /** The logs of blocks anvil no longer keeps (one JSON line per log; see the README). */
  logArchive: string
  contracts: Omit<ChainContracts, 'registryModule' | 'curseAuthority'>
}

export interface NodesStatus {
  /** The node process reported within the last few seconds. */
  healthy: boolean
  updatedAt: string | null
  nodes: NodeHealth[]
  /** Per lane: messages sent and not yet committed, as the commit DON last saw them. */
  lanes: LaneLag[]
  /** The saved chain state: last cut, and why saving fails (null: no report yet). */
  snapshots: SnapshotHealth | null
  /** Why the stack is not safe although its nodes report (a failing save), else null. */
  degraded: string | null
}

/** One direction between two local chains, and the CCIP version its contracts run. */
export interface LaneStatus {
  source: string
  dest: string
  version: LaneVersion
}

export interface StackStatus {
  running: boolean
  /** A manifest whose processes died: the next `up` cleans it up. */
  stale: boolean
  chains: ChainStatus[]
  /** Which lanes run which CCIP version (`local up --ccip`); null before the first deployment. */
  ccip: CcipMode | null
  lanes: LaneStatus[]
  /** The indexer serving 2.0 verifier results (a running stack with 2.0 lanes), else null. */
  indexerUrl: string | null
  /** How blocks come: every blockTime seconds, or instant (when there is work); null when not running. */
  mining: { kind: 'interval'; blockTime: number } | { kind: 'instant' } | null
  /** The DON and RMN nodes (null when the stack is not running). */
  nodes: NodesStatus | null
}

/**
 * What is deployed and whether it runs. Reads files and asks each chain for its block number
 * over bare JSON-RPC (no ethers), so it answers in a few milliseconds.
 */
export async function stackStatus(paths: StackPaths): Promise<StackStatus> {
  const { liveness, manifest, deployment } = inspectStack(paths)
  const running = liveness === 'running'
  const chains = await Promise.all(
    (deployment?.chains ?? []).map(async (chain): Promise<ChainStatus> => {
      const live = running ? manifest?.chains.find((c) => c.name === chain.name) : undefined
      const blockNumber =
        live === undefined
          ? null
          : await rpcCall<string>(live.rpcUrl, 'eth_blockNumber', []).then(Number, () => null)
      const { registryModule: _module, curseAuthority: _authority, ...contracts } = chain.contracts
      return {
        name: chain.name,
        chainId: chain.chainId,
        selector: chain.selector,
        selectorTable: selectorTable(chain.chainId),
        rpcUrl: live?.rpcUrl ?? null,
        blockNumber,
        logArchive: archiveFile(paths, chain.name),
        contracts,
      }
    }),
  )
  const mining: StackStatus['mining'] =
    !running || manifest === undefined
      ? null
      : manifest.mining === 'instant'
        ? { kind: 'instant' }
        : { kind: 'interval', blockTime: manifest.blockTime }
  const ccip = deployment === undefined ? null : deploymentMode(deployment)
  const names = chains.map((c) => c.name)
  const lanes =
    ccip === null
      ? []
      : names.flatMap((source, i) =>
          names.flatMap((dest, j) => (i === j ? [] : [{ source, dest, version: laneVersionIn(ccip, i, j) }])),
        )
  const indexerUrl =
    running && manifest !== undefined && lanes.some((l) => l.version === '2.0')
      ? `http://127.0.0.1:${indexerPort(manifest.portBase)}`
      : null
  return {
    running,
    stale: liveness === 'stale',
    chains,
    ccip,
    lanes,
    indexerUrl,
    mining,
    nodes: running ? nodesStatus(paths) : null,
  }
}

const STALE_HEALTH_MS = 5_000

function nodesStatus(paths: StackPaths): NodesStatus {
  const health = readJson<HealthFile>(healthFile(paths))
  if (health === undefined) {
    return { healthy: false, updatedAt: null, nodes: [], lanes: [], snapshots: null, degraded: null }
  }
  const snapshots = health.snapshots ?? null
  return {
    healthy: Date.now() - Date.parse(health.updatedAt) < STALE_HEALTH_MS,
    updatedAt: health.updatedAt,
    nodes: health.nodes,
    lanes: health.lanes,
    snapshots,
    degraded: snapshotProblem(snapshots),
  }
}

/**
 * A failing save in one line: since when, why, and what a crash now would fall back to; and a
 * log archive that cannot be written (the chains then stop before anvil would drop its logs).
 */
export function snapshotProblem(snapshots: SnapshotHealth | null): string | null {
  const problems: string[] = []
  if (snapshots?.error != null) {
    const last = snapshots.lastCut
    const fallback = last === null ? 'no saved state' : `the last cut, #${last.cut} at ${last.at}`
    problems.push(
      `chain state not saved since ${snapshots.errorAt}: ${snapshots.error} (a crash now resumes from ${fallback})`,
    )
  }
  if (snapshots?.archiveError != null) {
    problems.push(
      `chain logs not archived: ${snapshots.archiveError} (each chain stops mining before anvil would drop logs not archived)`,
    )
  }
  return problems.length === 0 ? null : problems.join('; ')
}
