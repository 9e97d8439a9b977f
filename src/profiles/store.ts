import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { CcipError, ErrorCode } from '../errors.js'
import { fsError } from '../fs-errors.js'
import { writeWithConf } from './conf-writer.js'
import { type Profile, profileNotFound, profileProblem, validateProfileName } from './profile.js'
import { byName, loadStore, type StoreData, storePath } from './read.js'

/**
 * The profile store's writes. Opening it reads and checks the file (read.ts) and creates nothing:
 * a command that fails never creates or rewrites profiles.json. Every change is checked against
 * the one profile rule (profile.ts: no field can hold a key) and written by conf (conf-writer.ts:
 * atomic, schema-checked, mode 0600 since RPC URLs often embed an API key).
 */
export interface ProfileStore {
  /** The file behind the store, for hints. */
  readonly path: string
  /** Every profile, sorted by name. */
  list(): Profile[]
  get(name: string): Profile | undefined
  /** The profile, or PROFILE_NOT_FOUND (exit 3). */
  require(name: string): Profile
  /** Add a new profile; PROFILE_EXISTS if the name is taken. */
  add(profile: Profile): void
  /** Remove a profile (clearing the default if it was the default); returns what was removed. */
  remove(name: string): Profile
  /** Make a profile the default chain. */
  use(name: string): void
  /** The default chain's name, if one is set and still exists. */
  current(): string | undefined
  /**
   * In one write: drop every local profile, then add `profiles` as local ones. Refuses (and
   * writes nothing) if a given name belongs to a profile the user added.
   */
  replaceLocal(profiles: Profile[]): void
  /** Drop every local profile (`ccip local reset`). */
  removeLocal(): void
}

export function openProfileStore(home: string): ProfileStore {
  const path = storePath(home)
  // Checked now, so a broken file is reported before any work (or network round trip) starts.
  loadStore(path)
  const read = (): StoreData => loadStore(path)
  const write = (data: StoreData): void => {
    for (const [name, p] of Object.entries(data.profiles)) {
      const problem = profileProblem(name, p)
      // Only a caller bug (or a key smuggled into a profile) gets here: the file is untouched.
      if (problem !== undefined) {
        throw new CcipError(
          ErrorCode.ProfileStore,
          `Chain profile rejected by the store schema: ${problem}`,
          {
            hint: 'profiles hold name, chainId, selector, rpcUrl, router, local, keystore, logArchive (paths), finalityDepth and indexerUrl only',
          },
        )
      }
    }
    try {
      mkdirSync(dirname(path), { recursive: true })
    } catch (cause) {
      throw fsError(ErrorCode.ProfileStore, 'the ccipkit home', dirname(path), 'create', cause, home)
    }
    try {
      writeWithConf(home, data)
    } catch (cause) {
      throw fsError(ErrorCode.ProfileStore, 'the chain profile store', path, 'write', cause, home)
    }
  }
  const get = (name: string): Profile | undefined => {
    const profiles = read().profiles
    return Object.hasOwn(profiles, name) ? profiles[name] : undefined
  }

  const store: ProfileStore = {
    path,
    list: () => Object.values(read().profiles).sort(byName),
    get,
    require(name) {
      const profile = get(name)
      if (profile === undefined) throw profileNotFound(name)
      return profile
    },
    add(profile) {
      validateProfileName(profile.name)
      const data = read()
      if (Object.hasOwn(data.profiles, profile.name)) throw profileExists(profile.name)
      write({ ...data, profiles: { ...data.profiles, [profile.name]: profile } })
    },
    remove(name) {
      const removed = store.require(name)
      const data = read()
      const profiles = { ...data.profiles }
      delete profiles[name]
      const next: StoreData = { ...data, profiles }
      if (next.current === name) delete next.current
      write(next)
      return removed
    },
    use(name) {
      store.require(name)
      write({ ...read(), current: name })
    },
    current() {
      const data = read()
      return data.current !== undefined && Object.hasOwn(data.profiles, data.current)
        ? data.current
        : undefined
    },
    replaceLocal(incoming) {
      const data = read()
      const conflicts = incoming
        .map((p) => validateProfileName(p.name))
        .filter((name) => data.profiles[name]?.local === false)
      if (conflicts.length > 0) {
        const names = conflicts.map((n) => `'${n}'`).join(', ')
        throw new CcipError(
          ErrorCode.ProfileExists,
          `Chain profile ${names} exists and is not a local profile`,
          {
            hint: `the local stack needs the name: run \`ccip chains remove ${conflicts[0]}\` and add yours again under another name`,
            details: { conflicts },
          },
        )
      }
      const profiles: Record<string, Profile> = {}
      for (const p of Object.values(data.profiles)) if (!p.local) profiles[p.name] = p
      for (const p of incoming) {
        if (Object.hasOwn(profiles, p.name)) {
          throw new CcipError(ErrorCode.Internal, `Local profile '${p.name}' given twice`)
        }
        profiles[p.name] = { ...p, local: true }
      }
      const next: StoreData = { ...data, profiles }
      if (next.current !== undefined && !Object.hasOwn(profiles, next.current)) delete next.current
      write(next)
    },
    removeLocal() {
      // Nothing to remove writes nothing (`local reset` on a fresh home must not create the file).
      if (store.list().some((p) => p.local)) store.replaceLocal([])
    },
  }
  return store
}

/** PROFILE_EXISTS, also thrown by addProfile before it touches the network. */
export function profileExists(name: string): CcipError {
  return new CcipError(ErrorCode.ProfileExists, `A chain profile named '${name}' already exists`, {
    hint: `pick another name, or run \`ccip chains remove ${name}\` first`,
  })
}
