import { closeSync, openSync, readSync } from 'node:fs'
import { archiveLines } from './archive-lines.js'
import { archiveEnd } from './log-archive.js'

/**
 * The blocks in a log archive (log-archive.ts has the format): a `{"n":block,"s":timestamp}` line
 * ahead of each archived block's logs. A saved chain keeps only the headers of its recent blocks
 * (stack/slim-dump.ts): anvil spends ~10 KB of memory on every header it holds, and a day of
 * 0.2 s blocks is 432,000 of them. Readers ask the archive for the time of an older block.
 */

export const blockLine = (block: number, timestamp: number): string => `{"n":${block},"s":${timestamp}}\n`

/** Unix seconds of an archived block; undefined when the archive has no line for it. */
export function archivedBlockTime(file: string, block: number, end = archiveEnd(file)): number | undefined {
  if (block > end.to || end.bytes === 0) return undefined
  for (const text of archiveLines(file, end.bytes, block)) {
    const m = /^\{"(b|n)":(\d+)(?:,"s":(\d+))?/.exec(text)
    if (m === null) continue
    const n = Number(m[2])
    if (n > block) return undefined
    if (n === block && m[1] === 'n') return Number(m[3])
  }
  return undefined
}

/**
 * The first block the archive has a block line for; undefined when it has none (empty, or begun
 * before archives recorded blocks: from there on it has one for every archived block).
 */
export function firstArchivedBlock(file: string): number | undefined {
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch {
    return undefined
  }
  try {
    const start = Buffer.alloc(64)
    const n = readSync(fd, start, 0, start.length, 0)
    const m = /^\{"n":(\d+),/.exec(start.toString('utf8', 0, n))
    return m === null ? undefined : Number(m[1])
  } finally {
    closeSync(fd)
  }
}
