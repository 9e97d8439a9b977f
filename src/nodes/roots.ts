import { onRampBytes } from '../protocol/abi-words.js'
import type { SentMessage } from '../protocol/events.js'
import type { MerkleRoot } from '../protocol/types.js'
import type { NodeChain } from './context.js'
import { leafOf, treeOf } from './memo.js'

/** The Merkle leaves of consecutive messages of one lane, as the destination OffRamp hashes them. */
export function laneLeaves(messages: readonly SentMessage[], source: NodeChain): string[] {
  // The leaf commits to the on-ramp that emitted the log; a message from anywhere else is not this lane's.
  if (messages.some((m) => m.onRamp.toLowerCase() !== source.onRamp.toLowerCase())) {
    throw new Error(`message not from ${source.name}'s on-ramp`)
  }
  return messages.map(leafOf)
}

/** The commit root over messages [first, last] of one lane. */
export function rootOf(messages: readonly SentMessage[], source: NodeChain): MerkleRoot {
  const first = messages[0]
  const last = messages[messages.length - 1]
  if (first === undefined || last === undefined) throw new Error('a root needs at least one message')
  return {
    sourceChainSelector: source.selector,
    onRampAddress: onRampBytes(source.onRamp),
    minSeqNr: first.message.header.sequenceNumber,
    maxSeqNr: last.message.header.sequenceNumber,
    merkleRoot: treeOf(laneLeaves(messages, source)).root,
  }
}

export const sameRoot = (a: MerkleRoot, b: MerkleRoot): boolean =>
  a.sourceChainSelector === b.sourceChainSelector &&
  a.onRampAddress.toLowerCase() === b.onRampAddress.toLowerCase() &&
  a.minSeqNr === b.minSeqNr &&
  a.maxSeqNr === b.maxSeqNr &&
  a.merkleRoot.toLowerCase() === b.merkleRoot.toLowerCase()
