import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { readJson } from '../fs-atomic.js'
import { packageRoot, packageVersion } from '../package-root.js'
import type { Deployment } from './deployment.js'
import type { CcipMode } from './lane-plan.js'
import type { StackPaths } from './paths.js'
import { readCut } from './state-cut.js'

/**
 * Freshly deployed stacks, kept for the next stack that needs one. A library stack in a new
 * temporary home would deploy CCIP from scratch every time (3–4 s); a copy of a fresh deployment
 * (its deployment.json and the cut taken right after deploying) starts as a warm stack does. The
 * key covers everything a deployment depends on (the chain count, the CCIP mode, and the code and
 * settings that deploy), so a changed deployment is never served from an older one.
 */

/** $CCIPKIT_CACHE, else $XDG_CACHE_HOME/ccipkit, else ~/.cache/ccipkit. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CCIPKIT_CACHE !== undefined && env.CCIPKIT_CACHE !== '') return env.CCIPKIT_CACHE
  const base =
    env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME !== ''
      ? env.XDG_CACHE_HOME
      : join(homedir(), '.cache')
  return join(base, 'ccipkit')
}

/** What a cached deployment was made for. */
export interface CacheKey {
  chains: number
  mode: CcipMode
}

function entryDir(cache: string, key: CacheKey): string {
  const hash = createHash('sha256').update(`${packageVersion()}\n${key.chains}\n${key.mode}\n`)
  const code = join(packageRoot(), 'dist', 'src', 'stack')
  for (const file of ['settings.js', 'node-keys.js', 'local-chains.js', 'lane-plan.js'])
    hash.update(readFileSync(join(code, file)))
  for (const dir of ['deploy', 'deploy-v2'])
    for (const file of readdirSync(join(code, dir)).sort()) hash.update(readFileSync(join(code, dir, file)))
  return join(cache, `deployment-${key.chains}-${key.mode}-${hash.digest('hex').slice(0, 16)}`)
}

/**
 * Copy a cached fresh deployment for `key` into an empty stack directory; the
 * deployment, or undefined when the cache has none (or cannot be read: then deploy as usual).
 */
export function restoreCachedDeployment(
  cache: string,
  key: CacheKey,
  paths: StackPaths,
): Deployment | undefined {
  try {
    const entry = entryDir(cache, key)
    if (!existsSync(join(entry, 'deployment.json'))) return undefined
    mkdirSync(paths.dir, { recursive: true })
    cpSync(join(entry, 'state'), paths.stateDir, { recursive: true })
    cpSync(join(entry, 'deployment.json'), paths.deployment)
    return readJson<Deployment>(paths.deployment)
  } catch {
    rmSync(paths.stateDir, { recursive: true, force: true })
    rmSync(paths.deployment, { force: true })
    return undefined
  }
}

/**
 * Keep the deployment just made (and its first cut) for later stacks. Written beside the cache
 * and renamed into place, so a reader never sees half an entry; another stack that stored the
 * same entry first wins. Never fails a start: the cache is only an optimisation.
 */
export function storeDeployment(cache: string, key: CacheKey, paths: StackPaths): void {
  let staging: string | undefined
  try {
    const entry = entryDir(cache, key)
    const cut = readCut(paths)
    if (existsSync(entry) || cut === undefined) return
    mkdirSync(cache, { recursive: true })
    staging = join(cache, `.staging-${process.pid}-${Date.now()}`)
    cpSync(join(paths.stateDir, 'cut.json'), join(staging, 'state', 'cut.json'))
    cpSync(join(paths.stateDir, `cut-${cut.cut}`), join(staging, 'state', `cut-${cut.cut}`), {
      recursive: true,
    })
    cpSync(paths.deployment, join(staging, 'deployment.json'))
    renameSync(staging, entry)
    staging = undefined
  } catch {
    // Another process stored it meanwhile, or the disk is full: nothing lost.
  } finally {
    if (staging !== undefined) rmSync(staging, { recursive: true, force: true })
  }
}
