import { mkdirSync, rmSync } from 'node:fs'
import { CliError, ErrorCode, ExitCode } from '../errors.js'
import { writeJsonAtomic } from '../fs-atomic.js'
import { type AnvilProcess, anvilMarker, startAnvil } from './anvil.js'
import type { Deployment } from './deployment.js'
import { type LocalChainDef, localChains, MAX_CHAINS, MIN_CHAINS } from './local-chains.js'
import { acquireLock } from './lock.js'
import { inspectStack, type Manifest, removeManifest, writeManifest } from './manifest.js'
import { startNodes } from './nodes-process.js'
import { logFile, type StackPaths } from './paths.js'
import { isPortFree } from './ports.js'
import { stopProcess } from './processes.js'
import { registerLocalProfiles } from './profiles.js'
import { DEFAULTS } from './settings.js'
import { saveLiveChains } from './stale-save.js'
import { saveCut, savedChainFile } from './state-cut.js'
import { verifyRestored } from './verify.js'

export interface StartOptions {
  chains?: number
  blockTime?: number
  finalityDepth?: number
  portBase?: number
  /** Forget saved state and deploy from scratch. */
  fresh?: boolean
  onStep?: (line: string) => void
}

export interface StartResult {
  manifest: Manifest
  deployment: Deployment
  /** 'cold' = deployed now; 'warm' = resumed from saved state. */
  mode: 'cold' | 'warm'
  /** A stale stack (crash, killed processes) that was cleaned up first. */
  recoveredStale: boolean
}

/**
 * Start the local stack: resume from saved chain state when there is some (warm, well under a
 * second), else start fresh chains and deploy CCIP (cold). Every process is detached and recorded
 * in the manifest, so it outlives this command and `down` can stop it by pid. On any failure,
 * everything this call started is stopped again and a half-made deployment is discarded.
 */
export async function startStack(home: string, paths: StackPaths, opts: StartOptions): Promise<StartResult> {
  mkdirSync(paths.logsDir, { recursive: true })
  mkdirSync(paths.stateDir, { recursive: true })
  const release = acquireLock(paths.lock)
  const started: AnvilProcess[] = []
  let cold = false
  try {
    const inspection = inspectStack(paths)
    if (inspection.liveness === 'running') {
      throw new CliError(ErrorCode.StackRunning, 'the local stack is already running', {
        hint: 'see `ccip local status`, or stop it with `ccip local down`',
      })
    }
    const recoveredStale = inspection.liveness === 'stale'
    if (recoveredStale) {
      await saveLiveChains(paths, inspection, opts.onStep)
      for (const p of inspection.alive) await stopProcess(p.pid)
      removeManifest(paths)
      opts.onStep?.('cleaned up a stale stack left by an earlier crash')
    }
    if (opts.fresh === true) wipeSavedState(paths)
    const saved = opts.fresh === true ? undefined : inspection.deployment
    const count = chainCount(opts.chains, saved)
    const chains = localChains(count)
    const portBase = opts.portBase ?? DEFAULTS.portBase
    const blockTime = opts.blockTime ?? DEFAULTS.blockTime
    await assertPortsFree(chains, portBase)

    let deployment: Deployment
    if (saved !== undefined) {
      started.push(...(await launch(paths, chains, portBase, blockTime, true)))
      await verifyRestored(saved, started)
      deployment = saved
    } else {
      cold = true
      // Deploy on instantly-mining chains, snapshot, then restart them on the snapshot with interval
      // mining: anvil can only switch to a fractional block time at start-up.
      const deployers = await launch(paths, chains, portBase, undefined, false)
      started.push(...deployers)
      // Recorded at once: if this command dies mid-deploy, the next `up` finds and stops them.
      writeManifest(paths, buildManifest(chains, deployers, { portBase, blockTime, finalityDepth: 0 }))
      opts.onStep?.(`started ${chains.length} anvil chains`)
      // Loaded only on a cold start: deploying pulls in ethers and the CCIP artifacts.
      const { deployStack } = await import('./deploy/index.js')
      deployment = await deployStack(
        chains.map((chain, i) => ({ chain, rpcUrl: deployers[i]!.rpcUrl })),
        opts.onStep,
      )
      await saveCut(
        paths,
        chains.map((c, i) => ({ name: c.name, rpcUrl: deployers[i]!.rpcUrl })),
      )
      await Promise.all(deployers.map((p) => stopProcess(p.pid)))
      started.length = 0
      started.push(...(await launch(paths, chains, portBase, blockTime, true)))
      writeJsonAtomic(paths.deployment, deployment)
    }

    const manifest = buildManifest(chains, started, {
      portBase,
      blockTime,
      finalityDepth: opts.finalityDepth ?? DEFAULTS.finalityDepth,
    })
    writeManifest(paths, manifest)
    // The node process boots (Node + ethers, ~0.5 s) while we register the profiles.
    const booting = startNodes(home, paths)
    registerLocalProfiles(home, manifest, deployment)
    const nodes = await booting
    manifest.processes.push(nodes)
    writeManifest(paths, manifest)
    return { manifest, deployment, mode: cold ? 'cold' : 'warm', recoveredStale }
  } catch (error) {
    if (started.length > 0) {
      // The manifest lists the node daemon too once it started; stop whatever it records.
      const recorded = inspectStack(paths).manifest?.processes.map((p) => p.pid) ?? []
      const pids = new Set([...recorded, ...started.map((p) => p.pid)])
      await Promise.all([...pids].map((pid) => stopProcess(pid)))
      removeManifest(paths)
    }
    if (cold) wipeSavedState(paths)
    throw error
  } finally {
    release()
  }
}

