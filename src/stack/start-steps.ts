import { CcipError, ErrorCode, ExitCode } from '../errors.js'
import { type AnvilOptions, type AnvilProcess, anvilMarker, startAnvil } from './anvil.js'
import { type Deployment, deploymentMode } from './deployment.js'
import { type CcipMode, DEFAULT_CCIP_MODE, indexerPort, modeDeploys } from './lane-plan.js'
import { type LocalChainDef, MAX_CHAINS, MIN_CHAINS } from './local-chains.js'
import { type Manifest, readManifest } from './manifest.js'
import { logFile, type StackPaths } from './paths.js'
import { isPortFree } from './ports.js'
import { stopProcess } from './processes.js'
import { DEFAULTS } from './settings.js'
import { savedChainFile } from './state-cut.js'

/** The steps of startStack (start.ts), each on its own. */

/** Start one anvil per chain; `track` learns each pid as soon as the process exists. */
export async function launch(
  home: string,
  paths: StackPaths,
  chains: LocalChainDef[],
  portBase: number,
  mode: Pick<AnvilOptions, 'mining' | 'history'>,
  fromState: boolean,
  track: (pid: number) => void,
): Promise<AnvilProcess[]> {
  const settled = await Promise.allSettled(
    chains.map((c, i) => {
      const loadState = fromState ? savedChainFile(paths, c.name) : undefined
      return startAnvil({
        chainId: c.chainId,
        port: portBase + i,
        logFile: logFile(paths, `anvil-${c.name}`),
        detached: true,
        home,
        onSpawn: track,
        ...mode,
        ...(loadState === undefined ? {} : { loadState }),
      })
    }),
  )
  const ok = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))
  const index = settled.findIndex((s) => s.status === 'rejected')
  const failed = settled[index]
  if (failed?.status === 'rejected') {
    await Promise.all(ok.map((p) => stopProcess(p.pid)))
    const chain = chains[index]!
    throw fromState
      ? unloadable(savedChainFile(paths, chain.name) ?? chain.name, failed.reason)
      : failed.reason
  }
  return ok
}

/** anvil refuses a damaged state file (truncated, hand-edited): say which file, and the way out. */
function unloadable(file: string, reason: unknown): unknown {
  if (!(reason instanceof CcipError) || reason.code !== ErrorCode.AnvilFailed) return reason
  return new CcipError(ErrorCode.StackState, `anvil could not start from ${file}: ${reason.shortMessage}`, {
    hint: 'restore the file, or start over: `ccip local up --fresh` (or `ccip local reset`) discards the saved stack',
    cause: reason,
  })
}

/** The CCIP mode of the stack about to start: the saved stack's, which `requested` must not contradict. */
export function ccipModeFor(requested: CcipMode | undefined, saved: Deployment | undefined): CcipMode {
  if (saved === undefined) return requested ?? DEFAULT_CCIP_MODE
  const mode = deploymentMode(saved)
  if (requested !== undefined && requested !== mode) {
    throw new CcipError(ErrorCode.StackState, `the saved stack runs --ccip ${mode}, not ${requested}`, {
      hint: 'add --fresh to deploy a new stack (or `ccip local reset` first)',
      exitCode: ExitCode.Usage,
    })
  }
  return mode
}

export function chainCount(requested: number | undefined, saved: Deployment | undefined): number {
  if (
    requested !== undefined &&
    (requested < MIN_CHAINS || requested > MAX_CHAINS || !Number.isInteger(requested))
  ) {
    throw new CcipError(
      ErrorCode.InvalidArgument,
      `--chains must be between ${MIN_CHAINS} and ${MAX_CHAINS}`,
      {
        hint: `e.g. --chains ${DEFAULTS.chains}`,
        exitCode: ExitCode.Usage,
      },
    )
  }
  if (saved !== undefined && requested !== undefined && requested !== saved.chains.length) {
    throw new CcipError(
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

export async function assertPortsFree(
  chains: LocalChainDef[],
  portBase: number,
  ccip: CcipMode,
): Promise<void> {
  const indexer = modeDeploys(ccip, '2.0') ? indexerPort(portBase) : undefined
  const uses = `${portBase}–${portBase + chains.length - 1}${indexer === undefined ? '' : ` and ${indexer}`}`
  const ports = [
    ...chains.map((chain, i) => ({ port: portBase + i, what: `chain ${chain.name}` })),
    ...(indexer === undefined ? [] : [{ port: indexer, what: 'the indexer' }]),
  ]
  for (const { port, what } of ports) {
    if (!(await isPortFree(port))) {
      throw new CcipError(ErrorCode.PortBusy, `port ${port} (${what}) is already in use`, {
        hint: `choose other ports with --port-base (the stack uses ${uses})`,
      })
    }
  }
}

export function buildManifest(
  chains: LocalChainDef[],
  anvils: AnvilProcess[],
  settings: Pick<
    Manifest,
    'portBase' | 'blockTime' | 'mining' | 'finalityDepth' | 'keepBlocks' | 'chainMemoryMiB'
  >,
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

/** The pids the manifest records right now (none when it is missing or unreadable). */
export function recordedPids(paths: StackPaths): number[] {
  try {
    return readManifest(paths)?.processes.map((p) => p.pid) ?? []
  } catch {
    return []
  }
}

/**
 * Wait for `work` unless `signal` aborts first: then reject at once with its reason. The work
 * goes on meanwhile and fails once its chains are stopped; that failure is expected, not reported.
 */
export function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return work
  work.catch(() => undefined)
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}
