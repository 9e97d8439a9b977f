import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CcipError, ErrorCode } from '../errors.js'
import { errnoOf, fsError } from '../fs-errors.js'
import { type Profile, profileNotFound, profileProblem, STORE_SCHEMA_VERSION } from './profile.js'

/**
 * Reading the profile store (profiles.json). Reads never write: a missing file is an empty store,
 * and a file that is not what we wrote is reported (PROFILE_STORE naming the file) and left
 * exactly as it is, so a hand edit can be fixed rather than lost. Writes are in store.ts.
 */
export interface ProfileSnapshot {
  profiles: Profile[]
  current: string | undefined
  get(name: string): Profile | undefined
  require(name: string): Profile
}

/** What profiles.json holds; `__internal__` marks the shape's version (conf's layout, kept). */
export interface StoreData {
  profiles: Record<string, Profile>
  /** Name of the default chain (`ccip chains use`). */
  current?: string
}

export const storePath = (home: string): string => join(home, 'profiles.json')

export async function readProfiles(home: string): Promise<ProfileSnapshot> {
  const data = loadStore(storePath(home))
  const profiles = Object.values(data.profiles).sort(byName)
  const current =
    data.current !== undefined && Object.hasOwn(data.profiles, data.current) ? data.current : undefined
  return snapshot(profiles, current)
}

export const byName = (a: Profile, b: Profile): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

/** The store at `path`, checked; an empty store when there is no file yet. */
export function loadStore(path: string): StoreData {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (cause) {
    if (errnoOf(cause) === 'ENOENT') return { profiles: {} }
    throw fsError(ErrorCode.ProfileStore, 'the chain profile store', path, 'read', cause)
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (cause) {
    throw storeProblem(path, 'is not valid JSON', cause)
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw storeProblem(path, 'does not match its schema: the file must hold a JSON object')
  // CAST: checked field by field below.
  const raw = data as { profiles?: unknown; current?: unknown; __internal__?: unknown }
  const version = (raw.__internal__ as { migrations?: { version?: unknown } } | undefined)?.migrations
    ?.version
  if (version !== undefined && version !== STORE_SCHEMA_VERSION)
    throw storeProblem(
      path,
      `was written for another store version (${String(version)}, not ${STORE_SCHEMA_VERSION})`,
    )
  const entries = raw.profiles ?? {}
  if (typeof entries !== 'object' || entries === null || Array.isArray(entries))
    throw storeProblem(path, 'does not match its schema: `profiles` must be object')
  if (raw.current !== undefined && typeof raw.current !== 'string')
    throw storeProblem(path, 'does not match its schema: `current` must be string')
  const profiles: Record<string, Profile> = {}
  for (const [name, value] of Object.entries(entries)) {
    // The key is the name: a hand edit that renames only one of them must not split them.
    const problem = profileProblem(name, value)
    if (problem !== undefined) throw storeProblem(path, `does not match its schema: ${problem}`)
    profiles[name] = { ...(value as Profile), name }
  }
  return { profiles, ...(raw.current === undefined ? {} : { current: raw.current as string }) }
}

function storeProblem(path: string, problem: string, cause?: unknown): CcipError {
  return new CcipError(ErrorCode.ProfileStore, `Chain profile store ${path} ${problem}`, {
    hint: `fix or delete ${path} (it holds chain profiles only, no keys; \`ccip local up\` recreates the local ones)`,
    ...(cause === undefined ? {} : { cause }),
  })
}

/**
 * The profiles without the local stack's, for reads while it is stopped (its ports are closed):
 * naming one of its chains is STACK_NOT_RUNNING rather than an unknown profile.
 */
export function withoutLocal(all: ProfileSnapshot): ProfileSnapshot {
  const current = all.current === undefined || all.get(all.current)?.local ? undefined : all.current
  const remote = snapshot(
    all.profiles.filter((p) => !p.local),
    current,
  )
  return {
    ...remote,
    require(name) {
      if (all.get(name)?.local !== true) return remote.require(name)
      throw new CcipError(
        ErrorCode.StackNotRunning,
        `'${name}' is a chain of the local stack, which is not running`,
        {
          hint: 'start it with `ccip local up --detach`',
        },
      )
    },
  }
}

function snapshot(profiles: Profile[], current: string | undefined): ProfileSnapshot {
  const get = (name: string) => profiles.find((p) => p.name === name)
  return {
    profiles,
    current,
    get,
    require(name) {
      const profile = get(name)
      if (profile === undefined) throw profileNotFound(name)
      return profile
    },
  }
}
