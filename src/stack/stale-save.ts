import { readJson } from '../fs-atomic.js'
import type { HealthFile } from '../nodes/health.js'
import type { StackInspection } from './manifest.js'
import { healthFile } from './nodes-process.js'
import type { StackPaths } from './paths.js'
import { stopProcess } from './processes.js'
import { readCut, saveIfAllRunning } from './state-cut.js'
import { snapshotProblem } from './status.js'

/**
 * A stale stack may still have live chains (only the nodes died): keep their latest state, as one
 * cut (the nodes stop first, so nothing links the chains while they are saved). With a chain
 * gone, the live ones cannot join a consistent cut: every chain resumes from the last one, and
 * the user is told what is dropped.
 */
export async function saveLiveChains(
  paths: StackPaths,
  inspection: Omit<StackInspection, 'deployment'>,
  onStep: ((line: string) => void) | undefined,
): Promise<void> {
  const chains = inspection.manifest?.chains ?? []
  const anvils = new Set(chains.map((c) => c.pid))
  for (const p of inspection.alive) if (!anvils.has(p.pid)) await stopProcess(p.pid)
  const { gone, error } = await saveIfAllRunning(paths, chains, inspection.alive)
  const last = readCutTime(paths)
  if (gone.length > 0) {
    // The crashed daemon's last word on its saves: history after the last cut is gone for good.
    const failing = snapshotProblem(readJson<HealthFile>(healthFile(paths))?.snapshots ?? null)
    if (failing !== null) onStep?.(`warning: ${failing}`)
    if (gone.length < chains.length) {
      onStep?.(`warning: ${gone.join(', ')} had stopped: every chain resumes from the last saved cut${last}`)
    }
  }
  if (error !== undefined) {
    onStep?.(`warning: could not save the running chains (${error}): resuming from the last saved cut${last}`)
  }
}

const readCutTime = (paths: StackPaths): string => {
  const at = readCut(paths)?.at
  return at === undefined ? '' : ` (${at})`
}
