import { openChain, type ProfileChain } from '../chain/profile-chain.js'
import { CcipError, ErrorCode, ExitCode } from '../errors.js'
import type { Profile } from '../profiles/profile.js'
import { destSide, laneTokens, type Once, sourceSide } from './lane-reads.js'
import type { RateLimitState } from './pools.js'

/**
 * Every lane between the chain profiles that have a Router: its state, where it is cursed, its
 * ramps, sequence numbers, messages in flight and the token pools' rate limits. All reads of all
 * lanes run at once (each tick's calls to a chain leave as one JSON-RPC batch) and are shared
 * through a per-run memo: each chain's registry, tokens and RMNRemote are read once. Nothing on
 * this path loads ethers (test/e2e/lanes.test.ts traces it): that alone was a third of its time.
 */

export type LaneState = 'active' | 'cursed' | 'disabled'

export interface LaneTokenLimits {
  symbol: string
  decimals: number
  /** The source pool's bucket towards the destination. */
  outbound: RateLimitState
  /** The destination pool's bucket from the source; null when the destination has no pool for it. */
  inbound: RateLimitState | null
}

export interface Lane {
  source: string
  dest: string
  /** The CCIP version of the lane's OnRamp ('1.6', '2.0'); null without an on-ramp or for another version. */
  version: string | null
  /** disabled (not wired or switched off) wins over cursed; cursedOn says where a curse holds. */
  state: LaneState
  cursedOn: string[]
  onRamp: string | null
  offRamp: string | null
  /** The next sequence number (1.6) or message number (2.0) the OnRamp gives; null without an on-ramp. */
  nextSequenceNumber: bigint | null
  /** 2.0: the verifiers (CCVs) every message gets by default and those the lane mandates, and the default executor (source addresses). */
  ccvs: { default: string[]; mandated: string[] } | null
  executor: string | null
  /** Sent and not yet executed (SUCCESS or FAILURE); null when the history could not be read. */
  inFlight: bigint | null
  tokens: LaneTokenLimits[]
}

export interface ListLanesParameters {
  profiles: Profile[]
  from?: string
  to?: string
  /** A chain that does not answer is skipped (and reported here) unless it was named. */
  onSkip?: (chain: string, error: CcipError) => void
}

/**
 * @example
 * const lanes = await listLanes({ profiles: (await readProfiles(home)).profiles, from: 'alpha' })
 */
export async function listLanes(params: ListLanesParameters): Promise<Lane[]> {
  // A named chain without a Router is kept, so that openChain says what is missing.
  const named = (p: Profile) => p.name === params.from || p.name === params.to
  const chains = params.profiles.filter((p) => p.router !== undefined || named(p)).map((p) => openChain(p))
  const memo = new Map<string, Promise<unknown>>()
  const once = <T>(key: string, work: () => Promise<T>): Promise<T> => {
    let hit = memo.get(key)
    if (hit === undefined) {
      hit = work()
      memo.set(key, hit)
    }
    // CAST: each key is only ever stored by the one call site that reads it back.
    return hit as Promise<T>
  }
  const sources = chains.filter((s) => params.from === undefined || s.profile.name === params.from)
  const pairs = sources.flatMap((s) =>
    chains
      .filter((d) => d !== s && (params.to === undefined || d.profile.name === params.to))
      .map((d) => [s, d] as const),
  )
  const skipped = new Set<string>()
  const lanes = await Promise.all(
    pairs.map(([s, d]) =>
      readLane(s, d, once).catch((error: unknown) => {
        if (!(error instanceof CcipError) || error.code !== ErrorCode.RpcUnreachable) throw error
        const down = error.details?.chain
        if (typeof down !== 'string' || down === params.from || down === params.to) throw error
        if (!skipped.has(down)) params.onSkip?.(down, error)
        skipped.add(down)
        return undefined
      }),
    ),
  )
  const wired = lanes.filter((l): l is Lane => l !== undefined && (l.onRamp !== null || l.offRamp !== null))
  if (lanes.length > 0 && lanes.every((l) => l === undefined)) {
    throw unreachableAll(chains.map((c) => c.profile.name))
  }
  if (wired.length === 0 && params.from !== undefined && params.to !== undefined) {
    throw new CcipError(ErrorCode.NotFound, `No CCIP lane ${params.from} → ${params.to}`, {
      hint: 'neither the source Router has an on-ramp nor the destination Router an off-ramp for it',
      exitCode: ExitCode.NotFound,
    })
  }
  return wired
}

/**
 * One lane. Its reads run in six rounds: ramps; static configs, sequence number, source config
 * and execution logs; curses and the registries' tokens (two); the pools' buckets (two).
 */
async function readLane(s: ProfileChain, d: ProfileChain, once: Once): Promise<Lane> {
  const src = sourceSide(s, d.selector, once)
  const dst = destSide(d, s.selector, once)
  const [onRamp, offRamp, nextSeq, executed, enabled, srcCursed, dstCursed, tokens, version, defaults] =
    await Promise.all([
      s.guard(src.onRamp),
      d.guard(dst.offRamp),
      s.guard(src.nextSeq),
      d.guard(dst.executed),
      d.guard(dst.enabled),
      s.guard(src.cursed),
      d.guard(dst.cursed),
      laneTokens(s, d, src.registry, dst.registry, once),
      s.guard(src.version),
      s.guard(src.defaults),
    ])
  const cursedOn = [...(srcCursed ? [s.profile.name] : []), ...(dstCursed ? [d.profile.name] : [])]
  const disabled = onRamp === null || offRamp === null || !enabled
  return {
    source: s.profile.name,
    dest: d.profile.name,
    version,
    state: disabled ? 'disabled' : cursedOn.length > 0 ? 'cursed' : 'active',
    cursedOn,
    onRamp,
    offRamp,
    nextSequenceNumber: nextSeq,
    ccvs: defaults === null ? null : { default: defaults.defaultCCVs, mandated: defaults.laneMandatedCCVs },
    executor: defaults?.defaultExecutor ?? null,
    inFlight: nextSeq === null || executed === null ? null : maxZero(nextSeq - 1n - executed),
    tokens,
  }
}

const maxZero = (n: bigint): bigint => (n < 0n ? 0n : n)

export const unreachableAll = (chains: string[]): CcipError =>
  new CcipError(
    ErrorCode.RpcUnreachable,
    `No lane could be read: the chains do not answer (${chains.join(', ')})`,
    {
      hint: 'is the local stack running (`ccip local up`)? For other chains check the RPC URLs (`ccip chains list`)',
      details: { chains },
    },
  )
