import { decodeMessageSent, type LogFields, type SentMessage } from '../chain/events.js'
import { leafHash, onRampBytes, toAny2EVM } from '../protocol/hashing.js'

/**
 * Pure-function memos shared by the nodes of the one process. Every node still fetches its own
 * logs over its own connection; only the decoding and hashing of byte-identical log data is done
 * once (the key includes the data, so a different log from a lying RPC is decoded on its own).
 */
const MAX_ENTRIES = 50_000
const decoded = new Map<string, { data: string; sent: SentMessage }>()
const leaves = new WeakMap<SentMessage, string>()

export function decodeSentCached(log: LogFields): SentMessage {
  const key = `${log.transactionHash}:${log.index}`
  const hit = decoded.get(key)
  if (hit !== undefined && hit.data === log.data && hit.sent.blockNumber === log.blockNumber) return hit.sent
  if (decoded.size >= MAX_ENTRIES) decoded.clear()
  const sent = decodeMessageSent(log)
  decoded.set(key, { data: log.data, sent })
  return sent
}

/** The message's Merkle leaf on its destination (the on-ramp is the log's emitter). */
export function leafOf(sent: SentMessage): string {
  let leaf = leaves.get(sent)
  if (leaf === undefined) {
    leaf = leafHash(toAny2EVM(sent.message), onRampBytes(sent.onRamp))
    leaves.set(sent, leaf)
  }
  return leaf
}
