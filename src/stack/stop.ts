import { rmSync } from 'node:fs'
import { acquireLock } from './lock.js'
import { inspectStack, removeManifest } from './manifest.js'
import { healthFile } from './nodes-process.js'
import type { StackPaths } from './paths.js'
import { stopProcess } from './processes.js'
import { removeLocalProfiles } from './profiles.js'
import { saveCut } from './state-cut.js'

export interface StopResult {
  /** Something was running (or left over) and is now stopped. */
  stopped: boolean
  /** Chains whose state was saved for the next `up`. */
  saved: string[]
  /** Why the chains' state could not be saved: the next `up` resumes from the last cut. */
  saveError?: string
}

/**
 * Stop every process the stack started, by pid from the manifest, after saving the chains as one
 * cut (unless `save` is false). Off-chain nodes stop first: with nothing left that links the
 * chains, the cut is consistent. A chain that already died cannot be in it, and a cut without it
 * would mix moments: then nothing is saved and the last complete cut stays (saveError says so).
 * Chains stop last, also when the save failed (saveError carries the reason).
 */
export async function stopStack(paths: StackPaths, opts: { save: boolean }): Promise<StopResult> {
  const release = acquireLock(paths.lock)
  try {
    const inspection = inspectStack(paths)
    const manifest = inspection.manifest
    if (manifest === undefined) {
      removeManifest(paths)
      return { stopped: false, saved: [] }
    }
    const anvils = new Set(manifest.chains.map((c) => c.pid))
    const alive = inspection.alive
    await Promise.all(alive.filter((p) => !anvils.has(p.pid)).map((p) => stopProcess(p.pid)))
    const saved: string[] = []
    let saveError: string | undefined
    if (opts.save) {
      const dead = manifest.chains.filter((c) => !alive.some((p) => p.pid === c.pid)).map((c) => c.name)
      if (dead.length > 0) saveError = `${dead.join(', ')} no longer ran, so no consistent cut could be taken`
      else {
        try {
          await saveCut(paths, manifest.chains)
          saved.push(...manifest.chains.map((c) => c.name))
        } catch (error) {
          saveError = error instanceof Error ? error.message : String(error)
        }
      }
    }
    await Promise.all(alive.filter((p) => anvils.has(p.pid)).map((p) => stopProcess(p.pid)))
    removeManifest(paths)
    rmSync(healthFile(paths), { force: true })
    return { stopped: true, saved, ...(saveError === undefined ? {} : { saveError }) }
  } finally {
    release()
  }
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
