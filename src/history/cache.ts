import type { HistoryColumns } from './columns.js'
import type { ChainDigest } from './digest.js'

/** What a context knows of the history between calls (a live explorer asks every second). */
export interface HistoryCache {
  /** Per chain (profile name): the digest last read, or the read under way. */
  digests: Map<string, ChainDigest>
  reading: Map<string, Promise<{ digest: ChainDigest; records: HistoryColumns; head: number }>>
  /** `chain:pool` → the pool's token (a pool's token never changes). */
  poolTokens: Map<string, string>
}

// Its own small module: every command builds a context, and none should load the history's code for it.
export const emptyHistoryCache = (): HistoryCache => ({
  digests: new Map(),
  reading: new Map(),
  poolTokens: new Map(),
})
