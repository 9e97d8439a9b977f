import { withArchive } from '../../src/chain/log-archive.js'
import { rpcCall } from '../../src/chain/rpc.js'
import {
  commitRoots,
  EVENT_TOPICS,
  sentHeader,
  sentMessageId,
  uintTopic,
} from '../../src/protocol/event-words.js'
import { sourceChainMinSeqNr } from '../../src/protocol/view-calls.js'
import type { BenchChain } from '../bench/traffic.js'

export interface LaneLedger {
  lane: string
  /** messageIds the source's OnRamp emitted for this lane. */
  sent: Set<string>
  /** Executed on the destination, but the source has no such send: a split (state from two moments). */
  executedWithoutSend: string[]
  /** Sequence numbers the destination committed that the source never sent: a split too. */
  committedWithoutSend: bigint[]
  /** Sent and not (yet) executed. */
  notExecuted: string[]
  /** Executed with FAILURE. */
  failed: string[]
  /**
   * How the source's sends were read, at that moment (a split that a later read no longer shows
   * needs it): the archive's checkpoint before and after the read, the blocks the node answered
   * sends in, and the sequence numbers executed without a send.
   */
  readNote: string
  /** The source blocks between the archive's checkpoint and the first send the node answered. */
  gap: { from: number; to: number }
}

const SUCCESS = 2n
const FAILURE = 3n

/**
 * A chain's whole history of logs (its archive, then the chain), with a fresh connection's worth
 * of retries: right after a restart a kept-alive socket may be dead.
 */
function logs(
  chain: BenchChain,
  filter: { address: string; topics: (string | null)[] },
  nodeBlocks: number[] = [],
): Promise<Log[]> {
  const fromNode = async (fromBlock: number) => {
    nodeBlocks.push(fromBlock)
    for (let attempt = 1; ; attempt++) {
      try {
        const raw = await rpcCall<{ topics: string[]; data: string; blockNumber: string }[]>(
          chain.rpcUrl,
          'eth_getLogs',
          [{ ...filter, fromBlock: `0x${fromBlock.toString(16)}` }],
        )
        const got = raw.map((l) => ({ ...l, blockNumber: Number(l.blockNumber) }))
        if (got.length > 0) nodeBlocks.push(got[0]!.blockNumber, got[got.length - 1]!.blockNumber)
        return got
      } catch (error) {
        if (attempt >= 3) throw error
      }
    }
  }
  return withArchive(chain.logArchive, { ...filter, fromBlock: 0 }, fromNode, (l) => l)
}

interface Log {
  topics: string[]
  data: string
  blockNumber: number
}

/** A lane's whole history: its sends on the source, and the executions and commits on the destination. */
async function laneLogs(chains: readonly BenchChain[], from: string, to: string) {
  const source = chains.find((c) => c.name === from)!
  const dest = chains.find((c) => c.name === to)!
  const { archiveEnd } = await import('../../src/chain/log-archive.js')
  const archivedBefore = archiveEnd(source.logArchive).to
  const nodeBlocks: number[] = []
  const [sends, executions, commits] = await Promise.all([
    logs(
      source,
      {
        address: source.onRamp,
        topics: [EVENT_TOPICS.ccipMessageSent, uintTopic(dest.selector)],
      },
      nodeBlocks,
    ),
    logs(dest, {
      address: dest.offRamp,
      topics: [EVENT_TOPICS.executionStateChanged, uintTopic(source.selector)],
    }),
    logs(dest, {
      address: dest.offRamp,
      topics: [EVENT_TOPICS.commitReportAccepted],
    }),
  ])
  const read = `source archive checkpoint ${archivedBefore} before the read, ${archiveEnd(source.logArchive).to} after; node asked from block ${nodeBlocks[0] ?? '-'}, answered sends in blocks ${nodeBlocks.slice(1).join('…') || 'none'}`
  const roots = commits.flatMap((log) => {
    const { blessed, unblessed } = commitRoots(log)
    return [...blessed, ...unblessed]
      .filter((r) => r.sourceChainSelector === source.selector)
      .map((root) => ({ root, blockNumber: log.blockNumber }))
  })
  const gap = { from: nodeBlocks[0] ?? 0, to: (nodeBlocks[1] ?? nodeBlocks[0] ?? 0) - 1 }
  return { source, dest, lane: `${from} → ${to}`, sends, executions, roots, read, gap }
}

