import { mkdirSync } from 'node:fs'
import { CcipError, ErrorCode } from '../errors.js'
import { writeJsonAtomic } from '../fs-atomic.js'
import type { AnvilProcess } from './anvil.js'
import { restoreArchives } from './archive-cut.js'
import { stackProcessesOf } from './child-env.js'
import type { Deployment } from './deployment.js'
import { restoreCachedDeployment, storeDeployment } from './deployment-cache.js'
import type { CcipMode } from './lane-plan.js'
import { localChains } from './local-chains.js'
import { acquireLock } from './lock.js'
import {
  inspectProcesses,
  type Manifest,
  readDeployment,
  removeManifest,
  type StackInspection,
  type StackOwner,
  writeManifest,
} from './manifest.js'
import { spawnNodes } from './nodes-process.js'
import type { StackPaths } from './paths.js'
import { stopProcess } from './processes.js'
import { registerLocalProfiles } from './profiles.js'
import { assertSavedStateComplete, sweepTempFiles, wipeSavedState } from './saved-state.js'
import { DEFAULTS, keptStatesFor } from './settings.js'
import { saveLiveChains } from './stale-save.js'
import { armStartGuard, type StartGuard } from './start-guard.js'
import {
  abortable,
  assertPortsFree,
  buildManifest,
  ccipModeFor,
  chainCount,
  launch,
  recordedPids,
} from './start-steps.js'
import { readCut, saveCut } from './state-cut.js'
import { verifyRestored } from './verify.js'

export interface StartOptions {
  chains?: number
  blockTime?: number
  /** Blocks when there is work instead of every blockTime (nodes/miner.ts). */
  instant?: boolean
  /** Which lanes run CCIP 1.6 and which 2.0 (lane-plan.ts); a saved stack keeps its own. */
  ccip?: CcipMode
  finalityDepth?: number
  portBase?: number
  /** Forget saved state and deploy from scratch. */
  fresh?: boolean
  onStep?: (line: string) => void
  /** Aborting it (Ctrl-C, a closed output pipe) stops the start and removes what it made. */
  signal?: AbortSignal
  /** The stack stops when this process dies (the library's stacks; `local up` has none). */
  owner?: StackOwner
  /** Start a first deployment from a cached one, and cache a new one (deployment-cache.ts). */
  deploymentCache?: string
  /** false: every duty of the nodes in one worker thread (nodes/threads.ts): a faster start, less throughput. */
  nodeThreads?: boolean
}

export interface StartResult {
  manifest: Manifest
  deployment: Deployment
  /** 'cold' = deployed now; 'warm' = resumed from saved state. */
  mode: 'cold' | 'warm'
  /** A stale stack (crash, killed processes, interrupted start) that was cleaned up first. */
  recoveredStale: boolean
}

/**
 * Start the local stack: resume from saved chain state when there is some (warm, well under a
 * second), else start fresh chains and deploy CCIP (cold). Every process is detached and recorded
 * in the manifest, so it outlives this command and `down` can stop it by pid. Saved state that is
 * damaged (a missing or corrupt file) stops the start before it changes anything. However the
 * start ends early (an error, Ctrl-C, a closed pipe, the process dying), everything it started is
 * stopped again and a half-made deployment is discarded (start-guard.ts).
 */
