import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { isValidProfile, type Profile, profileNotFound, STORE_SCHEMA_VERSION } from './profile.js'

/**
 * Read-only view of the profile store that skips conf: parsing one small JSON file is ~100 ms
 * cheaper than loading conf and compiling its schema, and `chains list` / `send` read on every run.
 * Writes always go through conf (store.ts). A file written by another schema version, or one that
 * breaks the rules, is handed to conf, which migrates it or reports the problem.
 */
export interface ProfileSnapshot {
  profiles: Profile[]
  current: string | undefined
  get(name: string): Profile | undefined
  require(name: string): Profile
}

export async function readProfiles(home: string): Promise<ProfileSnapshot> {
  const fast = readFast(join(home, 'profiles.json'))
  if (fast !== undefined) return snapshot(fast.profiles, fast.current)
  const { openProfileStore } = await import('./store.js')
  const store = openProfileStore(home)
  return snapshot(store.list(), store.current())
}

function readFast(path: string): { profiles: Profile[]; current: string | undefined } | undefined {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return { profiles: [], current: undefined } // no store yet
  }
  try {
    // CAST: checked just below, profile by profile.
    const data = JSON.parse(text) as {
      profiles?: Record<string, unknown>
      current?: unknown
      __internal__?: { migrations?: { version?: unknown } }
    }
    if (data.__internal__?.migrations?.version !== STORE_SCHEMA_VERSION) return undefined
    const profiles: Profile[] = []
    for (const [name, value] of Object.entries(data.profiles ?? {})) {
      if (!isValidProfile(value)) return undefined
      profiles.push({ ...value, name })
    }
    profiles.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    const current =
      typeof data.current === 'string' && profiles.some((p) => p.name === data.current)
        ? data.current
        : undefined
    return { profiles, current }
  } catch {
    return undefined // let conf produce the precise error
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
