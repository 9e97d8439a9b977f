import { mkdirSync, readdirSync, rmSync } from 'node:fs'
import { basename, join } from 'node:path'
import { CcipError, ErrorCode } from '../errors.js'
import { TEMP_SUFFIX } from '../fs-atomic.js'
import type { Deployment } from './deployment.js'
import type { StackPaths } from './paths.js'
import { readCut, savedChainFile } from './state-cut.js'

const WAY_OUT =
  '`ccip local up --fresh` (or `ccip local reset`) discards the saved stack and deploys a new one'

/**
 * A warm start needs the deployment and every chain's saved state; a cold start needs neither.
 * Anything in between is a damaged save: refuse (touching nothing) rather than deploy over the
 * saved chains or start some of them empty.
 */
export function assertSavedStateComplete(paths: StackPaths, deployment: Deployment | undefined): void {
  if (deployment === undefined) {
    const saved = savedChainFiles(paths)
    if (saved.length === 0) return
    throw new CcipError(
      ErrorCode.StackState,
      `${paths.deployment} is missing, but chain state is saved in ${paths.stateDir} (${saved.join(', ')})`,
      { hint: `restore the file to resume those chains, or start over: ${WAY_OUT}` },
    )
  }
  const cut = readCut(paths)
  for (const chain of deployment.chains) {
    if (savedChainFile(paths, chain.name) === undefined) {
      const file = join(
        paths.stateDir,
        cut === undefined ? `${chain.name}.json` : `cut-${cut.cut}/${chain.name}.json`,
      )
      throw new CcipError(
        ErrorCode.StackState,
        `${file} is missing: the saved stack has chain ${chain.name}`,
        {
          hint: `restore the file, or start over: ${WAY_OUT}`,
        },
      )
    }
  }
}

/** Saved chains in either layout: one consistent cut (cut.json, cut-<n>/) or the older files. */
function savedChainFiles(paths: StackPaths): string[] {
  try {
    return readdirSync(paths.stateDir).filter((name) => name.endsWith('.json') || /^cut-\d+$/.test(name))
  } catch {
    return []
  }
}

/** Forget the deployment and every saved chain (`--fresh`, or an interrupted cold start's leftovers). */
export function wipeSavedState(paths: StackPaths): void {
  rmSync(paths.deployment, { force: true })
  rmSync(paths.stateDir, { recursive: true, force: true })
  mkdirSync(paths.stateDir, { recursive: true })
}

/**
 * Remove the temp files of writers that were killed mid-write (a snapshot, a manifest). Only while
 * nothing of the stack runs and the lock is held: then no writer of ours is alive.
 */
export function sweepTempFiles(paths: StackPaths): string[] {
  const removed: string[] = []
  for (const dir of [paths.dir, paths.stateDir]) {
    let names: string[]
    try {
      names = readdirSync(dir)
    } catch {
      continue
    }
    for (const name of names.filter((n) => n.endsWith(TEMP_SUFFIX))) {
      rmSync(join(dir, name), { force: true })
      removed.push(basename(name))
    }
  }
  return removed
}
