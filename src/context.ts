import { join } from 'node:path'
import type { ChainPool } from './chain/profile-chain.js'
import { emptyHistoryCache, type HistoryCache } from './history/cache.js'
import type { MessageMemos } from './messages/status.js'
import type { ProfileSnapshot } from './profiles/read.js'

/**
 * What the library's actions read from, built once per command run or API client: the profiles,
 * the chains opened so far (their caches), what is known of messages, and where sends from one
 * account take turns. Nothing below this reads a home directory of its own, and two contexts in
 * one process share nothing.
 */
export interface CcipContext {
  /** Where the profiles, the account locks and the local stack live. */
  readonly home: string
  /** The chain profiles as stored now (another terminal may add one while a watch runs). */
  profiles(): Promise<ProfileSnapshot>
  /** Every chain this context opened, by RPC URL and Router, with its caches. */
  readonly chains: ChainPool
  /** Messages located so far: repeated reads (a watch, a wait) find the send and commit once. */
  readonly memos: MessageMemos
  /** Shared with every `ccip` on the same home: parallel sends from one account take turns. */
  readonly accountLocks: string
  /** The message history read so far (`ccip stats`, the explorer): each chain's digest. */
  readonly history: HistoryCache
}

export interface ContextOptions {
  /** Leave the local stack's profiles out (reads while it is stopped: real networks only). */
  skipLocal?: boolean
}

export function createContext(home: string, options: ContextOptions = {}): CcipContext {
  return {
    home,
    // Loaded on first use: commands that never read profiles (`local …`, `--help`) do not load the reader.
    profiles: async () => {
      const { readProfiles, withoutLocal } = await import('./profiles/read.js')
      const all = await readProfiles(home)
      return options.skipLocal === true ? withoutLocal(all) : all
    },
    chains: new Map(),
    memos: new Map(),
    accountLocks: join(home, 'locks'),
    history: emptyHistoryCache(),
  }
}

/** A whole stack went back to a snapshot: what the context knew of its chains is no longer true. */
export function forgetChainState(ctx: CcipContext): void {
  ctx.memos.clear()
  ctx.chains.clear()
  ctx.history.digests.clear()
}
