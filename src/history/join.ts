import { onRampBytes } from '../protocol/abi-words.js'
import { MessageState } from '../protocol/status.js'
import { digitsAt, type HistoryColumns } from './columns.js'

/** One chain of the set, with its records and what the join needs to know about it. */
export interface JoinChain {
  name: string
  selector: string
  records: HistoryColumns
  /** Sends at or below this block are final on this chain (-1: none known). */
  finalized: number
}

/**
 * Every message of the chains, one row each, as indexes into the chains' record columns: what
 * `ccip stats` adds up without building an object per message, and what `messageAt` turns into a
 * HistoryMessage for the rows a caller wants.
 */
export interface HistoryTable {
  chains: readonly JoinChain[]
  /** `chain index:string index` of a 1.6 source pool → its token (2.0 transfers name the token). */
  tokenOfRef: (chain: number, ref: number) => string
  size: number
  /** Chain indexes (into `chains`) of the source and the destination. */
  source: Int32Array
  dest: Int32Array
  /** The send's row in its source's columns, and its first token transfer's. */
  send: Int32Array
  transfer: Int32Array
  state: MessageState[]
  /** Rows in the destination's columns, -1 for none: the covering commit (1.6), the attempt that decided the state, the last failed attempt. */
  commit: Int32Array
  exec: Int32Array
  failure: Int32Array
}

/**
 * Every send of the chains joined with its destination's commits and executions, states derived
 * as `ccip status` derives them (a SUCCESS anywhere wins, else the last attempt, else the furthest
 * phase). Linear: each destination's executions by id and commits by lane are indexed once.
 * `sourcePools` maps a 1.6 source pool (`chain:pool`) to its token.
 */
export function joinHistory(
  chains: readonly JoinChain[],
  sourcePools: ReadonlyMap<string, string>,
): HistoryTable {
  const size = chains.reduce((n, c) => n + c.records.sends.b.length, 0)
  const table: HistoryTable = {
    chains,
    tokenOfRef: tokenResolver(chains, sourcePools),
    size: 0,
    source: new Int32Array(size),
    dest: new Int32Array(size),
    send: new Int32Array(size),
    transfer: new Int32Array(size),
    state: [],
    commit: new Int32Array(size),
    exec: new Int32Array(size),
    failure: new Int32Array(size),
  }
  const bySelector = new Map(chains.map((c, i) => [c.selector, i]))
  const indexes = chains.map((c) => destIndex(c.records))
  chains.forEach((source, s) => {
    const { strings, sends } = source.records
    // Per destination and on-ramp, the roots that can cover a 1.6 send (one lookup per lane).
    const lanes = new Map<string, number[] | undefined>()
    let transfer = 0
    for (let i = 0; i < sends.b.length; i++) {
      const first = transfer
      transfer += sends.transfers[i]!
      const d = bySelector.get(strings[sends.dest[i]!]!)
      if (d === undefined) continue
      const dest = chains[d]!.records
      const index = indexes[d]!
      const k = table.size++
      table.source[k] = s
      table.dest[k] = d
      table.send[k] = i
      table.transfer[k] = first
      const [decided, lastFailure] = attempts(dest, index, digitsAt(sends.id, i), source.selector)
      let commit = -1
      if (sends.v2[i] === 0) {
        const key = `${d}:${sends.onRamp[i]}`
        if (!lanes.has(key))
          lanes.set(key, index.commits.get(`${source.selector}:${onRampBytes(strings[sends.onRamp[i]!]!)}`))
        commit = coveringCommit(lanes.get(key), dest.commits.min, dest.commits.max, sends.seq[i]!)
      }
      table.commit[k] = commit
      table.exec[k] = decided
      table.failure[k] = lastFailure
      table.state.push(stateOf(dest, decided, commit, sends.b[i]! <= source.finalized))
    }
  })
  return table
}

function stateOf(dest: HistoryColumns, decided: number, commit: number, finalized: boolean): MessageState {
  if (decided >= 0) return dest.execs.success[decided] === 1 ? MessageState.SUCCESS : MessageState.FAILURE
  if (commit >= 0) return dest.commits.blessed[commit] === 1 ? MessageState.BLESSED : MessageState.COMMITTED
  return finalized ? MessageState.SOURCE_FINALIZED : MessageState.SENT
}

/** A transfer's token: a 2.0 send names it, a 1.6 send names its pool (resolved, else the pool). */
function tokenResolver(
  chains: readonly JoinChain[],
  sourcePools: ReadonlyMap<string, string>,
): (chain: number, ref: number) => string {
  const resolved = chains.map(() => new Map<number, string>())
  return (c, ref) => {
    let token = resolved[c]!.get(ref)
    if (token === undefined) {
      const chain = chains[c]!
      const named = chain.records.strings[ref] ?? ''
      token = sourcePools.get(`${chain.name}:${named}`) ?? named
      resolved[c]!.set(ref, token)
    }
    return token
  }
}

/**
 * The rows of a message's attempt that decided its state (the first SUCCESS; until there is one,
 * the latest attempt) and of its last failed attempt, -1 for none. Only attempts that name the
 * send's own source chain count, as in `ccip status`.
 */
function attempts(dest: HistoryColumns, index: DestIndex, id: string, selector: string): [number, number] {
  const { strings, execs } = dest
  let decided = -1
  let lastFailure = -1
  for (let e = index.firstAttempt.get(id) ?? -1; e >= 0; e = index.nextAttempt[e]!) {
    if (strings[execs.src[e]!] !== selector) continue
    if (decided < 0 || execs.success[decided] !== 1) decided = e
    if (execs.success[e] !== 1) lastFailure = e
  }
  return [decided, lastFailure]
}

interface DestIndex {
  /** Per message id (64 digits): its first execution attempt; `nextAttempt` links the later ones. */
  firstAttempt: Map<string, number>
  nextAttempt: Int32Array
  /** By source selector + padded on-ramp: commit rows sorted by their first sequence number. */
  commits: Map<string, number[]>
}

function destIndex({ strings, execs, commits }: HistoryColumns): DestIndex {
  const firstAttempt = new Map<string, number>()
  const nextAttempt = new Int32Array(execs.b.length).fill(-1)
  for (let i = execs.b.length - 1; i >= 0; i--) {
    const id = digitsAt(execs.id, i)
    nextAttempt[i] = firstAttempt.get(id) ?? -1
    firstAttempt.set(id, i)
  }
  const byLane = new Map<string, number[]>()
  for (let i = 0; i < commits.b.length; i++) {
    const key = `${strings[commits.src[i]!]}:${strings[commits.onRamp[i]!]}`
    const list = byLane.get(key)
    if (list === undefined) byLane.set(key, [i])
    else list.push(i)
  }
  for (const list of byLane.values()) list.sort((a, b) => commits.min[a]! - commits.min[b]!)
  return { firstAttempt, nextAttempt, commits: byLane }
}

/** The commit row covering `seq`: the last one starting at or before it, if it reaches it. */
function coveringCommit(rows: number[] | undefined, min: number[], max: number[], seq: number): number {
  if (rows === undefined) return -1
  let lo = 0
  let hi = rows.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const row = rows[mid]!
    if (min[row]! <= seq) {
      found = row
      lo = mid + 1
    } else hi = mid - 1
  }
  return found >= 0 && max[found]! >= seq ? found : -1
}
