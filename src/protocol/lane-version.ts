/**
 * Which CCIP version a lane runs, read from its OnRamp's typeAndVersion() ("OnRamp 1.6.0",
 * "OnRamp 2.0.0"): during a migration a Router lists ramps of several versions for one chain, so
 * every command asks the contracts instead of assuming.
 */
export type CcipVersion = '1.6' | '2.0'

export interface RampVersion {
  /** The contract's type, e.g. OnRamp. */
  type: string
  /** Its full version, e.g. 2.0.0. */
  version: string
  /** The protocol generation ccipkit speaks for it; undefined for one it does not (1.5 and older). */
  ccip: CcipVersion | undefined
}

export function parseTypeAndVersion(typeAndVersion: string): RampVersion {
  const match = /^(\S+) (\d+)\.(\d+)\.(\d+)(?:-\S+)?$/.exec(typeAndVersion.trim())
  if (match === null) throw new RangeError(`not a typeAndVersion: '${typeAndVersion}'`)
  const [, type = '', major = '', minor = '', patch = ''] = match
  const generation = `${major}.${minor}`
  return {
    type,
    version: `${major}.${minor}.${patch}`,
    ccip: generation === '1.6' ? '1.6' : generation === '2.0' ? '2.0' : undefined,
  }
}
