import { CcipClient } from '../api/client.js'
import type { HistoryFilter, HistoryMessage } from '../history/types.js'
import type { MessageStatusResult } from '../messages/status.js'
import type { Overview } from '../operator/dashboard.js'
import type { MessageState } from '../protocol/status.js'
import type { StatsReport } from '../stats/types.js'
import type { Erc20Info } from '../tokens/erc20-info.js'
import { stackNotRunning } from './errors.js'

/** The message list's query, as CcipClient.messageHistory takes it. */
export type HistoryQuery = HistoryFilter & { sender?: string; state?: MessageState; limit?: number }

/**
 * What the explorer reads, all through the library's client. Reads are shared for a moment: ten
 * open tabs polling every second cost the chains one read per interval, not ten, and a read in
 * flight is joined rather than repeated.
 */
export class ExplorerSource {
  private client: CcipClient
  /** Reads while the local stack is stopped: the home's real networks only. */
  private readonly remote: CcipClient
  private stackStopped = false
  private readonly reads = new Map<string, { at: number; value: Promise<unknown> }>()
  /** The last list read that succeeded, per query: a page opens with it (see listForPage). */
  private readonly lastList = new Map<string, { at: number; rows: HistoryMessage[] }>()

  constructor(private readonly home: string) {
    this.client = new CcipClient({ home })
    this.remote = new CcipClient({ home, skipLocal: true })
  }

  overview(): Promise<Overview> {
    return this.shared('overview', 250, () => this.client.overview())
  }

  messages(q: HistoryQuery): Promise<HistoryMessage[]> {
    return this.shared(`messages ${JSON.stringify(q)}`, 500, () =>
      this.chains((client) => client.messageHistory(q)),
    )
  }

  /**
   * The rows a new page of the list opens with: the last read of the same query when it is a few
   * seconds old at most (a new read starts behind it, and the page's first poll, a second later,
   * brings it), else a read now. The page paints at once instead of after a history read.
   */
  async listForPage(q: HistoryQuery): Promise<HistoryMessage[]> {
    const last = this.lastList.get(JSON.stringify(q))
    if (last !== undefined && Date.now() - last.at < 5_000) {
      this.messages(q).catch(() => {})
      return last.rows
    }
    return this.messages(q)
  }

  /** One message; a final one never changes, and the client remembers its send and commit. */
  message(messageId: string): Promise<MessageStatusResult> {
    return this.shared(`message ${messageId}`, 300, () =>
      this.chains(async (client) => {
        const status = await client.status(messageId)
        // Not on a real network: it may well be on the stopped stack's chains.
        if (status.state === 'UNKNOWN' && client === this.remote) throw stackNotRunning()
        return status
      }),
    )
  }

  stats(filter: HistoryFilter): Promise<StatsReport> {
    return this.shared(`stats ${JSON.stringify(filter)}`, 2_000, () =>
      this.chains((client) => client.stats(filter)),
    )
  }

  /** A token's symbol and decimals, read once (they never change; a reset stack is forgotten). */
  tokenInfo(chain: string, token: string): Promise<Erc20Info | null> {
    return this.shared(`token ${chain} ${token}`, Number.POSITIVE_INFINITY, () =>
      this.chains((client) => client.tokenInfo(chain, token)),
    )
  }

  /**
   * The local stack went away: what the client knew of its chains (blocks, sends, commits) may
   * not hold for the stack that comes back (`local reset`), so the next read starts afresh.
   */
  forget(): void {
    this.client = new CcipClient({ home: this.home })
    this.reads.clear()
    this.lastList.clear()
  }

  /** The local stack's profiles remain but its chains are down. */
  async localStackStopped(): Promise<boolean> {
    return (await this.client.localStack()) === 'stopped'
  }

  /**
   * A read over the profiles' chains. While the local stack is stopped its chains are left out
   * (their closed ports would only be retried for seconds: a chain restart looks the same) and the
   * home's real networks are still read; with none, the read is refused at once. The overview
   * needs no such guard: it leaves a stopped stack out by itself.
   */
  private async chains<T>(read: (client: CcipClient) => Promise<T>): Promise<T> {
    const stopped = await this.localStackStopped()
    if (stopped !== this.stackStopped) {
      this.stackStopped = stopped
      this.forget()
    }
    if (!stopped) return read(this.client)
    // While stopped, the overview's chains are the real networks with a Router.
    if ((await this.overview()).chains.length === 0) throw stackNotRunning()
    return read(this.remote)
  }

  private shared<T>(key: string, ttlMs: number, work: () => Promise<T>): Promise<T> {
    const now = Date.now()
    const hit = this.reads.get(key)
    // CAST: each key is only stored by the one method that reads it back, with its own type.
    if (hit !== undefined && now - hit.at < ttlMs) return hit.value as Promise<T>
    if (this.reads.size > 256) {
      for (const [k, v] of this.reads) if (now - v.at >= 2_000) this.reads.delete(k)
    }
    const value = work()
    this.reads.set(key, { at: now, value })
    // A failure is not kept: the next poll asks again (the stack may be back).
    value.catch(() => {
      if (this.reads.get(key)?.value === value) this.reads.delete(key)
    })
    return value
  }
}
