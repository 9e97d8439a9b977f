import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs'
import { CcipError, ErrorCode } from '../errors.js'
import { archiveLines, CHUNK, lineHead, linesHolding, topicMatcher } from './archive-lines.js'

/**
 * The logs of a local chain's old blocks, kept by us because anvil does not keep them: the
 * stack's chains run with --transaction-block-keeper, which drops every transaction (receipts,
 * logs, traces) of blocks older than the last 500 (DEFAULTS.keepBlocks), so that an anvil's
 * memory and its saved state stop growing with each message. The node process appends each block's logs here
 * before anvil drops them (nodes/archiver.ts); every reader of a local chain's logs takes blocks
 * up to the archive's checkpoint from this file and newer ones from anvil (`withArchive`).
 *
 * One JSON document per line, in block order: a log
 * `{"b":block,"i":logIndex,"a":address,"t":[topics],"d":data,"x":txHash,"h":blockHash,"s":timestamp}`,
 * a block `{"n":block,"s":timestamp}` ahead of its logs (archive-blocks.ts: saved chains drop
 * the headers of archived blocks), or a checkpoint `{"to":block}` once every line up to that
 * block is written. Lines after the last checkpoint are an unfinished write (a crash) and never read.
 */
export interface ArchivedLog {
  address: string
  topics: string[]
  data: string
  blockNumber: number
  logIndex: number
  transactionHash: string
  blockHash: string
  /** Unix seconds of the block. */
  blockTimestamp: number
}

export interface ArchiveFilter {
  /** Addresses in any case; omitted: any. */
  address?: string | string[]
  topics?: (string | string[] | null)[]
  fromBlock: number
  toBlock: number
}

// The address and topics come before the data: readArchive searches only a line's head for them.
export const archiveLine = (l: ArchivedLog): string =>
  `${JSON.stringify({ b: l.blockNumber, i: l.logIndex, a: l.address.toLowerCase(), t: l.topics.map((t) => t.toLowerCase()), d: l.data, x: l.transactionHash, h: l.blockHash, s: l.blockTimestamp })}\n`

export const checkpointLine = (to: number): string => `{"to":${to}}\n`

interface Line {
  b: number
  i: number
  a: string
  t: string[]
  d: string
  x: string
  h: string
  s: number
}

/** The end of the last checkpoint (bytes) and the block it covers; -1 when nothing is archived. */
export function archiveEnd(file: string): { bytes: number; to: number } {
  if (!existsSync(file)) return { bytes: 0, to: -1 }
  const size = statSync(file).size
  const fd = openSync(file, 'r')
  try {
    // Walk back to the last complete `{"to":N}\n` (a torn one at the very end is an unfinished
    // write): almost always the file's last line, so the first read is small. Reads overlap by
    // 64 bytes: a checkpoint on a boundary is read whole.
    for (let end = size, span = 4096; end > 0; span = CHUNK) {
      const start = Math.max(0, end - span)
      const buffer = Buffer.alloc(end - start)
      readSync(fd, buffer, 0, buffer.length, start)
      const text = buffer.toString('latin1')
      for (let at = text.lastIndexOf('{"to":'); at >= 0; at = text.lastIndexOf('{"to":', at - 1)) {
        const close = text.indexOf('}\n', at)
        if (close >= 0) return { bytes: start + close + 2, to: Number(text.slice(at + 6, close)) }
        if (at === 0) break
      }
      if (start === 0) break
      end = start + 64
    }
    return { bytes: 0, to: -1 }
  } finally {
    closeSync(fd)
  }
}

/**
 * Archived logs in [fromBlock, toBlock] matching the filter (the range must be ≤ the checkpoint);
 * `end` when the caller has just read it.
 */