export async function startStack(home: string, paths: StackPaths, opts: StartOptions): Promise<StartResult> {
  mkdirSync(paths.logsDir, { recursive: true })
  mkdirSync(paths.stateDir, { recursive: true })
  const release = acquireLock(paths.lock)
  const signal = opts.signal
  let guard: StartGuard | undefined
  const started: number[] = []
  let cold = false
  try {
    const prior = await takeOver(home, paths, opts.fresh === true, opts.onStep)
    const count = chainCount(opts.chains, prior.deployment)
    const ccip = ccipModeFor(opts.ccip, prior.deployment)
    const cache = opts.deploymentCache
    const cacheKey = { chains: count, mode: ccip }
    const saved =
      prior.deployment ?? (cache === undefined ? undefined : restoreCachedDeployment(cache, cacheKey, paths))
    const chains = localChains(count)
    const portBase = opts.portBase ?? DEFAULTS.portBase
    const blockTime = opts.blockTime ?? DEFAULTS.blockTime
    await assertPortsFree(chains, portBase, ccip)

    guard = armStartGuard(home, paths)
    const track = (pid: number) => {
      started.push(pid)
      guard?.track(pid)
    }
    const keepBlocks = keepBlocksSetting()
    const settings = {
      portBase,
      blockTime,
      finalityDepth: opts.finalityDepth ?? DEFAULTS.finalityDepth,
      keepBlocks,
      chainMemoryMiB: chainMemorySetting(),
      ...(opts.instant === true ? { mining: 'instant' as const } : {}),
    }
    // The node process mines these chains (nodes/miner.ts); their history is bounded (settings.ts).
    const keptStates = keptStatesFor(settings.finalityDepth)
    const running = { mining: 'manual', history: { keepBlocks, keptStates } } as const
    // Spawned first: it loads its code while the chains start, and waits for them (nodes-process.ts).
    const nodes = spawnNodes(home, paths, opts.nodeThreads === false ? 'shared' : 'threads', track)
    let deployment: Deployment
    let anvils: AnvilProcess[]
    if (saved !== undefined) {
      restoreArchives(
        paths,
        chains.map((c) => c.name),
        readCut(paths)?.archive,
      )
      anvils = await launch(home, paths, chains, portBase, running, true, track)
      signal?.throwIfAborted()
      await verifyRestored(saved, anvils)
      deployment = saved
    } else {
      cold = true
      guard.cold()
      // Deploy on instantly-mining chains, snapshot, then restart them on the snapshot without
      // mining of their own: the node process mines them (nodes/miner.ts).
      const deployers = await launch(home, paths, chains, portBase, { mining: 'auto' }, false, track)
      // Recorded at once: if this command dies mid-deploy, the next `up` finds and stops them.
      const starting = { mode: 'cold', pid: process.pid } as const
      writeManifest(paths, {
        ...buildManifest(chains, deployers, { ...settings, finalityDepth: 0 }),
        starting,
      })
      opts.onStep?.(`started ${chains.length} anvil chains`)
      signal?.throwIfAborted()
      // Loaded only on a cold start: deploying pulls in ethers and the CCIP artifacts.
      const { deployStack } = await import('./deploy/index.js')
      deployment = await abortable(
        deployStack(
          chains.map((chain, i) => ({ chain, rpcUrl: deployers[i]!.rpcUrl })),
          ccip,
          opts.onStep,
        ),
        signal,
      )
      await saveCut(
        paths,
        chains.map((c, i) => ({ name: c.name, rpcUrl: deployers[i]!.rpcUrl })),
      )
      await Promise.all(deployers.map((p) => stopProcess(p.pid)))
      signal?.throwIfAborted()
      anvils = await launch(home, paths, chains, portBase, running, true, track)
      writeJsonAtomic(paths.deployment, deployment)
      if (cache !== undefined) storeDeployment(cache, cacheKey, paths)
    }

    const starting = { mode: cold ? 'cold' : 'warm', pid: process.pid, chainsReady: true } as const
    const owned = opts.owner === undefined ? {} : { owner: opts.owner }
    const manifest: Manifest = { ...buildManifest(chains, anvils, settings), ...owned, starting }
    writeManifest(paths, manifest)
    signal?.throwIfAborted()
    // The node process goes on from here (it has been loading its code meanwhile).
    const booting = nodes.ready()
    booting.catch(() => undefined) // awaited below; a failure meanwhile must not go unhandled
    registerLocalProfiles(home, manifest, deployment)
    manifest.processes.push(await abortable(booting, signal))
    delete manifest.starting
    writeManifest(paths, manifest)
    guard.disarm()
    return { manifest, deployment, mode: cold ? 'cold' : 'warm', recoveredStale: prior.recovered }
  } catch (error) {
    if (guard !== undefined) {
      // The manifest lists the node daemon too once it started; stop whatever it records.
      const pids = new Set([...started, ...recordedPids(paths), ...stackProcessesOf(home)])
      await Promise.all([...pids].map((pid) => stopProcess(pid)))
      removeManifest(paths)
    }
    if (cold) wipeSavedState(paths)
    throw error
  } finally {
    // Only now: a second Ctrl-C during the clean-up above still stops everything.
    guard?.disarm()
    release()
  }
}

