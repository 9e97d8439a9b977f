import Conf, { type Schema } from 'conf'
import { FIELD_PATTERNS, type Profile, STORE_SCHEMA_VERSION } from './profile.js'
import type { StoreData } from './read.js'

/**
 * conf is the profile store's writer: atomic writes, the schema checked on every write, and the
 * version marker its migrations keep. It is opened only when a change is about to be written:
 * conf creates the file when it opens, and a command that fails or only reads must never create
 * or rewrite profiles.json (reads go through read.ts, which parses the file without conf).
 */

/** Bump when the stored shape changes, and add the step to MIGRATIONS. */
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
        logArchive: { type: 'string', minLength: 1 },
        finalityDepth: { type: 'integer', minimum: 0 },
        indexerUrl: { type: 'string', pattern: '^https?://\\S+$' },
      },
    },
  },
  current: { type: 'string' },
}

/** Replace the store's content with `data` through conf (schema-checked, atomic, mode 0600). */
export function writeWithConf(home: string, data: StoreData): void {
  const conf = new Conf<StoreData>({
    cwd: home,
    configName: 'profiles',
    schema: SCHEMA,
    projectVersion: STORE_SCHEMA_VERSION,
    migrations: MIGRATIONS,
    // Profile names contain dots; they must never be read as nested paths.
    accessPropertiesByDotNotation: false,
    // A hand-edited file with a mistake must fail loudly, not be silently emptied.
    clearInvalidConfig: false,
    // Holds RPC URLs, which often embed an API key.
    configFileMode: 0o600,
  })
  const profiles: Record<string, Profile> = { ...data.profiles }
  conf.store = { profiles, ...(data.current === undefined ? {} : { current: data.current }) }
}
