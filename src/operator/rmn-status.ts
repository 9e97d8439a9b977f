import { connectChain, disconnect } from '../chain/connect.js'
import type { Profile } from '../profiles/profile.js'
import { laneSubject } from '../protocol/rmn-subjects.js'
import { type CursedSubject, cursedSubjects, curseTarget } from './rmn.js'

export interface ChainCurses {
  chain: string
  rmnRemote: string
  /** Our CurseAuthority (fSign+1 RMN votes or the operator), or null when an owner key curses. */
  authority: string | null
  cursed: CursedSubject[]
}

/** The cursed subjects of every chain, with who cursed and why where the chain recorded it. */
export async function rmnStatus(profiles: Profile[]): Promise<ChainCurses[]> {
  const names = new Map(profiles.map((p) => [laneSubject(BigInt(p.selector)), p.name]))
  return Promise.all(
    profiles.map(async (profile) => {
      const chain = connectChain(profile)
      try {
        const target = await curseTarget(chain)
        return {
          chain: profile.name,
          rmnRemote: target.rmnRemote,
          authority: target.authority ?? null,
          cursed: await cursedSubjects(target, chain.provider, names, chain.profile.logArchive),
        }
      } finally {
        disconnect(chain)
      }
    }),
  )
}
