import { onRampBytes } from '../protocol/abi-words.js'
import { MessageState } from '../protocol/status.js'
import type { ChainRecords, CommitRecord, ExecRecord, SendRecord } from './records.js'
import type { HistoryMessage } from './types.js'

/** One chain of the set, with its records and what the join needs to know about it. */
export interface JoinChain {
  name: string
  selector: string
  records: ChainRecords
  /** Sends at or below this block are final on this chain (-1: none known). */
  finalized: number
}

/**
 * Every send of the chains joined with its destination's commits and executions, states derived
 * as `ccip status` derives them (a SUCCESS anywhere wins, else the last attempt, else the furthest
 * phase). Pure and linear: the destinations' executions by id and commits by lane are indexed once.
 * `sourcePools` maps a 1.6 source pool (`chain:pool`) to its token.
 */
export function joinHistory(
  chains: readonly JoinChain[],
  sourcePools: ReadonlyMap<string, string>,
  verified: ReadonlySet<string> = new Set(),
): HistoryMessage[] {
  const bySelector = new Map(chains.map((c) => [c.selector, c]))
  const dests = new Map(chains.map((c) => [c.selector, destIndex(c.records)]))
  const messages: HistoryMessage[] = []
  for (const source of chains) {
    for (const send of source.records.sends) {
      const dest = bySelector.get(send.dest)
      const index = dests.get(send.dest)
      if (dest === undefined || index === undefined) continue
      messages.push(message(source, dest.name, send, index, sourcePools, verified))
    }
  }
  return messages
}

/** A commit with its range as numbers: a message's lookup compares them a dozen times. */
interface Root {
  min: bigint
  max: bigint
  record: CommitRecord
}

interface DestIndex {
  execs: Map<string, ExecRecord[]>
  /** By source selector + padded on-ramp: roots sorted by their first sequence number. */
  commits: Map<string, Root[]>
}

function destIndex(records: ChainRecords): DestIndex {
  const execs = new Map<string, ExecRecord[]>()
  for (const e of records.execs) {
    const list = execs.get(e.id)
    if (list === undefined) execs.set(e.id, [e])
    else list.push(e)
  }
  const commits = new Map<string, Root[]>()
  for (const c of records.commits) {
    const key = `${c.src}:${c.onRamp}`
    const root = { min: BigInt(c.min), max: BigInt(c.max), record: c }
    const list = commits.get(key)
    if (list === undefined) commits.set(key, [root])
    else list.push(root)
  }
  for (const list of commits.values()) list.sort((a, b) => compare(a.min, b.min))
  return { execs, commits }
}

const compare = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0)

/** The root covering `seq`: the last one starting at or before it, if it reaches it. */
function coveringCommit(roots: Root[] | undefined, seq: bigint): CommitRecord | undefined {
  if (roots === undefined) return undefined
  let lo = 0
  let hi = roots.length - 1
  let found: Root | undefined
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const root = roots[mid]!
    if (root.min <= seq) {
      found = root
      lo = mid + 1
    } else hi = mid - 1
  }
  return found !== undefined && found.max >= seq ? found.record : undefined
}

function message(
  source: JoinChain,
  destName: string,
  send: SendRecord,
  dest: DestIndex,
  sourcePools: ReadonlyMap<string, string>,
  verified: ReadonlySet<string>,
): HistoryMessage {
  const seq = BigInt(send.seq)
  const attempts = (dest.execs.get(send.id) ?? []).filter((e) => e.src === source.selector)
  const decided = attempts.find((e) => e.success) ?? attempts.at(-1)
  const commit =
    send.v === '1.6'
      ? coveringCommit(dest.commits.get(`${source.selector}:${onRampBytes(send.onRamp)}`), seq)
      : undefined
  const lastFailure = attempts.filter((e) => !e.success).at(-1)
  return {
    messageId: send.id,
    version: send.v,
    sourceChain: source.name,
    destChain: destName,
    sequenceNumber: seq,
    sender: send.sender,
    receiver: send.receiver,
    state: state(send, source, decided, commit, verified),
    feeToken: send.feeToken,
    feeAmount: BigInt(send.fee),
    tokens: send.tokens.map((t) => ({
      token: t.token ?? sourcePools.get(`${source.name}:${t.pool}`) ?? t.pool ?? '',
      amount: BigInt(t.amount),
    })),
    sent: { txHash: send.tx, blockNumber: send.b, timestamp: send.ts },
    ...(commit === undefined
      ? {}
      : {
          committed: {
            txHash: commit.tx,
            blockNumber: commit.b,
            timestamp: commit.ts,
            blessed: commit.blessed,
          },
        }),
    ...(decided === undefined
      ? {}
      : {
          executed: {
            txHash: decided.tx,
            blockNumber: decided.b,
            timestamp: decided.ts,
            success: decided.success,
          },
        }),
    ...(lastFailure?.reason === undefined ? {} : { failureReason: lastFailure.reason }),
  }
}

function state(
  send: SendRecord,
  source: JoinChain,
  decided: ExecRecord | undefined,
  commit: CommitRecord | undefined,
  verified: ReadonlySet<string>,
): MessageState {
  if (decided !== undefined) return decided.success ? MessageState.SUCCESS : MessageState.FAILURE
  if (commit !== undefined) return commit.blessed ? MessageState.BLESSED : MessageState.COMMITTED
  if (verified.has(send.id)) return MessageState.VERIFIED
  return send.b <= source.finalized ? MessageState.SOURCE_FINALIZED : MessageState.SENT
}
