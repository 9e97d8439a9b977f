import { CcipError, ErrorCode, ExitCode } from '../errors.js'
import type { Profile } from '../profiles/profile.js'
import { addressResult, getOnRampCall, offRampsResult, ROUTER_SELECTORS } from '../protocol/event-words.js'
import { parseTypeAndVersion, type RampVersion } from '../protocol/lane-version.js'
import { typeAndVersion } from '../protocol/view-calls.js'
import { Chain } from './chain.js'

/**
 * A Chain opened from a chain profile: its selector, its Router and the Router's ramps (cached
 * per chain: a lane's ramps only change by a Router update, which no command waits across).
 */
export class ProfileChain extends Chain {
  readonly selector: bigint
  private offRampList: Promise<{ sourceChainSelector: bigint; offRamp: string }[]> | undefined
  private readonly onRamps = new Map<bigint, Promise<string | undefined>>()
  private readonly versions = new Map<string, Promise<RampVersion>>()

  constructor(readonly profile: Profile) {
    super(profile)
    this.selector = BigInt(profile.selector)
  }

  /**
   * The newest block final on this chain given its `head`: `finalityDepth` blocks below it where
   * the profile says so (local chains), else the node's `finalized` tag; -1 when none is.
   */
  async lastFinalBlock(head: number): Promise<number> {
    const depth = this.profile.finalityDepth
    return depth === undefined ? ((await this.finalized()) ?? -1) : head - depth
  }

  /** The profile's Router; a usage error saying how to add one when it has none. */
  get router(): string {
    return requireRouter(this.profile)
  }

  /** Router.getOnRamp(dest): the OnRamp serving this chain → dest; undefined when none. */
  onRamp(destSelector: bigint): Promise<string | undefined> {
    let ramp = this.onRamps.get(destSelector)
    if (ramp === undefined) {
      ramp = this.request<string>('eth_call', [
        { to: this.router, data: getOnRampCall(destSelector) },
        'latest',
      ]).then(addressResult)
      ramp.catch(() => this.onRamps.delete(destSelector))
      this.onRamps.set(destSelector, ramp)
    }
    return ramp
  }

  /**
   * The CCIP version of this chain's lane to `destSelector`, read from its OnRamp's
   * typeAndVersion() (cached with the ramp); undefined when the Router has no such lane.
   */
  async laneVersion(destSelector: bigint): Promise<RampVersion | undefined> {
    const onRamp = await this.onRamp(destSelector)
    return onRamp === undefined ? undefined : this.contractVersion(onRamp)
  }

  /** Any CCIP contract's typeAndVersion() (a ramp, a pool), parsed and cached per address. */
  contractVersion(address: string): Promise<RampVersion> {
    const key = address.toLowerCase()
    let version = this.versions.get(key)
    if (version === undefined) {
      version = this.view(address, typeAndVersion).then(parseTypeAndVersion)
      version.catch(() => this.versions.delete(key))
      this.versions.set(key, version)
    }
    return version
  }

  /** Router.getOffRamps() filtered to one source: the OffRamps accepting its messages here. */
  async offRamps(sourceSelector: bigint): Promise<string[]> {
    if (this.offRampList === undefined) {
      const list = this.request<string>('eth_call', [
        { to: this.router, data: ROUTER_SELECTORS.getOffRamps },
        'latest',
      ])
      this.offRampList = list.then(offRampsResult)
      this.offRampList.catch(() => {
        this.offRampList = undefined
      })
    }
    const all = await this.offRampList
    return [...new Set(all.filter((o) => o.sourceChainSelector === sourceSelector).map((o) => o.offRamp))]
  }
}

/**
 * The chains of one command run or one API client, by RPC URL and Router: repeated reads (a
 * watch, a wait) reuse their caches, and two clients in one process never share them (a revert
 * of one stack must not leave another's block times stale).
 */
export type ChainPool = Map<string, ProfileChain>

export function chainOf(profile: Profile, pool: ChainPool = new Map()): ProfileChain {
  const key = `${profile.rpcUrl}|${profile.router ?? ''}`
  let chain = pool.get(key)
  if (chain === undefined) {
    chain = new ProfileChain(profile)
    pool.set(key, chain)
  }
  return chain
}

/** A profile's chain for commands that need its Router: refuses a profile without one up front. */
export function openChain(profile: Profile, pool?: ChainPool): ProfileChain {
  requireRouter(profile)
  return chainOf(profile, pool)
}

/** The profile's Router; a usage error saying how to add one when it has none. */
export function requireRouter(profile: Profile): string {
  if (profile.router === undefined) {
    throw new CcipError(ErrorCode.Usage, `the chain profile '${profile.name}' has no CCIP Router`, {
      hint: `re-add it with --router: ccip chains remove ${profile.name} && ccip chains add ${profile.name} --rpc-url … --router 0x…`,
      exitCode: ExitCode.Usage,
    })
  }
  return profile.router
}
