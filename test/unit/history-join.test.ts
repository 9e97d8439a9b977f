import { describe, expect, it } from 'vitest'
import { emptyColumns, wellFormed, withRecords } from '../../src/history/columns.js'
import { joinHistory } from '../../src/history/join.js'
import type { ChainRecords, CommitRecord, ExecRecord, SendRecord } from '../../src/history/records.js'
import { messageAt, newestFirst, selectRows } from '../../src/history/rows.js'
import { onRampBytes } from '../../src/protocol/abi-words.js'

const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`
const A = '1111'
const B = '2222'
const ON_RAMP = '0x00000000000000000000000000000000000000aa'
const POOL = '0x00000000000000000000000000000000000000bb'
const TOKEN = '0x00000000000000000000000000000000000000cc'

const send = (seq: number, extra: Partial<SendRecord> = {}): SendRecord => ({
  b: 10 + seq,
  ts: 1000 + seq,
  tx: hash(500 + seq),
  id: hash(seq),
  v: '1.6',
  dest: B,
  onRamp: ON_RAMP,
  seq,
  sender: '0x00000000000000000000000000000000000000d1',
  receiver: '0x00000000000000000000000000000000000000d2',
  feeToken: TOKEN,
  fee: '1000000000000000000000000',
  tokens: [],
  ...extra,
})
const exec = (seq: number, success: boolean, b: number, src = A): ExecRecord => ({
  b,
  ts: 2000 + b,
  tx: hash(900 + b),
  id: hash(seq),
  src,
  success,
  reason: success ? undefined : `reverted ${b}`,
})
const commit = (min: number, max: number, b: number, blessed = true): CommitRecord => ({
  b,
  ts: 1500 + b,
  tx: hash(700 + b),
  src: A,
  onRamp: onRampBytes(ON_RAMP),
  min,
  max,
  blessed,
})
const columns = (r: Partial<ChainRecords>) =>
  withRecords(emptyColumns(), { sends: [], execs: [], commits: [], ...r })

describe('history columns and join', () => {
  const source = columns({
    sends: [
      send(1, { tokens: [{ pool: POOL, amount: '5' }] }),
      send(2),
      send(3),
      send(4),
      send(5, { v: '2.0', tokens: [{ token: TOKEN, amount: '7' }] }),
      send(6, { dest: '9999' }),
    ],
  })
  const dest = columns({
    // seq 1: failed then succeeded then failed again: SUCCESS, reason of the last failure.
    execs: [
      exec(1, false, 40),
      exec(1, true, 41),
      exec(1, false, 42),
      exec(2, false, 43),
      exec(3, true, 44, '7777'),
    ],
    commits: [commit(1, 2, 30), commit(3, 3, 31, false)],
  })
  const table = joinHistory(
    [
      { name: 'a', selector: A, records: source, finalized: 12 },
      { name: 'b', selector: B, records: dest, finalized: -1 },
    ],
    new Map([[`a:${POOL}`, TOKEN]]),
  )
  const joined = Array.from({ length: table.size }, (_, k) => messageAt(table, k))
  const bySeq = new Map(joined.map((m) => [Number(m.sequenceNumber), m]))

  it('keeps only sends to a chain of the set, with their facts', () => {
    expect([...bySeq.keys()].sort()).toEqual([1, 2, 3, 4, 5])
    const m = bySeq.get(1)!
    expect(m).toMatchObject({
      messageId: hash(1),
      sourceChain: 'a',
      destChain: 'b',
      feeAmount: 10n ** 24n,
      tokens: [{ token: TOKEN, amount: 5n }],
      sent: { txHash: hash(501), blockNumber: 11, timestamp: 1001 },
    })
    expect(bySeq.get(5)?.tokens).toEqual([{ token: TOKEN, amount: 7n }])
  })

  it('derives states as status does', () => {
    const m1 = bySeq.get(1)!
    expect(m1.state).toBe('SUCCESS')
    expect(m1.executed).toEqual({ txHash: hash(941), blockNumber: 41, timestamp: 2041, success: true })
    expect(m1.failureReason).toBe('reverted 42')
    expect(m1.committed).toMatchObject({ blockNumber: 30, blessed: true })
    expect(bySeq.get(2)).toMatchObject({ state: 'FAILURE', failureReason: 'reverted 43' })
    // seq 3's only execution came from another source chain: it is only committed (unblessed).
    expect(bySeq.get(3)?.state).toBe('COMMITTED')
    expect(bySeq.get(3)?.executed).toBeUndefined()
    // seq 4: no root covers it; its block (14) is past the source's finalized block (12).
    expect(bySeq.get(4)?.state).toBe('SENT')
    expect(bySeq.get(5)?.state).toBe('SENT')
    expect(bySeq.get(5)?.version).toBe('2.0')
  })

  it('selects and orders rows', () => {
    const seqs = (rows: Int32Array) => Array.from(rows, (k) => Number(messageAt(table, k).sequenceNumber))
    expect(seqs(newestFirst(table, selectRows(table, {})))).toEqual([5, 4, 3, 2, 1])
    expect(seqs(selectRows(table, { since: 1002, until: 1004 }))).toEqual([2, 3, 4])
    expect(seqs(selectRows(table, { from: 'b' }))).toEqual([])
    expect(
      seqs(selectRows(table, { to: 'b', sender: '0x00000000000000000000000000000000000000d1' })),
    ).toHaveLength(5)
    expect(seqs(selectRows(table, { sender: '0x00000000000000000000000000000000000000d9' }))).toEqual([])
  })

  it('appends without changing the base, sharing one string table', () => {
    const more = withRecords(source, { sends: [send(7)], execs: [], commits: [] })
    expect(source.sends.b).toHaveLength(6)
    expect(more.sends.b).toHaveLength(7)
    expect(more.strings.length).toBe(source.strings.length)
    expect(wellFormed(more)).toBe(true)
  })

  it('rejects columns that do not line up', () => {
    expect(wellFormed(JSON.parse(JSON.stringify(source)))).toBe(true)
    const short = JSON.parse(JSON.stringify(source))
    short.sends.fee.pop()
    expect(wellFormed(short)).toBe(false)
    const cut = JSON.parse(JSON.stringify(dest))
    cut.execs.id = cut.execs.id.slice(1)
    expect(wellFormed(cut)).toBe(false)
    const outside = JSON.parse(JSON.stringify(dest))
    outside.commits.src[0] = 99
    expect(wellFormed(outside)).toBe(false)
    expect(wellFormed({} as never)).toBe(false)
  })
})
