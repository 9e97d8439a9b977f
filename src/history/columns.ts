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
 * `base` with `records` added after its rows (in their order): new arrays, `base` is not changed
 * (a digest in memory is shared by the reads of one process).
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
  const copy = <T>(table: T): T =>
    Object.fromEntries(
      Object.entries(table as object).map(([k, v]) => [k, Array.isArray(v) ? [...v] : v]),
    ) as T
  const sends = copy(base.sends)
  const ids: string[] = [sends.id]
  const txs: string[] = [sends.tx]
  for (const s of records.sends) {
    ids.push(digits(s.id))
    txs.push(digits(s.tx))
    sends.b.push(s.b)
    sends.ts.push(s.ts)
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
  }
  sends.id = ids.join('')
  sends.tx = txs.join('')

  const execs = copy(base.execs)
  const execIds: string[] = [execs.id]
  const execTxs: string[] = [execs.tx]
  for (const e of records.execs) {
    execIds.push(digits(e.id))
    execTxs.push(digits(e.tx))
    execs.b.push(e.b)
    execs.ts.push(e.ts)
    execs.src.push(intern(e.src))
    execs.success.push(e.success ? 1 : 0)
    execs.reason.push(e.reason === undefined ? -1 : intern(e.reason))
  }
  execs.id = execIds.join('')
  execs.tx = execTxs.join('')

  const commits = copy(base.commits)
  const commitTxs: string[] = [commits.tx]
  for (const c of records.commits) {
    commitTxs.push(digits(c.tx))
    commits.b.push(c.b)
    commits.ts.push(c.ts)
    commits.src.push(intern(c.src))
    commits.onRamp.push(intern(c.onRamp))
    commits.min.push(c.min)
    commits.max.push(c.max)
    commits.blessed.push(c.blessed ? 1 : 0)
  }
  commits.tx = commitTxs.join('')
  return { strings, sends, execs, commits }
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
