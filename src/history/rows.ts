import { hashAt } from './columns.js'
import type { HistoryTable } from './join.js'
import type { HistoryFilter, HistoryMessage, HistoryPoint } from './types.js'

/**
 * Reading a HistoryTable's rows: which rows a filter keeps, their order, and a row as a
 * HistoryMessage. The table stays columns; only the rows a caller returns become objects.
 */

export interface RowFilter extends HistoryFilter {
  /** Lower case. */
  sender?: string
}

/** The rows that pass the filter, in table order. */
export function selectRows(table: HistoryTable, filter: RowFilter): Int32Array {
  const names = table.chains.map((c) => c.name)
  const from = filter.from === undefined ? -1 : names.indexOf(filter.from)
  const to = filter.to === undefined ? -1 : names.indexOf(filter.to)
  const rows = new Int32Array(table.size)
  let n = 0
  for (let k = 0; k < table.size; k++) {
    if (filter.from !== undefined && table.source[k] !== from) continue
    if (filter.to !== undefined && table.dest[k] !== to) continue
    const { sends, strings } = table.chains[table.source[k]!]!.records
    const send = table.send[k]!
    const ts = sends.ts[send]!
    if (filter.since !== undefined && ts < filter.since) continue
    if (filter.until !== undefined && ts > filter.until) continue
    if (filter.sender !== undefined && strings[sends.sender[send]!] !== filter.sender) continue
    rows[n++] = k
  }
  return rows.subarray(0, n)
}

/** Unix seconds of a row's send. */
export const sentAt = (table: HistoryTable, k: number): number =>
  table.chains[table.source[k]!]!.records.sends.ts[table.send[k]!]!

/** Newest send first (by block within a second); the rows are reordered in place. */
export function newestFirst(table: HistoryTable, rows: Int32Array): Int32Array {
  const block = (k: number) => table.chains[table.source[k]!]!.records.sends.b[table.send[k]!]!
  return rows.sort((a, b) => sentAt(table, b) - sentAt(table, a) || block(b) - block(a))
}

/** Row k as a HistoryMessage. */
export function messageAt(table: HistoryTable, k: number): HistoryMessage {
  const s = table.source[k]!
  const source = table.chains[s]!
  const dest = table.chains[table.dest[k]!]!
  const { strings, sends } = source.records
  const i = table.send[k]!
  const v2 = sends.v2[i] === 1
  const tokens: HistoryMessage['tokens'] = []
  const first = table.transfer[k]!
  for (let t = first; t < first + sends.transfers[i]!; t++) {
    tokens.push({
      token: table.tokenOfRef(s, sends.transferRef[t]!),
      amount: BigInt(sends.transferAmount[t]!),
    })
  }
  const m: HistoryMessage = {
    messageId: hashAt(sends.id, i),
    version: v2 ? '2.0' : '1.6',
    sourceChain: source.name,
    destChain: dest.name,
    sequenceNumber: BigInt(sends.seq[i]!),
    sender: strings[sends.sender[i]!]!,
    receiver: strings[sends.receiver[i]!]!,
    state: table.state[k]!,
    feeToken: strings[sends.feeToken[i]!]!,
    feeAmount: BigInt(sends.fee[i]!),
    tokens,
    sent: point(sends, i),
  }
  const { commits, execs } = dest.records
  const commit = table.commit[k]!
  const exec = table.exec[k]!
  const failure = table.failure[k]!
  // No spreads: V8 builds spread objects on a slow path, and a list can hold 100,000 messages.
  if (commit >= 0) {
    const { txHash, blockNumber, timestamp } = point(commits, commit)
    m.committed = { txHash, blockNumber, timestamp, blessed: commits.blessed[commit] === 1 }
  }
  if (exec >= 0) {
    const { txHash, blockNumber, timestamp } = point(execs, exec)
    m.executed = { txHash, blockNumber, timestamp, success: execs.success[exec] === 1 }
  }
  if (failure >= 0) m.failureReason = dest.records.strings[execs.reason[failure]!]!
  return m
}

const point = (table: { b: number[]; ts: number[]; tx: string }, row: number): HistoryPoint => ({
  txHash: hashAt(table.tx, row),
  blockNumber: table.b[row]!,
  timestamp: table.ts[row]!,
})
