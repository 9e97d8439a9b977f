import { rmSync } from 'node:fs'
import { stackProcessesOf } from './child-env.js'
import type { StackPaths } from './paths.js'
import { wipeSavedState } from './saved-state.js'

/**
 * What a `local up` that ends before the stack is complete must leave: nothing running, nothing
 * that blocks the next `up`. The orderly way is startStack's catch (an error, a first Ctrl-C); this
 * guard covers the abrupt ones, where no await runs again: a second Ctrl-C (process.exit), an
 * uncaught EPIPE, SIGTERM or SIGHUP. Node still runs 'exit' listeners synchronously then, so it
 * SIGKILLs every process the start spawned (and any other tagged with this home), and removes the
 * manifest and, for a cold start, the half-made deployment.
 */
export interface StartGuard {
  /** A process spawned by this start (recorded before it even answers). */
  track(pid: number): void
  /** From now on, an abrupt end also discards the chain state this cold start wrote. */
  cold(): void
  /** The stack is complete (or the orderly clean-up ran): an exit no longer touches it. */
  disarm(): void
}

const SIGNALS = ['SIGTERM', 'SIGHUP'] as const

export function armStartGuard(home: string, paths: StackPaths): StartGuard {
  const pids = new Set<number>()
  let wipe = false
  const onExit = () => {
    for (const pid of new Set([...pids, ...stackProcessesOf(home)])) {
      try {
        process.kill(pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }
    // Each step on its own: one that fails (a read-only home) must not skip the others.
    const attempt = (step: () => void) => {
      try {
        step()
      } catch {
        // the next `up` cleans up what is left (an interrupted start's manifest, a stale lock)
      }
    }
    attempt(() => rmSync(paths.manifest, { force: true }))
    if (wipe) attempt(() => wipeSavedState(paths))
    attempt(() => rmSync(paths.lock, { force: true }))
  }
  // Without a listener these signals end the process without 'exit'; with one, exit the same way.
  const onSignal = (signal: NodeJS.Signals) => process.exit(signal === 'SIGTERM' ? 143 : 129)
  process.once('exit', onExit)
  for (const s of SIGNALS) process.once(s, onSignal)
  return {
    track: (pid) => pids.add(pid),
    cold: () => {
      wipe = true
    },
    disarm: () => {
      process.off('exit', onExit)
      for (const s of SIGNALS) process.off(s, onSignal)
    },
  }
}
