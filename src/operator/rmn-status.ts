import { connectChain, disconnect } from '../chain/connect.js'
import type { Profile } from '../profiles/profile.js'
import { laneSubject } from '../protocol/rmn-subjects.js'
import { type CursedSubject, cursedSubjects, curseTarget } from './rmn.js'

export interface ChainCurses {
  chain: string
  /** The chain's RMN: RMNRemote 1.6 or RMN 2.0 (the field keeps its 1.6 name). */
  rmnRemote: string
  /** Its typeAndVersion, e.g. "RMNRemote 1.6.0" or "RMN 2.0.0"; null when it does not say. */
  rmnVersion: string | null
  /** Our CurseAuthority (fSign+1 RMN votes or the operator), or null when an owner key curses. */
  authority: string | null
  cursed: CursedSubject[]
}

/**
 * The cursed subjects of every chain, with who cursed and why where the chain recorded it.
 * `named`: the profiles whose names label the subjects (default: the chains read).
 */
export async function rmnStatus(profiles: Profile[], named: Profile[] = profiles): Promise<ChainCurses[]> {
  const names = new Map(named.map((p) => [laneSubject(BigInt(p.selector)), p.name]))
  return Promise.all(
    profiles.map(async (profile) => {
      const chain = connectChain(profile)
      try {
        const target = await curseTarget(chain)
        const version = await chain.chain
          .contractVersion(target.rmnRemote)
          .then((v) => `${v.type} ${v.version}`)
          .catch(() => null)
        return {
          chain: profile.name,
          rmnRemote: target.rmnRemote,
          rmnVersion: version,
          authority: target.authority ?? null,
          cursed: await cursedSubjects(target, chain.provider, names, chain.profile.logArchive),
        }
      } finally {
        disconnect(chain)
      }
    }),
  )
}
