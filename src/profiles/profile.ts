import { CcipError, ErrorCode, ExitCode, invalidArgument } from '../errors.js'

/**
 * A chain profile: how to reach one chain and where CCIP lives on it. chainId and selector are
 * decimal strings so the stored JSON is exact (selectors exceed 2^53). Never holds a key: only
 * a path to an encrypted keystore.
 */
export interface Profile {
  name: string
  chainId: string
  selector: string
  rpcUrl: string
  /** The CCIP Router, checksummed. Absent until the user knows it (or the stack deployed one). */
  router?: string
  /** Managed by the local stack (`ccip local up` writes it, `ccip local reset` removes it). */
  local: boolean
  /** Absolute path of an encrypted JSON keystore used to sign on this chain. */
  keystore?: string
  /**
   * Local chains only: the stack's archive of the logs of blocks anvil no longer keeps
   * (chain/log-archive.ts); every log reader takes old blocks from it.
   */
  logArchive?: string
  /**
   * Blocks on top of a block that make it final, for chains that finalize by depth (the local
   * stack's chains, as its commit DON counts). Absent: the node's `finalized` tag decides.
   */
  finalityDepth?: number
  /**
   * The CCIP 2.0 indexer serving verifier results for messages from this chain (the local
   * stack's own, or a user's). Absent: Chainlink's public indexers.
   */
  indexerUrl?: string
}

/** Starts alphanumeric so a name can never look like a flag; short enough for a table column. */
export const PROFILE_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,39}$/i

export function validateProfileName(name: string): string {
  if (!PROFILE_NAME_PATTERN.test(name)) {
    throw invalidArgument(
      `Invalid chain profile name '${name}'`,
      'use 1-40 letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. sepolia, base-mainnet)',
    )
  }
  return name
}

/** The `ccip chains list --json` row: a fixed shape, router null rather than absent. */
export interface ProfileSummary {
  name: string
  chainId: string
  selector: string
  rpcUrl: string
  router: string | null
  local: boolean
}

export function profileSummary(p: Profile): ProfileSummary {
  return {
    name: p.name,
    chainId: p.chainId,
    selector: p.selector,
    rpcUrl: p.rpcUrl,
    router: p.router ?? null,
    local: p.local,
  }
}

/** Version of the stored shape; bump it with a migration step in read.ts when the shape changes. */
export const STORE_SCHEMA_VERSION = '1.0.0'

/** Field rules of a stored profile (profileProblem), for reads and writes alike. */
export const FIELD_PATTERNS = {
  chainId: /^[1-9][0-9]*$/,
  selector: /^[1-9][0-9]{0,19}$/,
  rpcUrl: /^(https?|wss?):\/\//,
  router: /^0x[0-9a-fA-F]{40}$/,
} as const

const PROFILE_KEYS = new Set([
  'name',
  'chainId',
  'selector',
  'rpcUrl',
  'router',
  'local',
  'keystore',
  'logArchive',
  'finalityDepth',
  'indexerUrl',
])

/**
 * What is wrong with a stored profile (`name` is its key in the store), in the words of a schema
 * check; undefined when nothing is. The one definition of a valid profile, for reads and writes.
 */
export function profileProblem(name: string, value: unknown): string | undefined {
  const at = `\`profiles/${name}\``
  if (!PROFILE_NAME_PATTERN.test(name)) return `${at}: the name must match ${PROFILE_NAME_PATTERN.source}`
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${at} must be object`
  // CAST: inspected field by field below.
  const p = value as Record<string, unknown>
  const extra = Object.keys(p).filter((k) => !PROFILE_KEYS.has(k))
  if (extra.length > 0) return `${at} must NOT have additional properties (${extra.join(', ')})`
  for (const key of ['name', 'chainId', 'selector', 'rpcUrl'] as const) {
    if (typeof p[key] !== 'string') return `${at} must have a string ${key}`
  }
  for (const key of ['chainId', 'selector', 'rpcUrl', 'router'] as const) {
    const v = p[key]
    if (v === undefined) continue
    if (typeof v !== 'string' || !FIELD_PATTERNS[key].test(v))
      return `${at}/${key} must match pattern "${FIELD_PATTERNS[key].source}"`
  }
  if (typeof p.local !== 'boolean') return `${at}/local must be boolean`
  if (p.keystore !== undefined && (typeof p.keystore !== 'string' || p.keystore.length === 0))
    return `${at}/keystore must be a non-empty string`
  if (p.logArchive !== undefined && (typeof p.logArchive !== 'string' || p.logArchive.length === 0))
    return `${at}/logArchive must be a non-empty string`
  if (
    p.finalityDepth !== undefined &&
    (!Number.isSafeInteger(p.finalityDepth) || (p.finalityDepth as number) < 0)
  )
    return `${at}/finalityDepth must be a non-negative integer`
  if (
    p.indexerUrl !== undefined &&
    (typeof p.indexerUrl !== 'string' || !/^https?:\/\/\S+$/.test(p.indexerUrl))
  )
    return `${at}/indexerUrl must be an http(s) URL`
  return undefined
}

/** PROFILE_NOT_FOUND (exit 3), the same wherever a profile is looked up by name. */
export const profileNotFound = (name: string): CcipError =>
  new CcipError(ErrorCode.ProfileNotFound, `No chain profile named '${name}'`, {
    hint: 'run `ccip chains list` to see the profiles, or add one with `ccip chains add`',
    exitCode: ExitCode.NotFound,
  })
