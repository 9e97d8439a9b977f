import { rmSync } from 'node:fs'
import { saveChainState } from './chain-state.js'
import { acquireLock } from './lock.js'
import { inspectStack, removeManifest } from './manifest.js'
import { healthFile } from './nodes-process.js'
import { chainStateFile, type StackPaths } from './paths.js'
import { stopProcess } from './processes.js'
import { removeLocalProfiles } from './profiles.js'

export interface StopResult {
  /** Something was running (or left over) and is now stopped. */
  stopped: boolean
  /** Chains whose state was saved for the next `up`. */
  saved: string[]
}

/**
 * Stop every process the stack started, by pid from the manifest, after saving each chain's
 * state (unless `save` is false). Off-chain nodes stop first so nothing is half-sent at the
 * snapshot; chains stop last.
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
    if (opts.save) {
      for (const chain of manifest.chains) {
        if (!alive.some((p) => p.pid === chain.pid)) continue
        await saveChainState(chain.rpcUrl, chainStateFile(paths, chain.name))
        saved.push(chain.name)
      }
    }
    await Promise.all(alive.filter((p) => anvils.has(p.pid)).map((p) => stopProcess(p.pid)))
    removeManifest(paths)
    rmSync(healthFile(paths), { force: true })
    return { stopped: true, saved }
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
