import { spawn } from 'node:child_process'
import { closeSync, openSync } from 'node:fs'
import { join } from 'node:path'
import { packageRoot } from '../package-root.js'
import { childEnv } from '../stack/child-env.js'
import type { StackOwner } from '../stack/manifest.js'
import { logFile, type StackPaths } from '../stack/paths.js'
import { isAlive } from '../stack/processes.js'
import { sleep } from '../time.js'
import type { Log } from './loop.js'

/**
 * A library stack belongs to the process that started it (a test run): when that process is gone
 * (killed, crashed, or it simply never called stop()), the stack stops too instead of holding
 * ports and memory until someone notices. Checked every second.
 */
export async function watchOwner(
  owner: StackOwner,
  home: string,
  paths: StackPaths,
  signal: AbortSignal,
  log: Log,
): Promise<void> {
  while (!signal.aborted) {
    await sleep(1_000, signal).catch(() => undefined)
    if (signal.aborted || isAlive(owner.pid)) continue
    log(`the stack's owner (pid ${owner.pid}) is gone: stopping the stack`)
    // A process of its own: stopping the stack stops this one.
    const out = openSync(logFile(paths, 'cleanup'), 'a')
    const script = join(packageRoot(), 'dist', 'src', 'stack', 'orphan-cleanup.js')
    spawn(process.execPath, [script, home, owner.temporaryHome ? 'temporary' : 'kept'], {
      detached: true,
      stdio: ['ignore', out, out],
      env: childEnv(home),
    }).unref()
    closeSync(out)
    return
  }
}
