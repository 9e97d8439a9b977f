import { onRampBytes } from '../protocol/abi-words.js'
import { type LogFields, type SentMessage, sentFromLog } from '../protocol/events.js'
import { leafHash, toAny2EVM } from '../protocol/hashing.js'
import { MerkleTree } from '../protocol/merkle.js'
import type { Any2EVMRampMessage } from '../protocol/types.js'

/**
 * Pure-function memos shared by the nodes of the one process. Every node still fetches its own
 * logs over its own connection; only the decoding and hashing of byte-identical log data is done
 * once (the key includes the data, so a different log from a lying RPC is decoded on its own).
 */
/** Far more than one round reads (tens of messages); bounded memory on a long-lived stack. */
const MAX_ENTRIES = 2_000
const decoded = new Map<string, { data: string; sent: SentMessage }>()
const leaves = new WeakMap<SentMessage, string>()
const executable = new WeakMap<SentMessage, Any2EVMRampMessage>()

export function decodeSentCached(log: LogFields): SentMessage {
  const key = `${log.transactionHash}:${log.logIndex}`
  const hit = decoded.get(key)
  if (hit !== undefined && hit.data === log.data && hit.sent.blockNumber === log.blockNumber) return hit.sent
  if (decoded.size >= MAX_ENTRIES) decoded.clear()
  const sent = sentFromLog(log)
  decoded.set(key, { data: log.data, sent })
  return sent
}

/** The message as the destination OffRamp executes it (receiver, gas limit, token gas). */
export function executableOf(sent: SentMessage): Any2EVMRampMessage {
  let message = executable.get(sent)
  if (message === undefined) {
    message = toAny2EVM(sent.message)
    executable.set(sent, message)
  }
  return message
}

/** The message's Merkle leaf on its destination (the on-ramp is the log's emitter). */
export function leafOf(sent: SentMessage): string {
  let leaf = leaves.get(sent)
  if (leaf === undefined) {
    leaf = leafHash(executableOf(sent), onRampBytes(sent.onRamp))
    leaves.set(sent, leaf)
  }
  return leaf
}

/**
 * The Merkle tree over a list of leaves. A root is built by the leader, re-derived by every
 * follower and RMN node, audited again after the commit and rebuilt for each execution proof:
 * the same up-to-255 keccaks, about ten times per root. Keyed by the leaves themselves.
 */
const MAX_TREES = 256
const trees = new Map<string, MerkleTree>()

export function treeOf(leaves: readonly string[]): MerkleTree {
  const key = leaves.join('')
  let tree = trees.get(key)
  if (tree === undefined) {
    tree = new MerkleTree(leaves)
    // Oldest first out: Map iteration follows insertion order.
    if (trees.size >= MAX_TREES) trees.delete(trees.keys().next().value!)
    trees.set(key, tree)
  }
  return tree
}
