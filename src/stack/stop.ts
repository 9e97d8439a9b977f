import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { isCcipError } from '../errors.js'
import { stackProcessesOf } from './child-env.js'
import { acquireLock } from './lock.js'
import { inspectProcesses, removeManifest } from './manifest.js'
import { healthFile } from './nodes-process.js'
import type { StackPaths } from './paths.js'
import { stopProcess } from './processes.js'
import { removeLocalProfiles } from './profiles.js'
import { sweepTempFiles, wipeSavedState } from './saved-state.js'
import { saveIfAllRunning } from './state-cut.js'

export interface StopResult {
  /** Something was running (or left over) and is now stopped. */
  stopped: boolean
  /** Chains whose state was saved for the next `up`. */
  saved: string[]
  /** Why the manifest could not be used (then the stack's processes were found by their tag, not saved from). */
  unusableManifest?: string
  /** Why the chains' state could not be saved: the next `up` resumes from the last cut. */
  saveError?: string
}

/**
 * Stop every process the stack started, by pid from the manifest, after saving the chains as one
 * cut (unless `save` is false). Off-chain nodes stop first: with nothing left that links the
 * chains, the cut is consistent. A chain that already died cannot be in it, and a cut without it
 * would mix moments: then nothing is saved and the last complete cut stays (saveError says so).
 * Chains stop last, also when the save failed. The manifest of a start that was interrupted is not saved from:
 * its chains are stopped as they are, and a half-made first deployment is discarded.
 * An unusable manifest (corrupt, hand-edited) names no pids: the processes tagged with this home
 * are stopped unsaved, and the saved chains stay as they were.
 */
export async function stopStack(paths: StackPaths, opts: { save: boolean }): Promise<StopResult> {
  // stackPaths() puts `local/` right under the home.
  const home = dirname(paths.dir)
  const release = acquireLock(paths.lock)
  try {
    const inspection = readProcesses(paths)
    const manifest = 'unusable' in inspection ? undefined : inspection.manifest
    if ('unusable' in inspection || manifest === undefined) {
      const orphans = await stopOrphans(home)
      removeManifest(paths)
      rmSync(healthFile(paths), { force: true })
      sweepTempFiles(paths)
      const unusable = 'unusable' in inspection ? { unusableManifest: inspection.unusable } : {}
      return { stopped: orphans > 0, saved: [], ...unusable }
    }
    if (manifest.starting !== undefined) {
      const pids = new Set([...inspection.alive.map((p) => p.pid), ...stackProcessesOf(home)])
      await Promise.all([...pids].map((pid) => stopProcess(pid)))
      removeManifest(paths)
      if (manifest.starting.mode === 'cold') wipeSavedState(paths)
      sweepTempFiles(paths)
      return { stopped: true, saved: [] }
    }
    const isChain = (p: { role: string }) => p.role.startsWith('anvil:')
    await Promise.all(inspection.alive.filter((p) => !isChain(p)).map((p) => stopProcess(p.pid)))
    // Read again now that the node process has stopped: it may have restarted a chain (a new pid)
    // since the first read (nodes/refresher.ts).
    const now = readProcesses(paths)
    const current = 'unusable' in now || now.manifest === undefined ? inspection : now
    const alive = current.alive.filter(isChain)
    const chains = current.manifest?.chains ?? manifest.chains
    const save = opts.save ? await saveIfAllRunning(paths, chains, alive) : { saved: [], gone: [] }
    const saveError =
      save.gone.length > 0
        ? `${save.gone.join(', ')} no longer ran, so no consistent cut could be taken`
        : save.error
    // With the chains, any process of this home the manifest missed (a chain the node process
    // started and died before recording).
    const leftovers = stackProcessesOf(home).filter((pid) => !alive.some((p) => p.pid === pid))
    await Promise.all([...alive.map((p) => p.pid), ...leftovers].map((pid) => stopProcess(pid)))
    removeManifest(paths)
    rmSync(healthFile(paths), { force: true })
    sweepTempFiles(paths)
    return { stopped: true, saved: save.saved, ...(saveError === undefined ? {} : { saveError }) }
  } finally {
    release()
  }
}

/** The manifest's view, or why it cannot be had. */
function readProcesses(paths: StackPaths): ReturnType<typeof inspectProcesses> | { unusable: string } {
  try {
    return inspectProcesses(paths)
  } catch (error) {
    if (!isCcipError(error)) throw error
    return { unusable: error.shortMessage }
  }
}

/** Without a usable manifest, the processes tagged with this home are all we can find. */
async function stopOrphans(home: string): Promise<number> {
  const pids = stackProcessesOf(home)
  await Promise.all(pids.map((pid) => stopProcess(pid)))
  return pids.length
}

/** Stop without saving and forget everything: deployment, chain state, logs, local profiles. */
export async function resetStack(home: string, paths: StackPaths): Promise<{ wasRunning: boolean }> {
  const { stopped } = await stopStack(paths, { save: false })
  const release = acquireLock(paths.lock)
  try {
    rmSync(paths.deployment, { force: true })
    rmSync(paths.stateDir, { recursive: true, force: true })
    rmSync(paths.logsDir, { recursive: true, force: true })
    removeLocalProfiles(home)
  } finally {
    release()
  }
  return { wasRunning: stopped }
}
