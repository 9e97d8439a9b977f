import type { ChainRecords } from './records.js'

/**
 * A chain's history records as columns, the form a digest is kept in (on disk and in memory).
 * 100,000 messages as a few dozen arrays and long strings parse and join many times faster than
 * as 300,000 small objects, and take a third of the space. Strings that repeat (addresses,
 * selectors, failure reasons) are indexes into `strings`; 32-byte hashes are concatenated, 64
 * hex digits each without `0x` (`hashAt`). Row i of every column of a table is one record.
 */
export interface HistoryColumns {
  strings: string[]
  sends: SendColumns
  execs: ExecColumns
  commits: CommitColumns
}

interface AtColumns {
  /** Block number, unix seconds of the block, transaction hash. */
  b: number[]
  ts: number[]
  tx: string
}

export interface SendColumns extends AtColumns {
  id: string
  /** 1 for a 2.0 send, 0 for 1.6. */
  v2: number[]
  /** String indexes: the destination selector, the OnRamp, sender, receiver and fee token. */
  dest: number[]
  onRamp: number[]
  sender: number[]
  receiver: number[]
  feeToken: number[]
  seq: number[]
  fee: string[]
  /** How many token transfers each send has; the transfers follow in send order. */
  transfers: number[]
  /** String index: the source pool of a 1.6 transfer, the source token of a 2.0 one. */
  transferRef: number[]
  transferAmount: string[]
}

export interface ExecColumns extends AtColumns {
  id: string
  /** String index of the source selector. */
  src: number[]
  /** 1 for SUCCESS, 0 for FAILURE. */
  success: number[]
  /** String index of a failed attempt's decoded reason; -1 for a success. */
  reason: number[]
}

export interface CommitColumns extends AtColumns {
  /** String indexes: the source selector, the on-ramp as the OffRamp knows it (32-byte padded). */
  src: number[]
  onRamp: number[]
  min: number[]
  max: number[]
  /** 1 for a blessed root. */
  blessed: number[]
}

const HASH_DIGITS = 64

/** The i-th 32-byte hash of a concatenation, as its 64 digits. */
export const digitsAt = (hashes: string, i: number): string =>
  hashes.slice(i * HASH_DIGITS, (i + 1) * HASH_DIGITS)

/** The i-th 32-byte hash of a concatenation. */
export const hashAt = (hashes: string, i: number): string => `0x${digitsAt(hashes, i)}`

/** A hash's 64 digits as the columns keep them: lower case, without 0x. */
const digits = (hash: string): string => hash.slice(2).toLowerCase().padStart(HASH_DIGITS, '0')

const at = (): AtColumns => ({ b: [], ts: [], tx: '' })

export const emptyColumns = (): HistoryColumns => ({
  strings: [],
  sends: {
    ...at(),
    id: '',
    v2: [],
    dest: [],
    onRamp: [],
    sender: [],
    receiver: [],
    feeToken: [],
    seq: [],
    fee: [],
    transfers: [],
    transferRef: [],
    transferAmount: [],
  },
  execs: { ...at(), id: '', src: [], success: [], reason: [] },
  commits: { ...at(), src: [], onRamp: [], min: [], max: [], blessed: [] },
})

/**
 * `base` with `records` added after its rows (in their order): a table that gains rows is a new
 * copy, one that gains none is `base`'s own (a digest in memory is shared by the reads of one
 * process, and is never changed).
 */
