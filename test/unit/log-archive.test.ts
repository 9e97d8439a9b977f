import {
  appendFileSync,
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { archivedBlockTime, blockLine, firstArchivedBlock } from '../../src/chain/archive-blocks.js'
import { lineStartAtOrBefore } from '../../src/chain/archive-lines.js'
import {
  type ArchivedLog,
  archiveEnd,
  archiveLine,
  checkpointLine,
  readArchive,
  withArchive,
} from '../../src/chain/log-archive.js'

const dir = mkdtempSync(join(tmpdir(), 'ccip-archive-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const A = '0x00000000000000000000000000000000000000aa'
const B = '0x00000000000000000000000000000000000000bb'
const T1 = `0x${'11'.repeat(32)}`
const T2 = `0x${'22'.repeat(32)}`
const log = (block: number, i: number, address: string, topics: string[]): ArchivedLog => ({
  address,
  topics,
  data: `0x${'ab'.repeat(200)}`,
  blockNumber: block,
  logIndex: i,
  transactionHash: `0x${block.toString(16).padStart(64, '0')}`,
  blockHash: `0x${'cd'.repeat(32)}`,
  blockTimestamp: 1_700_000_000 + block,
})

/**
 * 20,000 blocks, each its block line and two logs (A with T1, B with T2), a checkpoint every 100
 * blocks: ~13 MB.
 */
function bigArchive(file: string): void {
  let text = ''
  for (let b = 0; b < 20_000; b++) {
    text += blockLine(b, 1_700_000_000 + b)
    text += archiveLine(log(b, 0, A, [T1])) + archiveLine(log(b, 1, B, [T2, T1]))
    if (b % 100 === 99) text += checkpointLine(b)
  }
  writeFileSync(file, text)
}

describe('the log archive', () => {
  const file = join(dir, 'chain.ndjson')
  bigArchive(file)

  it('ends at its last complete checkpoint; a torn write after it is not part of it', () => {
    const end = archiveEnd(file)
    expect(end.to).toBe(19_999)
    appendFileSync(file, `${archiveLine(log(20_000, 0, A, [T1])).slice(0, 50)}`) // a crash mid-write
    expect(archiveEnd(file)).toEqual(end)
    appendFileSync(file, '\n{"to":20')
    expect(archiveEnd(file)).toEqual(end)
    expect(archiveEnd(join(dir, 'missing.ndjson'))).toEqual({ bytes: 0, to: -1 })
  })

  it('answers eth_getLogs filters exactly: range, address, topics by position, OR lists', () => {
    const range = readArchive(file, { fromBlock: 12_345, toBlock: 12_347 })
    expect(range.map((l) => `${l.blockNumber}:${l.logIndex}`)).toEqual([
      '12345:0',
      '12345:1',
      '12346:0',
      '12346:1',
      '12347:0',
      '12347:1',
    ])
    expect(range[1]).toEqual(log(12_345, 1, B, [T2, T1]))
    expect(
      readArchive(file, { fromBlock: 0, toBlock: 9, address: B.toUpperCase().replace('0X', '0x') }).length,
    ).toBe(10)
    expect(readArchive(file, { fromBlock: 0, toBlock: 9, topics: [T2] }).every((l) => l.address === B)).toBe(
      true,
    )
    expect(readArchive(file, { fromBlock: 0, toBlock: 9, topics: [null, T1] }).length).toBe(10)
    expect(readArchive(file, { fromBlock: 0, toBlock: 9, topics: [[T1, T2]] }).length).toBe(20)
    expect(readArchive(file, { fromBlock: 0, toBlock: 9, address: [A, B], topics: [T1, T1] })).toEqual([])
    expect(readArchive(file, { fromBlock: 19_999, toBlock: 25_000 }).length).toBe(2)
    expect(readArchive(file, { fromBlock: 0, toBlock: 0 }).length).toBe(2)
  })

  it('finds every matching line of a whole read by searching the bytes, across chunk boundaries', () => {
    // The archive is larger than a search chunk (8 MB): a line cut by a boundary is searched whole.
    const whole = { fromBlock: 0, toBlock: 19_999 }
    const all = readArchive(file, whole)
    const byTopic = readArchive(file, { ...whole, topics: [T2] })
    expect(byTopic).toHaveLength(20_000)
    expect(byTopic).toEqual(all.filter((l) => l.topics[0] === T2))
    const byAddress = readArchive(file, { ...whole, address: A })
    expect(byAddress).toEqual(all.filter((l) => l.address === A))
    // The rarer position is searched (a topic at position 1), with the same answer.
    expect(readArchive(file, { ...whole, topics: [[T1, T2], T1] })).toEqual(byTopic)
  })

  it('starts reading near the first block asked for, not at the top of the file', () => {
    const text = readFileSync(file, 'latin1')
    for (const block of [0, 1, 7_777, 19_990]) {
      const first = text.indexOf(`{"b":${block},`)
      const fd = openSync(file, 'r')
      const start = lineStartAtOrBefore(fd, archiveEnd(file).bytes, block)
      closeSync(fd)
      expect(start, `block ${block}`).toBeLessThanOrEqual(first)
      expect(first - start, `block ${block}`).toBeLessThanOrEqual(1 << 20)
      expect(start === 0 || text[start - 1] === '\n', 'a line start').toBe(true)
    }
  })

  it('splits a range at the checkpoint: older blocks from the file, the rest from the node', async () => {
    const asked: number[] = []
    const rpc = async (fromBlock: number) => {
      asked.push(fromBlock)
      return [log(20_001, 0, A, [T1])]
    }
    const all = await withArchive(file, { fromBlock: 19_998, address: A }, rpc, (l) => l)
    expect(all.map((l) => l.blockNumber)).toEqual([19_998, 19_999, 20_001])
    expect(asked).toEqual([20_000])
    expect(await withArchive(file, { fromBlock: 5, toBlock: 6, address: A }, rpc, (l) => l)).toHaveLength(2)
    expect(asked).toEqual([20_000]) // entirely archived: the node is not asked
    await withArchive(undefined, { fromBlock: 5 }, rpc, (l) => l)
    await withArchive(file, { fromBlock: 30_000 }, rpc, (l) => l)
    expect(asked).toEqual([20_000, 5, 30_000])
    // A missing archive is damage, never "no old logs": the read fails, the node is not asked.
    await expect(withArchive(join(dir, 'gone.ndjson'), { fromBlock: 30_000 }, rpc, (l) => l)).rejects.toThrow(
      /log archive .*gone\.ndjson is missing/,
    )
    expect(asked).toEqual([20_000, 5, 30_000])
  })

  it('loses no block that the archiver takes over, and the node drops, while the node answers', async () => {
    // crash-cut's transient split: the reader took checkpoint 100, asked the node from 101; while
    // the node answered, the archiver archived 101–110 and the chain mined on, dropping them.
    const racy = join(dir, 'racy.ndjson')
    const blocks = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)
    const lines = (from: number, to: number) =>
      blocks(from, to)
        .map((b) => blockLine(b, 1_700_000_000 + b) + archiveLine(log(b, 0, A, [T1])))
        .join('')
    writeFileSync(racy, lines(0, 100) + checkpointLine(100))
    const asked: number[] = []
    const rpc = async (fromBlock: number) => {
      asked.push(fromBlock)
      appendFileSync(racy, lines(101, 110) + checkpointLine(110))
      // What the node still has when it answers: blocks above 107 (101–107 dropped).
      return blocks(Math.max(fromBlock, 108), 115).map((b) => log(b, 0, A, [T1]))
    }
    const all = await withArchive(racy, { fromBlock: 95, address: A }, rpc, (l) => l)
    expect(asked).toEqual([101])
    expect(all.map((l) => l.blockNumber)).toEqual(blocks(95, 115))
    // A range that starts above the first checkpoint: the same.
    writeFileSync(racy, lines(0, 100) + checkpointLine(100))
    const upper = await withArchive(racy, { fromBlock: 103, address: A }, rpc, (l) => l)
    expect(upper.map((l) => l.blockNumber)).toEqual(blocks(103, 115))
  })

  it('has the time of every archived block, and says where its block lines begin', () => {
    for (const block of [0, 1, 99, 100, 7_777, 19_999])
      expect(archivedBlockTime(file, block), `block ${block}`).toBe(1_700_000_000 + block)
    expect(archivedBlockTime(file, 20_000)).toBeUndefined() // past the last checkpoint
    expect(firstArchivedBlock(file)).toBe(0)
    // An archive begun before block lines: none for its old blocks, and none to start from.
    const old = join(dir, 'old.ndjson')
    writeFileSync(
      old,
      archiveLine(log(5, 0, A, [T1])) + checkpointLine(9) + blockLine(10, 42) + checkpointLine(10),
    )
    expect(firstArchivedBlock(old)).toBeUndefined()
    expect(archivedBlockTime(old, 5)).toBeUndefined()
    expect(archivedBlockTime(old, 10)).toBe(42)
    expect(firstArchivedBlock(join(dir, 'missing.ndjson'))).toBeUndefined()
  })
})

describe('rewinding an archive after the chains were reverted (stack snapshots)', () => {
  it('drops every line of later blocks, keeps the rest byte for byte, and checkpoints the head', async () => {
    const { LogArchiver } = await import('../../src/nodes/archiver.js')
    const { stackPaths, archiveFile } = await import('../../src/stack/paths.js')
    const home = join(dir, 'rewind')
    const paths = stackPaths(home)
    const alpha = [{ name: 'alpha', rpcUrl: 'http://127.0.0.1:1' } as never] // CAST: rewind reads no chain
    new LogArchiver(paths, alpha, 40) // creates the archive directory and an empty archive
    const file = archiveFile(paths, 'alpha')
    // Blocks 1–30: a block line, two logs each, a checkpoint every 7 blocks and at the end.
    let kept = ''
    for (let b = 1; b <= 30; b++) {
      const lines =
        blockLine(b, 1_700_000_000 + b) + archiveLine(log(b, 0, A, [T1])) + archiveLine(log(b, 1, B, [T2]))
      const checkpoint = b % 7 === 0 || b === 30 ? checkpointLine(b) : ''
      appendFileSync(file, lines + checkpoint)
      if (b <= 17) kept += lines + checkpoint
    }
    const before = readArchive(file, { fromBlock: 0, toBlock: 17 })
    // The constructor read the (then empty) archive: make it see this one, as after a restart.
    const reopened = new LogArchiver(paths, alpha, 40)
    await reopened.rewind({ alpha: 17 })
    expect(readFileSync(file, 'latin1')).toBe(kept + checkpointLine(17))
    expect(archiveEnd(file).to).toBe(17)
    expect(readArchive(file, { fromBlock: 0, toBlock: 17 })).toEqual(before)
    expect(archivedBlockTime(file, 18)).toBeUndefined()
    // A rewind to a head past the archive changes nothing.
    await reopened.rewind({ alpha: 25 })
    expect(archiveEnd(file).to).toBe(17)
  })
})