async function launch(
  paths: StackPaths,
  chains: LocalChainDef[],
  portBase: number,
  blockTime: number | undefined,
  fromState: boolean,
): Promise<AnvilProcess[]> {
  const settled = await Promise.allSettled(
    chains.map((c, i) => {
      const loadState = fromState ? savedChainFile(paths, c.name) : undefined
      return startAnvil({
        chainId: c.chainId,
        port: portBase + i,
        logFile: logFile(paths, `anvil-${c.name}`),
        detached: true,
        ...(blockTime === undefined ? {} : { blockTime }),
        ...(loadState === undefined ? {} : { loadState }),
      })
    }),
  )
  const ok = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))
  const failed = settled.find((s) => s.status === 'rejected')
  if (failed !== undefined) {
    await Promise.all(ok.map((p) => stopProcess(p.pid)))
    throw failed.reason
  }
  return ok
}

function chainCount(requested: number | undefined, saved: Deployment | undefined): number {
  if (
    requested !== undefined &&
    (requested < MIN_CHAINS || requested > MAX_CHAINS || !Number.isInteger(requested))
  ) {
    throw new CliError(
      ErrorCode.InvalidArgument,
      `--chains must be between ${MIN_CHAINS} and ${MAX_CHAINS}`,
      {
        hint: `e.g. --chains ${DEFAULTS.chains}`,
        exitCode: ExitCode.Usage,
      },
    )
  }
  if (saved !== undefined && requested !== undefined && requested !== saved.chains.length) {
    throw new CliError(
      ErrorCode.StackState,
      `the saved stack has ${saved.chains.length} chains, not ${requested}`,
      {
        hint: 'add --fresh to deploy a new stack (or `ccip local reset` first)',
        exitCode: ExitCode.Usage,
      },
    )
  }
  return requested ?? saved?.chains.length ?? DEFAULTS.chains
}

async function assertPortsFree(chains: LocalChainDef[], portBase: number): Promise<void> {
  for (const [i, chain] of chains.entries()) {
    const port = portBase + i
    if (!(await isPortFree(port))) {
      throw new CliError(ErrorCode.PortBusy, `port ${port} (chain ${chain.name}) is already in use`, {
        hint: `choose other ports with --port-base (the stack uses ${portBase}–${portBase + chains.length - 1})`,
      })
    }
  }
}

function wipeSavedState(paths: StackPaths): void {
  rmSync(paths.deployment, { force: true })
  rmSync(paths.stateDir, { recursive: true, force: true })
  mkdirSync(paths.stateDir, { recursive: true })
}

function buildManifest(
  chains: LocalChainDef[],
  anvils: AnvilProcess[],
  settings: { portBase: number; blockTime: number; finalityDepth: number },
): Manifest {
  return {
    version: 1,
    startedAt: new Date().toISOString(),
    ...settings,
    chains: chains.map((c, i) => ({
      name: c.name,
      chainId: c.chainId,
      selector: c.selector.toString(),
      port: settings.portBase + i,
      rpcUrl: anvils[i]!.rpcUrl,
      pid: anvils[i]!.pid,
    })),
    processes: chains.map((c, i) => ({
      role: `anvil:${c.name}`,
      pid: anvils[i]!.pid,
      marker: anvilMarker(settings.portBase + i, c.chainId),
    })),
  }
}
