import { MAX_CHAINS } from './local-chains.js'

/**
 * Which CCIP version each lane of a local stack runs. `1.6` and `2.0` run every lane on that
 * version; `mixed` splits them the way a migration leaves a network: the lane between the i-th
 * and j-th chain runs 2.0 when i + j is odd (alpha ↔ beta, beta ↔ gamma, alpha ↔ delta …) and 1.6
 * otherwise (alpha ↔ gamma, beta ↔ delta …). Both directions of a pair share a version, and from
 * three chains on every chain sends over lanes of both versions.
 */
export const CCIP_MODES = ['1.6', '2.0', 'mixed'] as const
export type CcipMode = (typeof CCIP_MODES)[number]
export type LaneVersion = '1.6' | '2.0'

export const DEFAULT_CCIP_MODE: CcipMode = '1.6'

export function isCcipMode(value: unknown): value is CcipMode {
  return typeof value === 'string' && (CCIP_MODES as readonly string[]).includes(value)
}

/** The version of the lane between the chains at positions `a` and `b` (in either direction). */
export function laneVersionIn(mode: CcipMode, a: number, b: number): LaneVersion {
  if (mode !== 'mixed') return mode
  return (a + b) % 2 === 1 ? '2.0' : '1.6'
}

/**
 * Whether a stack of `mode` has `version`'s ramps on every chain. A mixed stack has both even
 * with two chains (whose one pair runs 2.0): the 1.6 set is then deployed but carries no lane.
 */
export function modeDeploys(mode: CcipMode, version: LaneVersion): boolean {
  return mode === 'mixed' || mode === version
}

/**
 * The port of the stack's indexer (CCIP 2.0 verifier results): just past the range the chains
 * could take, so it never depends on the chain count.
 */
export const indexerPort = (portBase: number): number => portBase + MAX_CHAINS
