import { mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { RawLog } from '../chain/chain.js'
import { logsInRange } from '../chain/log-ranges.js'
import type { ProfileChain } from '../chain/profile-chain.js'
import { writeFileAtomic } from '../fs-atomic.js'
import { emptyColumns, type HistoryColumns, wellFormed, withRecords } from './columns.js'
import { type ChainRecords, commitRecords, execRecord, HISTORY_TOPICS, sendRecord } from './records.js'

/**
 * One chain's CCIP history, kept on disk under the home so that a second `ccip stats` (or the
 * explorer's next refresh) reads only the blocks mined since: a cache of chain data, never a
 * source of its own. It holds the records of blocks [from, to]; the hash of block `to` proves it
 * is still this chain's history (a reorg below it, a snapshot revert or a reset changes that
 * hash, and the digest is read again from scratch). Blocks newer than `to`, the ones a reorg can
 * still replace, are read on every call and never stored.
 */
export interface ChainDigest extends HistoryColumns {
  format: typeof FORMAT
  chainId: string
  /** The OnRamps and OffRamps read, sorted: another set (a lane added) starts over. */
  contracts: string[]
  from: number
  to: number
  toHash: string
  /**
   * The newest block below `to` with a record, and its hash: a restarted local chain no longer
   * serves old headers (its archive keeps the logs, with their block hashes), so there the digest
   * is proved by this block's logs instead.
   */
  anchor?: { block: number; hash: string }
  /** When it was first read (ms): kept while blocks are added, new when it is read again from scratch. */
  builtAt: number
  /** When this process last wrote it (ms): a live explorer refreshes every second, the file far less often. */
  writtenAt?: number
}

/** What to read on one chain. */
export interface DigestPlan {
  onRamps: string[]
  offRamps: string[]
  /** First block of the window; a stored digest starting later is read again from here. */
  from: number
}

/** 2: columns (columns.ts); 1 was a list of objects per record. */
const FORMAT = 2
/** Blocks below the head kept out of the stored digest on chains without a finality depth. */
const UNSAFE_TAIL = 64
/** A digest in memory is written again at most this often (it can hold 100,000 messages). */
const WRITE_EVERY_MS = 15_000
/** Blocks without a record after which a digest's end is moved (and the file written) all the same. */
const REWRITE_AFTER_BLOCKS = 5_000

export const digestFile = (home: string, chain: ProfileChain): string =>
  join(home, 'history', `${chain.profile.name}-${chain.profile.chainId}.json`)

/**
 * The chain's records from `plan.from` to its head: the stored digest (when still valid) plus the
 * blocks since. Stores the part that can no longer change; `known` is this process's copy.
 */
export async function chainRecords(
  home: string,
  chain: ProfileChain,
  plan: DigestPlan,
  known?: ChainDigest,
): Promise<{ digest: ChainDigest; records: HistoryColumns; head: number }> {
  const contracts = [...plan.onRamps, ...plan.offRamps].map((a) => a.toLowerCase()).sort()
  const head = await chain.head()
  const stored = await validDigest(chain, known ?? loadDigest(digestFile(home, chain)), contracts, plan, head)
  const start = stored === undefined ? plan.from : stored.to + 1
  const { records: fresh, hashes } =
    contracts.length === 0 || start > head
      ? { records: empty(), hashes: new Map<number, string>() }
      : await readRecords(chain, plan, start, head)
  const base = stored ?? {
    ...emptyColumns(),
    format: FORMAT,
    chainId: chain.profile.chainId,
    contracts,
    from: plan.from,
    to: plan.from - 1,
    toHash: '',
    builtAt: Date.now(),
  }
  const safeTo = Math.max(base.to, head - (chain.profile.finalityDepth ?? UNSAFE_TAIL))
  const settled = (r: { b: number }) => r.b <= safeTo
  const settledRecords = keep(fresh, settled)
  const grows = settledRecords.sends.length + settledRecords.execs.length + settledRecords.commits.length > 0
  const due = known?.writtenAt === undefined || Date.now() - known.writtenAt >= WRITE_EVERY_MS
  // Written when it gained records (at most every 15 s), or when only its end moved far: a
  // digest of 100,000 messages is tens of MB, and rewriting it for a few empty blocks costs more
  // than reading those blocks again next time.
  const write = grows ? due : safeTo - base.to >= REWRITE_AFTER_BLOCKS
  const hash = safeTo > base.to && write ? await blockHash(chain, safeTo) : undefined
  let digest = base
  if (hash !== undefined) {
    let anchorBlock = -1 // a loop, not Math.max(...): a long first read has a block per message
    for (const b of hashes.keys()) if (b <= safeTo && b > anchorBlock) anchorBlock = b
    const anchorHash = hashes.get(anchorBlock)
    digest = {
      ...base,
      ...withRecords(base, settledRecords),
      to: safeTo,
      toHash: hash,
      ...(anchorHash === undefined ? {} : { anchor: { block: anchorBlock, hash: anchorHash } }),
      writtenAt: Date.now(),
    }
    saveDigest(digestFile(home, chain), digest)
  }
  const unsettled = (r: { b: number }) => r.b > digest.to
  return { digest, head, records: withRecords(digest, keep(fresh, unsettled)) }
}

const keep = (records: ChainRecords, wanted: (r: { b: number }) => boolean): ChainRecords => ({
  sends: records.sends.filter(wanted),
  execs: records.execs.filter(wanted),
  commits: records.commits.filter(wanted),
})

/** Only a cache: a home that cannot be written (read-only, full) costs the next run a full read, nothing else. */
function saveDigest(file: string, digest: ChainDigest): void {
  try {
    mkdirSync(dirname(file), { recursive: true })
    // Compact (indentation would double the file and the time to read it), and ASCII only, so
    // that loadDigest can decode it byte for byte: a revert reason may hold any character.
    const ascii = JSON.stringify(digest).replace(
      /[\u0080-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    )
    writeFileAtomic(file, ascii)
  } catch {}
}

/**
 * A digest from its file; undefined when there is none or it does not parse (a cache: a file cut
 * short by a crash is read again from the chain, not an error). latin1 decodes ASCII exactly and
 * several times faster than UTF-8 on a file of tens of MB.
 */
function loadDigest(file: string): ChainDigest | undefined {
  try {
    const digest = JSON.parse(readFileSync(file).toString('latin1')) as ChainDigest
    return digest.format === FORMAT && wellFormed(digest) ? digest : undefined
  } catch {
    return undefined
  }
}

const empty = (): ChainRecords => ({ sends: [], execs: [], commits: [] })

async function validDigest(
  chain: ProfileChain,
  digest: ChainDigest | undefined,
  contracts: string[],
  plan: DigestPlan,
  head: number,
): Promise<ChainDigest | undefined> {
  if (digest?.format !== FORMAT || digest.chainId !== chain.profile.chainId) return undefined
  if (digest.contracts.join() !== contracts.join() || digest.from > plan.from || digest.to > head)
    return undefined
  if (digest.to < digest.from) return digest
  const hash = await blockHash(chain, digest.to)
  if (hash !== undefined) return hash === digest.toHash ? digest : undefined
  const { anchor } = digest
  if (anchor === undefined) return undefined
  const logs = await chain.logs({
    address: contracts,
    topics: [],
    fromBlock: anchor.block,
    toBlock: anchor.block,
  })
  return logs.some((l) => l.blockHash?.toLowerCase() === anchor.hash.toLowerCase()) ? digest : undefined
}

async function blockHash(chain: ProfileChain, block: number): Promise<string | undefined> {
  const b = await chain.request<{ hash: string } | null>('eth_getBlockByNumber', [
    `0x${block.toString(16)}`,
    false,
  ])
  return b?.hash ?? undefined
}

/**
 * Every send on the OnRamps and every commit and execution on the OffRamps in [from, to], and the
 * hash of each block they came from.
 */
async function readRecords(
  chain: ProfileChain,
  plan: DigestPlan,
  from: number,
  to: number,
): Promise<{ records: ChainRecords; hashes: Map<number, string> }> {
  // One read for both kinds (a local chain's archive is then searched once): an OnRamp emits no
  // commit or execution, an OffRamp no send, and each log is checked against its kind below.
  const onRamps = new Set(plan.onRamps.map((a) => a.toLowerCase()))
  const offRamps = new Set(plan.offRamps.map((a) => a.toLowerCase()))
  const logs = await logsInRange(
    chain,
    { address: [...onRamps, ...offRamps], topics: [[...HISTORY_TOPICS.sent, ...HISTORY_TOPICS.dest]] },
    from,
    to,
  )
  const of = (ramps: Set<string>, topics: string[]) =>
    logs.filter(
      (l) => ramps.has(l.address.toLowerCase()) && topics.includes(l.topics[0]?.toLowerCase() ?? ''),
    )
  const sent = of(onRamps, HISTORY_TOPICS.sent)
  const dest = of(offRamps, HISTORY_TOPICS.dest)
  const times = await blockTimes(chain, [...sent, ...dest])
  const hashes = new Map<number, string>()
  for (const log of [...sent, ...dest])
    if (log.blockHash !== undefined) hashes.set(log.blockNumber, log.blockHash)
  const records = empty()
  for (const log of sent) records.sends.push(sendRecord(log, times.get(log.blockNumber) ?? 0))
  for (const log of dest) {
    const ts = times.get(log.blockNumber) ?? 0
    if (log.topics[0]?.toLowerCase() === HISTORY_TOPICS.dest[2])
      records.commits.push(...commitRecords(log, ts))
    else {
      const exec = execRecord(log, ts)
      if (exec !== undefined) records.execs.push(exec)
    }
  }
  return { records, hashes }
}

/** Each log's block time, one read per distinct block (most come with the logs themselves). */
async function blockTimes(chain: ProfileChain, logs: RawLog[]): Promise<Map<number, number>> {
  const blocks = [...new Set(logs.map((l) => l.blockNumber))]
  const times = await Promise.all(blocks.map((b) => chain.timestamp(b)))
  return new Map(blocks.map((b, i) => [b, times[i] ?? 0]))
}
