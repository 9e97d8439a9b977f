import { join } from 'node:path'
import Conf, { type Schema } from 'conf'
import { CliError, describeError, ErrorCode } from '../errors.js'
import {
  FIELD_PATTERNS,
  type Profile,
  profileNotFound,
  STORE_SCHEMA_VERSION,
  validateProfileName,
} from './profile.js'

/** What profiles.json holds (conf adds its own `__internal__` migration marker beside it). */
interface StoreData {
  profiles: Record<string, Profile>
  /** Name of the default chain (`ccip chains use`). */
  current?: string
}

/** Bump when the stored shape changes, and add the step to MIGRATIONS. */
const SCHEMA_VERSION = STORE_SCHEMA_VERSION
const MIGRATIONS: Record<string, (store: Conf<StoreData>) => void> = {}

// No field can hold a key, and additionalProperties: false refuses any that someone adds.
const SCHEMA: Schema<StoreData> = {
  profiles: {
    type: 'object',
    default: {},
    propertyNames: { pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$' },
    additionalProperties: {
      type: 'object',
      required: ['name', 'chainId', 'selector', 'rpcUrl', 'local'],
      additionalProperties: false,
      properties: {
        name: { type: 'string' },
        chainId: { type: 'string', pattern: FIELD_PATTERNS.chainId.source },
        selector: { type: 'string', pattern: FIELD_PATTERNS.selector.source },
        rpcUrl: { type: 'string', pattern: FIELD_PATTERNS.rpcUrl.source },
        router: { type: 'string', pattern: FIELD_PATTERNS.router.source },
        local: { type: 'boolean' },
        keystore: { type: 'string', minLength: 1 },
      },
    },
  },
  current: { type: 'string' },
}

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

const byName = (a: Profile, b: Profile): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

export function openProfileStore(home: string): ProfileStore {
  const path = join(home, 'profiles.json')
  const conf = guard(path, 'open', () => {
    return new Conf<StoreData>({
      cwd: home,
      configName: 'profiles',
      schema: SCHEMA,
      projectVersion: SCHEMA_VERSION,
      migrations: MIGRATIONS,
      // Profile names contain dots; they must never be read as nested paths.
      accessPropertiesByDotNotation: false,
      // A hand-edited file with a mistake must fail loudly, not be silently emptied.
      clearInvalidConfig: false,
      // Holds RPC URLs, which often embed an API key.
      configFileMode: 0o600,
    })
  })

  const read = (): StoreData =>
    guard(path, 'read', () => {
      const data = conf.store
      // The key is the name: a hand edit that renames only one of them must not split them.
      const profiles: Record<string, Profile> = {}
      for (const [name, p] of Object.entries(data.profiles ?? {})) profiles[name] = { ...p, name }
      return { ...data, profiles }
    })
  const write = (data: StoreData): void => {
    guard(path, 'write', () => {
      conf.store = data
    })
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
        throw new CliError(
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
          throw new CliError(ErrorCode.Internal, `Local profile '${p.name}' given twice`)
        }
        profiles[p.name] = { ...p, local: true }
      }
      const next: StoreData = { ...data, profiles }
      if (next.current !== undefined && !Object.hasOwn(profiles, next.current)) delete next.current
      write(next)
    },
    removeLocal() {
      store.replaceLocal([])
    },
  }
  return store
}

/** PROFILE_EXISTS, also thrown by addProfile before it touches the network. */
export function profileExists(name: string): CliError {
  return new CliError(ErrorCode.ProfileExists, `A chain profile named '${name}' already exists`, {
    hint: `pick another name, or run \`ccip chains remove ${name}\` first`,
  })
}

/** conf throws plain Errors (bad JSON, schema violations, EACCES); give them a code and a hint. */
function guard<T>(path: string, op: 'open' | 'read' | 'write', fn: () => T): T {
  try {
    return fn()
  } catch (cause) {
    if (cause instanceof CliError) throw cause
    throw storeError(path, op, cause)
  }
}

function storeError(path: string, op: 'open' | 'read' | 'write', cause: unknown): CliError {
  const text = describeError(cause)
  const hint = `fix or delete ${path} (it holds chain profiles only, no keys; \`ccip local up\` recreates the local ones)`
  const violation = text.startsWith('Config schema violation: ')
    ? text.slice('Config schema violation: '.length)
    : undefined
  if (violation !== undefined && op === 'write') {
    // Only a caller bug (or a key smuggled into a profile) gets here: the file is untouched.
    return new CliError(ErrorCode.ProfileStore, `Chain profile rejected by the store schema: ${violation}`, {
      hint: 'profiles hold name, chainId, selector, rpcUrl, router, local and keystore (a path) only',
      cause,
    })
  }
  // CAST: Node's fs errors carry a string errno code.
  const errno = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined
  const message =
    cause instanceof SyntaxError
      ? `Chain profile store ${path} is not valid JSON`
      : violation !== undefined
        ? `Chain profile store ${path} does not match its schema: ${violation}`
        : errno === 'EACCES' || errno === 'EPERM'
          ? `No permission to ${op} the chain profile store ${path}`
          : `Could not ${op} the chain profile store ${path}: ${text}`
  return new CliError(ErrorCode.ProfileStore, message, { hint, cause })
}
