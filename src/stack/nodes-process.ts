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

/**
 * Start the DON and RMN nodes as one detached Node process (it reads the manifest, so write that
 * first) and wait until it reports in through its health file. `onSpawn` learns the pid at once,
 * so a caller that dies before the daemon reports can still stop it.
 */
export async function startNodes(
  home: string,
  paths: StackPaths,
  onSpawn?: (pid: number) => void,
): Promise<ManifestProcess> {
  const script = daemonScript()
  if (!existsSync(script)) {
    throw new CcipError(ErrorCode.StackState, 'the node daemon is not built', { hint: 'run `npm run build`' })
  }
  rmSync(healthFile(paths), { force: true })
  const log = openSync(logFile(paths, 'nodes'), 'a')
  // --expose-gc: the daemon collects after each cut (snapshots.ts says why).
  const child = spawn(process.execPath, ['--expose-gc', script, home], {
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
  // Generous: on a loaded machine (several stacks on 2 cores) booting Node + ethers took > 15 s.
  // A daemon that dies is noticed at once (isAlive) whatever the deadline.
  const deadline = Date.now() + 60_000
  while (!hasReported(paths, pid)) {
    if (!isAlive(pid) || Date.now() > deadline) {
      throw new CcipError(ErrorCode.StackState, 'the DON/RMN node daemon did not start', {
        hint: `see ${logFile(paths, 'nodes')}`,
      })
    }
    await sleep(25)
  }
  return { role: 'nodes', pid, marker: `${script} ${home}` }
}

function hasReported(paths: StackPaths, pid: number): boolean {
  try {
    return readJson<{ pid?: number }>(healthFile(paths))?.pid === pid
  } catch {
    return false // polled until the deadline: a file being replaced is not an answer yet
  }
}
