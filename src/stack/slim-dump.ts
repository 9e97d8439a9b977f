/**
 * Dropping old block headers from an anvil state dump (the JSON `anvil_dumpState` returns and
 * `--load-state` reads). anvil keeps every block it ever mined, ~10 KB of memory each even once
 * --transaction-block-keeper has emptied it, and dumps them all: a chain restored from a slimmed
 * dump holds only the headers of its recent blocks, so neither its memory nor the next dump grows
 * with its age. The chain's blocks and their hashes stay what they were; an old block is no longer
 * served (eth_getBlockByNumber answers null), and readers take its time from the log archive.
 *
 * The dump is scanned, not parsed: at tens of MB, JSON.parse in the node process would cost more
 * time and memory than the cut itself. Anything not shaped as expected leaves the dump as it was.
 */

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN = 0x7b
const CLOSE = 0x7d
const COMMA = 0x2c
const ARRAY_END = 0x5d

/**
 * `dump` without the blocks for which `drop(number)` is true and that carry no transactions;
 * the same Buffer when nothing is dropped or the dump is not shaped as expected.
 */
export function slimDump(dump: Buffer, drop: (block: number) => boolean): Buffer {
  const key = dump.indexOf('"blocks":[')
  if (key < 0) return dump
  const first = key + '"blocks":['.length
  const kept: Buffer[] = [dump.subarray(0, first)]
  let dropped = 0
  let at = first
  let separator = false
  while (dump[at] === OPEN) {
    const end = objectEnd(dump, at)
    if (end < 0) return dump
    const block = dump.subarray(at, end)
    const number = headerNumber(block)
    if (number === undefined) return dump
    if (drop(number) && block.includes('"transactions":[]')) dropped++
    else {
      if (separator) kept.push(Buffer.from(','))
      kept.push(block)
      separator = true
    }
    at = end
    if (dump[at] === COMMA) at++
  }
  if (dump[at] !== ARRAY_END) return dump
  if (dropped === 0) return dump
  kept.push(dump.subarray(at))
  return Buffer.concat(kept)
}

/** The offset just past the JSON object that opens at `start`; -1 if it never closes. */
function objectEnd(buf: Buffer, start: number): number {
  let depth = 0
  for (let i = start; i < buf.length; i++) {
    const c = buf[i]
    if (c === QUOTE) {
      // Skip the string (anvil writes hex and keys; escapes handled all the same).
      for (i++; i < buf.length && buf[i] !== QUOTE; i++) if (buf[i] === BACKSLASH) i++
    } else if (c === OPEN || c === 0x5b) depth++
    else if (c === CLOSE || c === ARRAY_END) {
      depth--
      if (depth === 0) return i + 1
    }
  }
  return -1
}

/** The number of a serialized block: its header comes first, and the header's number is its first. */
function headerNumber(block: Buffer): number | undefined {
  const at = block.indexOf('"number":"0x')
  if (at < 0) return undefined
  const from = at + '"number":"'.length
  const to = block.indexOf(QUOTE, from)
  const n = Number(block.toString('latin1', from, to))
  return Number.isSafeInteger(n) ? n : undefined
}
