import { join } from 'node:path'

/** Layout of the local stack's files under $CCIPKIT_HOME/local. */
export interface StackPaths {
  dir: string
  /** The running stack: ports, pids, settings. Present only while it runs (or after a crash). */
  manifest: string
  /** Addresses and node keys of the deployed contracts; kept across `down`, removed by `reset`. */
  deployment: string
  stateDir: string
  /** Each chain's logs of the blocks anvil no longer keeps (chain/log-archive.ts). */
  archiveDir: string
  logsDir: string
  /** Held while `up`/`down`/`reset` change things, so two of them never interleave. */
  lock: string
}

export function stackPaths(home: string): StackPaths {
  const dir = join(home, 'local')
  return {
    dir,
    manifest: join(dir, 'manifest.json'),
    deployment: join(dir, 'deployment.json'),
    stateDir: join(dir, 'state'),
    archiveDir: join(dir, 'state', 'archive'),
    logsDir: join(dir, 'logs'),
    lock: join(dir, 'lock'),
  }
}

export const archiveFile = (paths: StackPaths, chain: string): string =>
  join(paths.archiveDir, `${chain}.ndjson`)

export const logFile = (paths: StackPaths, role: string): string => join(paths.logsDir, `${role}.log`)