export function withRecords(base: HistoryColumns, records: ChainRecords): HistoryColumns {
  if (records.sends.length + records.execs.length + records.commits.length === 0) return base
  const strings = [...base.strings]
  const index = new Map(strings.map((s, i) => [s, i]))
  const intern = (s: string): number => {
    let i = index.get(s)
    if (i === undefined) {
      i = strings.push(s) - 1
      index.set(s, i)
    }
    return i
  }
  return {
    strings,
    sends: appendRows(base.sends, records.sends, (sends, s) => {
      sends.v2.push(s.v === '2.0' ? 1 : 0)
      sends.dest.push(intern(s.dest))
      sends.onRamp.push(intern(s.onRamp))
      sends.sender.push(intern(s.sender))
      sends.receiver.push(intern(s.receiver))
      sends.feeToken.push(intern(s.feeToken))
      sends.seq.push(s.seq)
      sends.fee.push(s.fee)
      sends.transfers.push(s.tokens.length)
      for (const t of s.tokens) {
        sends.transferRef.push(intern(t.pool ?? t.token ?? ''))
        sends.transferAmount.push(t.amount)
      }
    }),
    execs: appendRows(base.execs, records.execs, (execs, e) => {
      execs.src.push(intern(e.src))
      execs.success.push(e.success ? 1 : 0)
      execs.reason.push(e.reason === undefined ? -1 : intern(e.reason))
    }),
    commits: appendRows(base.commits, records.commits, (commits, c) => {
      commits.src.push(intern(c.src))
      commits.onRamp.push(intern(c.onRamp))
      commits.min.push(c.min)
      commits.max.push(c.max)
      commits.blessed.push(c.blessed ? 1 : 0)
    }),
  }
}

/**
 * A copy of `table` with a row per record: block, time and transaction (and the id, for tables
 * that have one) here, the table's own fields by `push`. Hashes are joined once, not per row.
 */
function appendRows<
  T extends AtColumns & { id?: string },
  R extends { b: number; ts: number; tx: string; id?: string },
>(table: T, records: readonly R[], push: (table: T, record: R) => void): T {
  if (records.length === 0) return table
  // CAST: the same fields, each array copied (the strings are immutable).
  const copy = Object.fromEntries(
    Object.entries(table).map(([k, v]) => [k, Array.isArray(v) ? [...v] : v]),
  ) as T
  const txs = [copy.tx]
  const ids = [copy.id ?? '']
  for (const r of records) {
    copy.b.push(r.b)
    copy.ts.push(r.ts)
    txs.push(digits(r.tx))
    if (r.id !== undefined) ids.push(digits(r.id))
    push(copy, r)
  }
  copy.tx = txs.join('')
  if (copy.id !== undefined) copy.id = ids.join('')
  return copy
}

/**
 * Whether parsed JSON is a whole set of columns: every column of a table as long as the others,
 * every hash string 64 digits a row, every string index inside the table. A digest that fails
 * this is read again from the chain (it is a cache).
 */
export function wellFormed(c: HistoryColumns): boolean {
  if (!Array.isArray(c?.strings) || c.sends === undefined || c.execs === undefined || c.commits === undefined)
    return false
  const { sends, execs, commits } = c
  const n = sends.b?.length
  const transfers = sends.transfers?.reduce((sum, k) => sum + k, 0)
  return (
    rows(sends, n, [
      'ts',
      'v2',
      'dest',
      'onRamp',
      'sender',
      'receiver',
      'feeToken',
      'seq',
      'fee',
      'transfers',
    ]) &&
    hashes(sends.id, n) &&
    hashes(sends.tx, n) &&
    rows(sends, transfers, ['transferRef', 'transferAmount']) &&
    rows(execs, execs.b?.length, ['ts', 'src', 'success', 'reason']) &&
    hashes(execs.id, execs.b.length) &&
    hashes(execs.tx, execs.b.length) &&
    rows(commits, commits.b?.length, ['ts', 'src', 'onRamp', 'min', 'max', 'blessed']) &&
    hashes(commits.tx, commits.b.length) &&
    indexes(c.strings.length, [
      sends.dest,
      sends.onRamp,
      sends.sender,
      sends.receiver,
      sends.feeToken,
      sends.transferRef,
      execs.src,
      commits.src,
      commits.onRamp,
    ]) &&
    execs.reason.every((r) => r >= -1 && r < c.strings.length)
  )
}

const rows = (table: object, n: number | undefined, keys: string[]): boolean =>
  n !== undefined &&
  keys.every((k) => {
    const column = (table as Record<string, unknown>)[k]
    return Array.isArray(column) && column.length === n
  })

const hashes = (s: unknown, n: number | undefined): boolean =>
  typeof s === 'string' && n !== undefined && s.length === n * HASH_DIGITS

const indexes = (size: number, columns: number[][]): boolean =>
  columns.every((column) => column.every((i) => Number.isInteger(i) && i >= 0 && i < size))
