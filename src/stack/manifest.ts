import { rmSync } from 'node:fs'
import { corruptFile, readJson, writeJsonAtomic } from '../fs-atomic.js'
import { type Deployment, deploymentProblem } from './deployment.js'
import { localChains, MAX_CHAINS, MIN_CHAINS } from './local-chains.js'
import type { StackPaths } from './paths.js'
import { isAlive, isOurProcess } from './processes.js'

export interface ManifestChain {
  name: string
  chainId: number
  selector: string
  port: number
  rpcUrl: string
  pid: number
  /**
   * Set while the node process restarts this chain (nodes/refresher.ts): its old pid may be gone
   * and the new one not recorded yet. The stack still counts as running for RESTART_MARK_MS.
   */
  restartingSince?: string
}

/** How long a chain marked restarting counts as running without a live process (a restart takes about a second). */
const RESTART_MARK_MS = 30_000

export interface ManifestProcess {
  /** e.g. `anvil:alpha`, `nodes` */
  role: string
  pid: number
  /** A string in the process's command line that proves the pid is still ours. */
  marker: string
}

/** The running stack, as recorded by `up`. Everything `down` needs to stop it. */
export interface Manifest {
  version: 1
  startedAt: string
  portBase: number
  blockTime: number
  /** 'instant': blocks when there is work (nodes/miner.ts), not every blockTime; absent: interval. */
  mining?: 'instant'
  finalityDepth: number
  /** The chains' --transaction-block-keeper (DEFAULTS.keepBlocks); absent in older manifests. */
  keepBlocks?: number
  /** Memory past which the node process restarts a chain (DEFAULTS.chainMemoryMiB); absent in older manifests. */
  chainMemoryMiB?: number
  chains: ManifestChain[]
  processes: ManifestProcess[]
  /**
   * Present while `up` (pid) is still starting the stack; a manifest that still has it after that
   * process died records an interrupted start, whose processes and (cold) half-made deployment are
   * discarded, never saved.
   */
  starting?: {
    mode: 'cold' | 'warm'
    pid: number
    /** The chains are up and recorded: the node process, spawned early, may start on them. */
    chainsReady?: true
  }
  /**
   * The process the stack belongs to (a test suite's, through startLocalStack): when it dies
   * without stopping the stack, the node process stops it, and removes a temporary home.
   */
  owner?: StackOwner
}

export interface StackOwner {
  pid: number
  /** The home was made for this stack alone: removed with it. */
  temporaryHome: boolean
}

/** `starting`: another `up` is starting it right now (it holds the lock). */
export type Liveness = 'running' | 'starting' | 'stale' | 'stopped'

export interface StackInspection {
  liveness: Liveness
  manifest: Manifest | undefined
  deployment: Deployment | undefined
  /** Processes of the manifest that are still alive and ours. */
  alive: ManifestProcess[]
}

const MANIFEST_HINT =
  '`ccip local down` stops the processes of this stack and removes it, keeping the saved chains; ' +
  'or start over with `ccip local reset` (or `ccip local up --fresh`)'

/** The manifest, undefined when there is none; STACK_STATE naming the file when it is unusable. */
export function readManifest(paths: StackPaths): Manifest | undefined {
  const manifest = readJson<Manifest>(paths.manifest, MANIFEST_HINT)
  if (manifest === undefined) return undefined
  const problem = manifestProblem(manifest)
  if (problem !== undefined) throw corruptFile(paths.manifest, problem, MANIFEST_HINT)
  return manifest
}

function manifestProblem(m: unknown): string | undefined {
  if (typeof m !== 'object' || m === null) return 'not a manifest'
  // CAST: checked field by field below.
  const { version, chains, processes } = m as Partial<Manifest>
  if (version !== 1 || !Array.isArray(chains) || !Array.isArray(processes)) return 'not a version 1 manifest'
  const pid = (p: unknown) => Number.isInteger(p) && (p as number) > 0
  if (!chains.every((c) => pid(c?.pid) && typeof c.rpcUrl === 'string' && typeof c.name === 'string')) {
    return 'a chain lacks its pid or RPC URL'
  }
  if (!processes.every((p) => pid(p?.pid) && typeof p.marker === 'string')) return 'a process lacks its pid'
  return undefined
}

export function writeManifest(paths: StackPaths, manifest: Manifest): void {
  writeJsonAtomic(paths.manifest, manifest)
}

/**
 * The node process restarts `chain` (nodes/refresher.ts): mark it before the old process stops
 * (`restarting`), then record the new pid, which ends the mark.
 */
export function recordChainRestart(
  paths: StackPaths,
  chain: string,
  step: 'restarting' | { pid: number },
): void {
  const manifest = readManifest(paths)
  if (manifest === undefined) throw new Error(`no manifest to record ${chain}'s restart in`)
  for (const c of manifest.chains) {
    if (c.name !== chain) continue
    if (step === 'restarting') c.restartingSince = new Date().toISOString()
    else {
      c.pid = step.pid
      delete c.restartingSince
    }
  }
  if (step !== 'restarting')
    for (const p of manifest.processes) if (p.role === `anvil:${chain}`) p.pid = step.pid
  writeManifest(paths, manifest)
}

export function removeManifest(paths: StackPaths): void {
  rmSync(paths.manifest, { force: true })
}

const expectedChains = (count: number) =>
  count >= MIN_CHAINS && count <= MAX_CHAINS ? localChains(count) : undefined

/**
 * The deployment, undefined when there is none; STACK_STATE naming the file when it cannot be
 * parsed or lacks what a restart relies on (so `up` never deploys over saved chains).
 */
export function readDeployment(paths: StackPaths): Deployment | undefined {
  const deployment = readJson<Deployment>(paths.deployment)
  if (deployment === undefined) return undefined
  const problem = deploymentProblem(deployment, expectedChains)
  if (problem !== undefined) throw corruptFile(paths.deployment, problem)
  return deployment
}

/**
 * Running: a manifest whose every process is alive and ours. Starting: an `up` still at work.
 * Stale: a manifest left by a crash, a kill or an interrupted start. Stopped: no manifest.
 * Throws STACK_STATE when the manifest is unusable (its pids are then unknown).
 */
export function inspectProcesses(paths: StackPaths): Omit<StackInspection, 'deployment'> {
  const manifest = readManifest(paths)
  if (manifest === undefined) return { liveness: 'stopped', manifest, alive: [] }
  const alive = manifest.processes.filter((p) => isOurProcess(p.pid, p.marker))
  const starter = manifest.starting?.pid
  if (starter !== undefined) {
    const liveness = starter !== process.pid && isAlive(starter) ? 'starting' : 'stale'
    return { liveness, manifest, alive }
  }
  const restarting = new Set(
    manifest.chains
      .filter(
        (c) =>
          c.restartingSince !== undefined && Date.now() - Date.parse(c.restartingSince) < RESTART_MARK_MS,
      )
      .map((c) => `anvil:${c.name}`),
  )
  const up = manifest.processes.every((p) => restarting.has(p.role) || alive.includes(p))
  return { liveness: up ? 'running' : 'stale', manifest, alive }
}

/** inspectProcesses plus the deployment (which throws STACK_STATE when unusable). */
export function inspectStack(paths: StackPaths): StackInspection {
  return { ...inspectProcesses(paths), deployment: readDeployment(paths) }
}
