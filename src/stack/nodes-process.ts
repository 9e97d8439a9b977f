import { spawn } from 'node:child_process'
import { closeSync, existsSync, openSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { CcipError, ErrorCode } from '../errors.js'
import { readJson } from '../fs-atomic.js'
import { packageRoot } from '../package-root.js'
import { sleep } from '../time.js'
import { childEnv } from './child-env.js'
import type { ManifestProcess } from './manifest.js'
import { logFile, type StackPaths } from './paths.js'
import { isAlive } from './processes.js'

export const healthFile = (paths: StackPaths): string => join(paths.dir, 'health.json')
const daemonScript = (): string => join(packageRoot(), 'dist', 'src', 'nodes', 'daemon.js')

/** The node process, spawned; `ready` resolves once it reports in (after the chains are declared ready). */
export interface BootingNodes {
  pid: number
  ready: () => Promise<ManifestProcess>
}

/**
 * Start the DON and RMN nodes as one detached Node process. It is spawned early, while the chains
 * start, and loads its code meanwhile (Node, ethers and the nodes' modules take most of a warm
 * start); it then waits for the manifest that declares the chains ready (manifest.ts,
 * `starting.chainsReady`), or exits if this process dies first. `onSpawn` learns the pid at once,
 * so a caller that dies before the nodes report can still stop them.
 */
export function spawnNodes(
  home: string,
  paths: StackPaths,
  layout: 'threads' | 'shared',
  onSpawn?: (pid: number) => void,
): BootingNodes {
  const script = daemonScript()
  if (!existsSync(script)) {
    throw new CcipError(ErrorCode.StackState, 'the node daemon is not built', { hint: 'run `npm run build`' })
  }
  rmSync(healthFile(paths), { force: true })
  const log = openSync(logFile(paths, 'nodes'), 'a')
  // --expose-gc: the daemon collects after each cut (snapshots.ts says why).
  const child = spawn(process.execPath, ['--expose-gc', script, home, String(process.pid), layout], {
    detached: true,
    stdio: ['ignore', log, log],
    // Never the caller's secrets (CCIPKIT_PRIVATE_KEY, tokens…): see childEnv.
    env: childEnv(home),
  })
  closeSync(log)
  child.unref()
  const pid = child.pid
  if (pid === undefined) throw new CcipError(ErrorCode.StackState, 'could not start the node daemon')
  onSpawn?.(pid)
  const ready = async (): Promise<ManifestProcess> => {
    // Generous: on a loaded machine (several stacks on 2 cores) booting Node + ethers took > 15 s.
    // A daemon that dies is noticed at once (isAlive) whatever the deadline.
    const deadline = Date.now() + 60_000
    while (!hasReported(paths, pid)) {
      if (!isAlive(pid) || Date.now() > deadline) {
        throw new CcipError(ErrorCode.StackState, 'the DON/RMN node daemon did not start', {
          hint: `see ${logFile(paths, 'nodes')}`,
        })
      }
      await sleep(10)
    }
    return { role: 'nodes', pid, marker: `${script} ${home}` }
  }
  return { pid, ready }
}

function hasReported(paths: StackPaths, pid: number): boolean {
  try {
    return readJson<{ pid?: number }>(healthFile(paths))?.pid === pid
  } catch {
    return false // polled until the deadline: a file being replaced is not an answer yet
  }
}
