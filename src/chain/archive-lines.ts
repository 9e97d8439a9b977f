import { closeSync, openSync, readSync } from 'node:fs'

/**
 * Reading a log archive's lines (log-archive.ts has the format): all of them from a block on, or
 * only those holding given strings, found by a native byte search; a line's address and topics
 * without parsing it; eth_getLogs topic rules; where a block's lines start.
 */

/** Bytes read at a time: every line of a range, a checkpoint or a block's first line looked for. */
export const CHUNK = 1 << 20
/** Bytes a search reads at a time: large, so the native search runs long between JS steps. */
const SEARCH_CHUNK = 8 << 20

/**
 * A log line's address and topics, read from its head without parsing the line: archiveLine
 * writes `{"b":…,"i":…,"a":"0x…","t":["0x…",…],"d":…`. Undefined for a line not in that shape.
 */
export function lineHead(text: string): { address: string; topics: string[] } | undefined {
  const a = text.indexOf('"a":"')
  const t = text.indexOf('"t":[', a)
  const end = text.indexOf(']', t)
  if (a < 0 || t !== a + 49 || end < 0) return undefined
  const list = text.slice(t + 5, end)
  return { address: text.slice(a + 5, a + 47), topics: list === '' ? [] : list.slice(1, -1).split('","') }
}

/**
 * The archive's lines up to byte `bytes` (its last checkpoint), from a line at or before the
 * first of `block` on. A consumer that stops early closes the file (the generator's finally).
 */
export function* archiveLines(file: string, bytes: number, block: number): Generator<string> {
  const fd = openSync(file, 'r')
  try {
    let offset = lineStartAtOrBefore(fd, bytes, block)
    let rest = ''
    while (offset < bytes) {
      const buffer = Buffer.alloc(Math.min(CHUNK, bytes - offset))
      readSync(fd, buffer, 0, buffer.length, offset)
      offset += buffer.length
      const lines = (rest + buffer.toString('utf8')).split('\n')
      rest = lines.pop() ?? ''
      yield* lines
    }
  } finally {
    closeSync(fd)
  }
}

/**
 * The archive's lines (up to byte `bytes`, from a line at or before the first of `block`) that
 * contain any of `needles` (ASCII, lower case as the archive writes topics and addresses), in
 * file order. A history read wants a few percent of a local chain's lines: searching the bytes
 * natively and decoding only the lines hit is several times faster than splitting them all.
 */
export function* linesHolding(
  file: string,
  bytes: number,
  block: number,
  needles: string[],
): Generator<string> {
  const patterns = needles.map((n) => Buffer.from(n, 'latin1'))
  const fd = openSync(file, 'r')
  try {
    let offset = lineStartAtOrBefore(fd, bytes, block)
    let carry = Buffer.alloc(0)
    while (offset < bytes) {
      // The carried part first, then the next chunk read in behind it (no copy of the chunk).
      const size = Math.min(SEARCH_CHUNK, bytes - offset)
      const buffer = Buffer.allocUnsafe(carry.length + size)
      carry.copy(buffer)
      readSync(fd, buffer, carry.length, size, offset)
      offset += size
      // Only whole lines are searched; the rest is carried to the next chunk (no line contains '\n').
      const whole = buffer.lastIndexOf(NEWLINE) + 1
      const starts = new Set<number>()
      for (const p of patterns)
        for (let at = buffer.indexOf(p); at >= 0 && at < whole; at = buffer.indexOf(p, at + p.length))
          starts.add(buffer.lastIndexOf(NEWLINE, at) + 1)
      for (const start of [...starts].sort((a, b) => a - b))
        yield buffer.toString('latin1', start, buffer.indexOf(NEWLINE, start))
      carry = Buffer.from(buffer.subarray(whole))
    }
  } finally {
    closeSync(fd)
  }
}

const NEWLINE = 0x0a

/**
 * eth_getLogs topic rules as a test of an archived line's topics (lower case): per position null
 * matches anything, a list matches any of its entries. Built once per read, not once per line.
 */
export function topicMatcher(
  wanted: readonly (string | readonly string[] | null)[] | undefined,
): (topics: string[]) => boolean {
  const positions = (wanted ?? []).map((want) =>
    want === null ? undefined : new Set([want].flat().map((w) => w.toLowerCase())),
  )
  return (topics) =>
    positions.every((any, i) => {
      if (any === undefined) return true
      const have = topics[i]
      return have !== undefined && any.has(have)
    })
}

/**
 * A line start at or before the first log of `block`: binary search over byte offsets (lines are
 * in block order), so reading recent blocks of a long archive does not read it all.
 */
export function lineStartAtOrBefore(fd: number, bytes: number, block: number): number {
  let lo = 0
  let hi = bytes
  // Larger than most lines (a message with 30 KB of data is a 60 KB line), so a probe finds a line start.
  const probe = Buffer.alloc(128 * 1024)
  while (hi - lo > CHUNK) {
    const mid = Math.floor((lo + hi) / 2)
    const n = readSync(fd, probe, 0, probe.length, mid)
    const text = probe.toString('latin1', 0, n)
    const start = text.indexOf('\n')
    const m = /^\{"(?:b|n|to)":(\d+)/.exec(text.slice(start + 1))
    if (start < 0 || m === null) break
    // The first whole line after `mid` starts at mid + start + 1; its block decides the side.
    if (Number(m[1]) < block) lo = mid + start + 1
    else hi = mid
  }
  return lo
}
