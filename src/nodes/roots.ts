import type { SentMessage } from '../chain/events.js'
import { leafHash, onRampBytes, toAny2EVM } from '../protocol/hashing.js'
import { MerkleTree } from '../protocol/merkle.js'
import type { MerkleRoot } from '../protocol/types.js'
import type { NodeChain } from './context.js'

/** The Merkle leaves of consecutive messages of one lane, as the destination OffRamp hashes them. */
export function laneLeaves(messages: readonly SentMessage[], source: NodeChain): string[] {
  const onRamp = onRampBytes(source.onRamp)
  return messages.map((m) => leafHash(toAny2EVM(m.message), onRamp))
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
    merkleRoot: new MerkleTree(laneLeaves(messages, source)).root,
  }
}

export const sameRoot = (a: MerkleRoot, b: MerkleRoot): boolean =>
  a.sourceChainSelector === b.sourceChainSelector &&
  a.onRampAddress.toLowerCase() === b.onRampAddress.toLowerCase() &&
  a.minSeqNr === b.minSeqNr &&
  a.maxSeqNr === b.maxSeqNr &&
  a.merkleRoot.toLowerCase() === b.merkleRoot.toLowerCase()
