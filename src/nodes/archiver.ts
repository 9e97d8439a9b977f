import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readSync, truncateSync } from 'node:fs'
import { appendFile } from 'node:fs/promises'
import { blockLine } from '../chain/archive-blocks.js'
import { lineStartAtOrBefore } from '../chain/archive-lines.js'
import { Chain } from '../chain/chain.js'
import { archiveEnd, archiveLine, checkpointLine } from '../chain/log-archive.js'
import { archiveFile, type StackPaths } from '../stack/paths.js'
import type { NodeChain } from './context.js'
import { Exclusive } from './exclusive.js'

/** Blocks read per eth_getLogs while catching up (after a long stop, or from a fresh archive). */
const WINDOW = 2_000

/**
 * Writes each chain's log archive (chain/log-archive.ts explains why there is one): every step,
 * the logs of blocks that are `keepBlocks / 5` blocks from falling out of anvil's window, then a
 * checkpoint. That deep, a block is far below any reorg anvil can still make (it keeps fewer
 * states than that), so the archive never holds a replaced block. The miner asks `mayMine` before
 * each block: a chain whose archive is behind (a full disk) stops instead of dropping logs no one
 * has kept.
 */
export class LogArchiver {
  private readonly archivedTo = new Map<string, number>()
  /** A step and a rewind never interleave. */
  private readonly writing = new Exclusive()
  /** Why the last step failed; null once one succeeds. */
  error: string | null = null
  /** The archiver's own access to each chain: the node itself, never the archive it writes. */
  private readonly access = new Map<string, Chain>()

  constructor(
    private readonly paths: StackPaths,
    private readonly chains: readonly NodeChain[],
    private readonly keepBlocks: number,
  ) {
    mkdirSync(paths.archiveDir, { recursive: true })
    for (const chain of chains) {
      this.access.set(chain.name, new Chain({ name: chain.name, rpcUrl: chain.rpcUrl, local: true }))
      const file = archiveFile(paths, chain.name)
      const end = archiveEnd(file)
      // Whatever follows the last checkpoint is a write a crash cut short: it is written again.
      // Readers take a missing archive for a damaged one (log-archive.ts): an empty one is created.
      if (existsSync(file)) truncateSync(file, end.bytes)
      else closeSync(openSync(file, 'a'))
      this.archivedTo.set(chain.name, end.to)
    }
  }

  /** Whether mining `chain`'s next block keeps every dropped block archived. */
  mayMine(chain: string, head: number): boolean {
    return head + 1 - this.keepBlocks <= (this.archivedTo.get(chain) ?? -1)
  }

  /**
   * After the chains were reverted to `heads` (a stack snapshot): drop what each archive holds of
   * later blocks, which the chains no longer have. Blocks up to the head are the same blocks as
   * before and stay (anvil may have dropped their transactions since: the archive is then their
   * only record).
   */
  rewind(heads: Record<string, number>): Promise<void> {
    return this.writing.run(async () => {
      for (const [chain, head] of Object.entries(heads)) {
        if ((this.archivedTo.get(chain) ?? -1) <= head) continue
        cutArchiveAfter(archiveFile(this.paths, chain), head)
        this.archivedTo.set(chain, head)
      }
    })
  }

  step(): Promise<boolean> {
    return this.writing.run(() => this.stepOnce())
  }

  private async stepOnce(): Promise<boolean> {
    try {
      const wrote = await Promise.all(this.chains.map((c) => this.catchUp(c)))
      this.error = null
      return wrote.some(Boolean)
    } catch (error) {
      this.error = error instanceof Error ? error.message.split('\n')[0]! : String(error)
      throw error
    }
  }

  private async catchUp(chain: NodeChain): Promise<boolean> {
    const access = this.access.get(chain.name)!
    const head = await access.head()
    const target = head - Math.ceil((this.keepBlocks * 4) / 5)
    const from = (this.archivedTo.get(chain.name) ?? -1) + 1
    if (target < from) return false
    for (let start = from; start <= target; start += WINDOW) {
      const end = Math.min(target, start + WINDOW - 1)
      const logs = await access.logs({ topics: [], fromBlock: start, toBlock: end })
      // A block anvil no longer has would leave a hole in the archive: timestamp() throws for it.
      const times = await Promise.all(
        Array.from({ length: end - start + 1 }, (_, i) => access.timestamp(start + i)),
      )
      const lines = times.map((time, i) => blockLine(start + i, time))
      // After its block's line: logs come in block order, so one pass interleaves them.
      let next = 0
      const logLines = logs.map((l) =>
        archiveLine({
          address: l.address,
          topics: l.topics,
          data: l.data,
          blockNumber: l.blockNumber,
          logIndex: l.logIndex,
          transactionHash: l.transactionHash,
          blockHash: l.blockHash ?? '',
          blockTimestamp: times[l.blockNumber - start] ?? 0,
        }),
      )
      const out: string[] = []
      for (const [i, line] of lines.entries()) {
        out.push(line)
        while (next < logs.length && logs[next]!.blockNumber === start + i) out.push(logLines[next++]!)
      }
      if (next !== logs.length)
        throw new Error(`eth_getLogs on ${chain.name} answered logs outside ${start}–${end}`)
      await appendFile(archiveFile(this.paths, chain.name), out.join('') + checkpointLine(end))
      this.archivedTo.set(chain.name, end)
    }
    return true
  }
}

/** Truncate an archive just before its first line of a block after `block`, and checkpoint `block`. */
function cutArchiveAfter(file: string, block: number): void {
  const { bytes } = archiveEnd(file)
  const fd = openSync(file, 'r')
  let cut = bytes
  try {
    let offset = lineStartAtOrBefore(fd, bytes, block + 1)
    scan: while (offset < bytes) {
      const buffer = Buffer.alloc(Math.min(1 << 20, bytes - offset))
      readSync(fd, buffer, 0, buffer.length, offset)
      // Archive lines are ASCII: a character is a byte.
      const text = buffer.toString('latin1')
      let at = 0
      for (let end = text.indexOf('\n'); end >= 0; at = end + 1, end = text.indexOf('\n', at)) {
        const n = Number(/^\{"(?:b|n|to)":(\d+)/.exec(text.slice(at, at + 32))?.[1] ?? -1)
        if (n > block) {
          cut = offset + at
          break scan
        }
      }
      if (at === 0) break // one line longer than the buffer: cannot happen (lines ≪ 1 MiB)
      offset += at
    }
  } finally {
    closeSync(fd)
  }
  truncateSync(file, cut)
  appendFileSync(file, checkpointLine(block))
}