/**
 * Look at what the last stack left and make way for this one. Damaged saved state (an unreadable
 * manifest or deployment, a deployment without its chains or chains without their deployment)
 * stops the start here, before any file changes. A stale stack is stopped (its live chains saved
 * first); an interrupted start is stopped unsaved and, if it was a first deploy, discarded.
 */
async function takeOver(
  home: string,
  paths: StackPaths,
  fresh: boolean,
  onStep: ((line: string) => void) | undefined,
): Promise<{ deployment: Deployment | undefined; recovered: boolean }> {
  let inspection: Omit<StackInspection, 'deployment'>
  try {
    inspection = inspectProcesses(paths)
  } catch (error) {
    if (!fresh) throw error
    // --fresh discards everything, an unreadable manifest too: stop what carries this home's tag.
    await Promise.all(stackProcessesOf(home).map((pid) => stopProcess(pid)))
    removeManifest(paths)
    inspection = { liveness: 'stopped', manifest: undefined, alive: [] }
  }
  if (inspection.liveness === 'running') {
    throw new CcipError(ErrorCode.StackRunning, 'the local stack is already running', {
      hint: 'see `ccip local status`, or stop it with `ccip local down`',
    })
  }
  const interrupted = inspection.manifest?.starting
  const discard = fresh || interrupted?.mode === 'cold'
  const deployment = discard ? undefined : readDeployment(paths)
  if (!discard) assertSavedStateComplete(paths, deployment)
  // Processes tagged with this home but in no manifest: spawned by an `up` killed before it wrote one.
  const orphans = stackProcessesOf(home)
  const recovered = inspection.liveness !== 'stopped' || orphans.length > 0
  if (recovered) {
    if (interrupted === undefined) await saveLiveChains(paths, inspection, onStep)
    const pids = new Set([...inspection.alive.map((p) => p.pid), ...orphans])
    await Promise.all([...pids].map((pid) => stopProcess(pid)))
    removeManifest(paths)
    onStep?.(
      interrupted === undefined
        ? 'cleaned up a stale stack left by an earlier crash'
        : 'cleaned up after an interrupted `ccip local up`',
    )
  }
  if (discard) wipeSavedState(paths)
  sweepTempFiles(paths)
  return { deployment, recovered }
}

/**
 * DEFAULTS.keepBlocks, or CCIPKIT_KEEP_BLOCKS (≥ 10) where a test wants the archive in use sooner.
 * Below 80 the archive (4/5 deep) is shallower than anvil's reorg depth (keptStates): tests only.
 */
function keepBlocksSetting(): number {
  return integerSetting('CCIPKIT_KEEP_BLOCKS', 10, DEFAULTS.keepBlocks)
}

/** DEFAULTS.chainMemoryMiB, or CCIPKIT_CHAIN_MEMORY_MIB (0: chains are never restarted for memory). */
function chainMemorySetting(): number {
  return integerSetting('CCIPKIT_CHAIN_MEMORY_MIB', 0, DEFAULTS.chainMemoryMiB)
}

/** An integer ≥ `min` from the environment; `fallback` when unset, empty or anything else. */
function integerSetting(name: string, min: number, fallback: number): number {
  const raw = process.env[name]
  const n = Number(raw)
  return raw !== undefined && raw.trim() !== '' && Number.isInteger(n) && n >= min ? n : fallback
}