/** Every send of a lane against every execution of it, from both chains' logs (whole history). */
export async function laneLedger(
  chains: readonly BenchChain[],
  from: string,
  to: string,
): Promise<LaneLedger> {
  return ledgerOf(await laneLogs(chains, from, to))
}

function ledgerOf({
  lane,
  sends,
  executions,
  roots,
  read,
  gap,
}: Awaited<ReturnType<typeof laneLogs>>): LaneLedger {
  const sent = new Set(sends.map((l) => sentMessageId(l.data)))
  const sentSeqs = new Set(sends.map((l) => BigInt(l.topics[2]!)))
  const committedWithoutSend: bigint[] = []
  for (const { root } of roots)
    for (let seq = root.minSeqNr; seq <= root.maxSeqNr; seq++)
      if (!sentSeqs.has(seq)) committedWithoutSend.push(seq)
  const final = new Map<string, bigint>()
  for (const log of executions) {
    const state = BigInt(`0x${log.data.slice(66, 130)}`)
    if (state === SUCCESS || state === FAILURE) final.set(log.topics[3]!.toLowerCase(), state)
  }
  const executedWithoutSend = [...final.keys()].filter((id) => !sent.has(id))
  const missing = new Set(executedWithoutSend)
  const missingSeqs = executions
    .filter((l) => missing.has(l.topics[3]!.toLowerCase()))
    .map((l) => BigInt(l.topics[2]!))
  return {
    lane,
    sent,
    readNote: `${read}; ${sends.length} sends; executed without send: seqs ${missingSeqs.join(' ') || 'none'}`,
    gap,
    executedWithoutSend,
    committedWithoutSend,
    notExecuted: [...sent].filter((id) => !final.has(id)),
    failed: [...final].filter(([, s]) => s === FAILURE).map(([id]) => id),
  }
}

/**
 * Why a lane does not drain, in one line: the sequence numbers of its unexecuted sends, what the
 * destination OffRamp expects next from the source, and the roots it committed for the lane.
 */
export async function laneDiagnosis(
  chains: readonly BenchChain[],
  from: string,
  to: string,
): Promise<string> {
  const history = await laneLogs(chains, from, to)
  const { source, dest, sends, roots } = history
  const nextSeq = sourceChainMinSeqNr(source.selector)
  const minSeq = nextSeq.decode(
    await rpcCall<string>(dest.rpcUrl, 'eth_call', [{ to: dest.offRamp, data: nextSeq.data }, 'latest']),
  )
  const pending = new Set(ledgerOf(history).notExecuted)
  const stuck = sends
    .filter((l) => pending.has(sentMessageId(l.data)))
    .map((l) => `${sentHeader(l).sequenceNumber}@${l.blockNumber}`)
  const committed = roots.map(({ root, blockNumber }) => `[${root.minSeqNr}-${root.maxSeqNr}]@${blockNumber}`)
  return `${history.lane}: ${sends.length} sent; unexecuted seq@block ${stuck.join(' ')}; dest minSeqNr ${minSeq}; last roots ${committed.slice(-6).join(' ')}`
}

/**
 * Where a lane's missing sends went, for a failure message: the sequence numbers the source has
 * and the ones the destination executed without a send, the source's archive end, and whether
 * each missing messageId appears anywhere in the archive file, the cut's dump of the source, or
 * the source node's own logs.
 */