export function readArchive(file: string, filter: ArchiveFilter, end = archiveEnd(file)): ArchivedLog[] {
  const { bytes } = end
  if (bytes === 0 || filter.toBlock < filter.fromBlock) return []
  const addresses =
    filter.address === undefined ? undefined : [filter.address].flat().map((a) => a.toLowerCase())
  // Each specific topic must appear in the line's text (a query by messageId names one line in thousands).
  const topicTexts = (filter.topics ?? [])
    .filter((t): t is string | string[] => t !== null)
    .map((t) => [t].flat().map((v) => v.toLowerCase()))
  const topicsMatch = topicMatcher(filter.topics)
  const addressSet = addresses === undefined ? undefined : new Set(addresses)
  const wanted = (address: string) => addressSet === undefined || addressSet.has(address)
  const logs: ArchivedLog[] = []
  // A line must hold one of these strings: found by a byte search, without a string per line. The
  // position with the fewest values, the later on a tie (an id is rarer than an event's topic).
  const needles =
    topicTexts.length === 0
      ? addresses
      : topicTexts.reduce((best, any) => (any.length <= best.length ? any : best))
  const lines =
    needles === undefined
      ? archiveLines(file, bytes, filter.fromBlock)
      : linesHolding(file, bytes, filter.fromBlock, needles)
  for (const text of lines) {
    if (text.startsWith('{"to":') || text.startsWith('{"n":')) continue
    // The address and topics are checked before the line is parsed: most lines are other
    // contracts' logs or other events, and parsing a line copies its data.
    const head = lineHead(text)
    if (head !== undefined && !(wanted(head.address) && topicsMatch(head.topics))) continue
    const line = JSON.parse(text) as Line
    if (line.b < filter.fromBlock) continue
    if (line.b > filter.toBlock) break
    if (head === undefined && !(wanted(line.a) && topicsMatch(line.t))) continue
    logs.push({
      address: line.a,
      topics: line.t,
      data: line.d,
      blockNumber: line.b,
      logIndex: line.i,
      transactionHash: line.x,
      blockHash: line.h,
      blockTimestamp: line.s,
    })
  }
  return logs
}

/**
 * eth_getLogs over a local chain with an archive: blocks up to the archive's checkpoint come from
 * the file, newer ones from `rpc` (called with the first block the archive did not hold). The
 * one place that splits a range; every log reader of local chains goes through it.
 *
 * The split is taken twice, around the node's answer. While the node answers, the archiver may
 * archive more blocks and the chain may mine on and drop those blocks' logs (anvil keeps only the
 * newest `keepBlocks`; the archiver is 1/5 of that behind). The node's answer can then lack logs
 * of blocks that the archive gained meanwhile: so every block up to the checkpoint as it is
 * *after* the answer comes from the archive, and only newer blocks from the node. A block the
 * node dropped before answering was archived before it was dropped (the miner waits for the
 * archiver), so it is at or below that checkpoint.
 */
export async function withArchive<T extends { blockNumber: number }>(
  archive: string | undefined,
  filter: Omit<ArchiveFilter, 'toBlock'> & { toBlock?: number },
  rpc: (fromBlock: number) => Promise<T[]>,
  convert: (log: ArchivedLog) => T,
): Promise<T[]> {
  if (archive === undefined) return rpc(filter.fromBlock)
  // The node process creates each archive when it starts: a missing one was moved or deleted, and
  // reading on without it would report old messages as never sent (an RMN node would curse).
  if (!existsSync(archive)) {
    throw new CcipError(ErrorCode.StackState, `the log archive ${archive} is missing`, {
      hint: 'put the file back, or start over: `ccip local up --fresh` (or `ccip local reset`) discards the saved stack',
    })
  }
  const fromArchive = (end: { bytes: number; to: number }) =>
    readArchive(archive, { ...filter, toBlock: Math.min(filter.toBlock ?? end.to, end.to) }, end).map(convert)
  const before = archiveEnd(archive)
  if (filter.toBlock !== undefined && filter.toBlock <= before.to) return fromArchive(before)
  const fresh = await rpc(Math.max(filter.fromBlock, before.to + 1))
  const after = archiveEnd(archive)
  // Cut back meanwhile (a stack snapshot reverted): blocks between the two checkpoints are the
  // node's again, and its answer started above them; read the whole range anew.
  if (after.to < before.to) return withArchive(archive, filter, rpc, convert)
  const old = filter.fromBlock <= after.to ? fromArchive(after) : []
  return [...old, ...fresh.filter((l) => l.blockNumber > after.to)]
}
