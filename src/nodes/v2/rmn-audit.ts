import { httpGet } from '../../chain/http.js'
import { EVENT_TOPICS_V2 } from '../../protocol/v2/events.js'
import { messageFromJson, parseJsonExact } from '../../protocol/v2/message-json.js'
import { encodeMessageV1, messageIdV1 } from '../../protocol/v2/message-v1.js'
import { decodeExecutionChangedV2 } from '../../protocol/v2/sent-event.js'
import type { NodeChain } from '../context.js'
import { type Heads, heightOf } from '../heads.js'
import type { RmnAuditor } from './rmn-auditor.js'

/**
 * The RMN's two audits of 2.0 lanes, each over its own connections, each voting to curse the lane
 * of a message its source never sent (rmn-auditor.ts):
 * - ResultAudit: every verifier result the indexer serves, read as any client reads it (HTTP),
 *   before an executor acts on it;
 * - ExecutionAudit: every 2.0 execution on a destination, whoever submitted it (a forged result
 *   need not pass through any indexer).
 */

/** Results per request (Chainlink's indexer caps a page at 1,000). */
const PAGE = 1000

export class ResultAudit {
  /** Results are asked for from this ingestion time (ms) on; ids seen at or after it are skipped. */
  private cursor = 0
  private readonly seen = new Map<string, number>()

  constructor(
    private readonly auditor: RmnAuditor,
    private readonly indexerUrl: string,
  ) {}

  async step(): Promise<boolean> {
    let newest = this.cursor
    for (let offset = 0; ; offset += PAGE) {
      const url = `${this.indexerUrl}/v1/verifierresults?start=${this.cursor}&limit=${PAGE}&offset=${offset}`
      const res = await httpGet(url)
      if (res.status !== 200) throw new Error(`the indexer answered ${res.status} to ${url}`)
      const body = parseJsonExact(res.text) as { verifierResults?: Record<string, ResultEntry[]> }
      const entries = Object.entries(body.verifierResults ?? {})
      for (const [key, results] of entries) {
        const id = key.toLowerCase()
        const at = Math.max(0, ...results.map((r) => Date.parse(r.metadata?.ingestionTimestamp ?? '') || 0))
        newest = Math.max(newest, at)
        if (this.seen.has(id)) continue
        this.seen.set(id, at)
        for (const entry of results) await this.audit(id, entry)
      }
      if (entries.length < PAGE) break
    }
    // Only ids at the new cursor can come back in the next answer.
    for (const [id, at] of this.seen) if (at < newest) this.seen.delete(id)
    this.cursor = newest
    return false
  }

  private async audit(id: string, entry: ResultEntry): Promise<void> {
    const { index, health } = this.auditor.node
    let source: bigint
    let dest: bigint
    try {
      const message = messageFromJson(entry.verifierResult?.message)
      source = message.sourceChainSelector
      dest = message.destChainSelector
      // The signatures attest the id; a message that does not hash to it is the indexer's mistake.
      if (messageIdV1(encodeMessageV1(message)) !== id) {
        health.lastError = `rmn ${index}: indexer result ${id} carries a message with another id`
      }
    } catch (error) {
      health.lastError = `rmn ${index}: indexer result ${id} unreadable: ${(error as Error).message}`
      return
    }
    const problem = await this.auditor.problemWith(source, dest, id)
    if (problem !== undefined)
      await this.auditor.vote(dest, source, id, `2.0 verifier result not backed by the source: ${problem}`)
  }
}

interface ResultEntry {
  verifierResult?: { message?: unknown }
  metadata?: { ingestionTimestamp?: string }
}

export class ExecutionAudit {
  private scannedTo = -1

  constructor(
    private readonly auditor: RmnAuditor,
    private readonly dest: NodeChain,
    private readonly heads: Heads,
  ) {}

  async step(): Promise<boolean> {
    const access = this.auditor.access(this.dest.name)
    const latest = await heightOf(access, this.heads)
    if (latest <= this.scannedTo) return false
    const logs = await access.logs({
      address: this.dest.v2!.offRamp,
      topics: [EVENT_TOPICS_V2.executionStateChanged],
      fromBlock: this.scannedTo + 1,
      toBlock: latest,
    })
    this.scannedTo = latest
    for (const log of logs) {
      const { sourceChainSelector: source, messageId } = decodeExecutionChangedV2(log)
      const problem = await this.auditor.problemWith(source, this.dest.selector, messageId)
      if (problem !== undefined)
        await this.auditor.vote(
          this.dest.selector,
          source,
          messageId,
          `2.0 execution not backed by the source: ${problem}`,
        )
    }
    return false
  }
}