export async function missingSendDiagnosis(
  chains: readonly BenchChain[],
  from: string,
  to: string,
  cutFile: string | undefined,
): Promise<string> {
  const history = await laneLogs(chains, from, to)
  const { source, sends, executions } = history
  const ledger = ledgerOf(history)
  const missing = new Set(ledger.executedWithoutSend)
  const missingSeqs = executions
    .filter((l) => missing.has(l.topics[3]!.toLowerCase()))
    .map((l) => `${BigInt(l.topics[2]!)}@dest${l.blockNumber}`)
  const seqs = sends.map((l) => Number(BigInt(l.topics[2]!))).sort((a, b) => a - b)
  const { archiveEnd } = await import('../../src/chain/log-archive.js')
  const { readFileSync, existsSync } = await import('node:fs')
  const end = archiveEnd(source.logArchive)
  const archiveText = existsSync(source.logArchive) ? readFileSync(source.logArchive, 'latin1') : ''
  const dumpText = cutFile !== undefined && existsSync(cutFile) ? readFileSync(cutFile, 'latin1') : ''
  const nodeLogs = await rpcCall<{ data: string; blockNumber: string }[]>(source.rpcUrl, 'eth_getLogs', [
    { address: source.onRamp, topics: [EVENT_TOPICS.ccipMessageSent], fromBlock: '0x0' },
  ])
  const head = Number(await rpcCall<string>(source.rpcUrl, 'eth_blockNumber', []))
  const where = [...missing].slice(0, 3).map((id) => {
    const bare = id.slice(2)
    return `${id.slice(0, 10)}: archive ${archiveText.includes(bare)}, dump ${dumpText.includes(bare)}, node ${nodeLogs.some((l) => l.data.includes(bare))}`
  })
  const nodeBlocks = nodeLogs.map((l) => Number(l.blockNumber))
  return [
    `${history.lane}: source has seqs ${seqs[0]}…${seqs[seqs.length - 1]} (${seqs.length}); executed without send: ${missingSeqs.join(' ')}`,
    `source archive to ${end.to} (${end.bytes} bytes); source head ${head}; node send logs in blocks ${nodeBlocks[0]}…${nodeBlocks[nodeBlocks.length - 1]} (${nodeLogs.length})`,
    ...where,
  ].join('\n')
}

/**
 * What the source node holds of blocks `from`..`to` (the blocks between the archive's checkpoint
 * and the first send the node answered, at a split): per block its header, its transactions, and
 * the logs of their receipts and of eth_getLogs for that block alone. Tells a node that lost a
 * block's transactions from one whose log index skips them.
 */
export async function gapProbe(chain: BenchChain, from: number, to: number): Promise<string> {
  const hex = (n: number) => `0x${n.toString(16)}`
  const lines: string[] = []
  for (let n = from; n <= Math.min(to, from + 5); n++) {
    const block = await rpcCall<{ hash: string; transactions: string[] } | null>(
      chain.rpcUrl,
      'eth_getBlockByNumber',
      [hex(n), false],
    )
    if (block === null) {
      lines.push(`${n}: no header`)
      continue
    }
    const receipts = await Promise.all(
      block.transactions.map((h) =>
        rpcCall<{ logs: unknown[] } | null>(chain.rpcUrl, 'eth_getTransactionReceipt', [h]),
      ),
    )
    const byBlock = await rpcCall<unknown[]>(chain.rpcUrl, 'eth_getLogs', [
      { fromBlock: hex(n), toBlock: hex(n) },
    ])
    const byHash = await rpcCall<unknown[]>(chain.rpcUrl, 'eth_getLogs', [{ blockHash: block.hash }]).catch(
      (e: Error) => [`error ${e.message}`],
    )
    lines.push(
      `${n} ${block.hash.slice(0, 10)}: ${block.transactions.length} txs, receipts ${receipts.filter((r) => r !== null).length} with ${receipts.reduce((k, r) => k + (r?.logs.length ?? 0), 0)} logs; getLogs by number ${byBlock.length}, by hash ${byHash.length}`,
    )
  }
  // Which process serves the port: the stack's restored anvil, or one that outlived the kill.
  const { execFileSync } = await import('node:child_process')
  const port = new URL(chain.rpcUrl).port
  const listener = (() => {
    try {
      return execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' }).trim()
    } catch {
      return 'ss unavailable'
    }
  })()
  return `${lines.join('; ')}; port ${port} served by: ${listener}`
}

/** The block hashes the archive recorded (on its log lines) for blocks `from`..`to`: compared with the node's at a split. */
export async function archivedHashes(file: string, from: number, to: number): Promise<string> {
  const { readFileSync, existsSync } = await import('node:fs')
  const text = existsSync(file) ? readFileSync(file, 'latin1') : ''
  const out: string[] = []
  for (let n = from; n <= Math.min(to, from + 5); n++) {
    const lines = text.split('\n').filter((l) => l.startsWith(`{"b":${n},`))
    const hash = /"h":"(0x[0-9a-f]{8})/.exec(lines[0] ?? '')?.[1] ?? '-'
    out.push(`${n} ${hash} (${lines.length} logs)`)
  }
  return out.join('; ')
}
