import { existsSync, rmSync } from 'node:fs'
import { readJson, writeJsonAtomic } from '../fs-atomic.js'
import type { Deployment } from './deployment.js'
import type { StackPaths } from './paths.js'
import { isOurProcess } from './processes.js'

export interface ManifestChain {
  name: string
  chainId: number
  selector: string
  port: number
  rpcUrl: string
  pid: number
}

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
  finalityDepth: number
  chains: ManifestChain[]
  processes: ManifestProcess[]
}

export type Liveness = 'running' | 'stale' | 'stopped'

export interface StackInspection {
  liveness: Liveness
  manifest: Manifest | undefined
  deployment: Deployment | undefined
  /** Processes of the manifest that are still alive and ours. */
  alive: ManifestProcess[]
}

export function readManifest(paths: StackPaths): Manifest | undefined {
  return readJson<Manifest>(paths.manifest)
}

export function writeManifest(paths: StackPaths, manifest: Manifest): void {
  writeJsonAtomic(paths.manifest, manifest)
}

export function removeManifest(paths: StackPaths): void {
  rmSync(paths.manifest, { force: true })
}

export function readDeployment(paths: StackPaths): Deployment | undefined {
  return readJson<Deployment>(paths.deployment)
}

/**
 * Running: a manifest whose every process is alive and ours. Stale: a manifest left by a crash
 * or a kill (some or all of its processes gone). Stopped: no manifest.
 */
export function inspectStack(paths: StackPaths): StackInspection {
  const manifest = existsSync(paths.manifest) ? readManifestSafely(paths) : undefined
  const deployment = readDeployment(paths)
  if (manifest === undefined) {
    return { liveness: existsSync(paths.manifest) ? 'stale' : 'stopped', manifest, deployment, alive: [] }
  }
  const alive = manifest.processes.filter((p) => isOurProcess(p.pid, p.marker))
  const liveness = alive.length === manifest.processes.length ? 'running' : 'stale'
  return { liveness, manifest, deployment, alive }
}

function readManifestSafely(paths: StackPaths): Manifest | undefined {
  try {
    return readManifest(paths)
  } catch {
    return undefined // a torn or hand-edited manifest counts as stale
  }
}

/**
 * The finality depth the running (or last) local stack uses, for local chain profiles; undefined
 * when no stack ran here (then the chain's `finalized` tag decides).
 */
export function localFinalityDepth(paths: StackPaths): number | undefined {
  try {
    return readManifest(paths)?.finalityDepth
  } catch {
    return undefined
  }
}
