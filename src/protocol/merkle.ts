import { keccak256 } from './keccak.js'

/**
 * The Merkle tree CCIP commits to, in the standard shape of Chainlink's off-chain `merklemulti`
 * (and the official SDK): leaves in sequence-number order, each odd layer padded with the zero
 * hash, internal nodes keccak256(0x…01 ‖ min(a,b) ‖ max(a,b)). merklemulti's "zero hash" is
 * 0xFF…FF, not 0x00…00: the OffRamp would accept either padding, but only this one gives the
 * roots production commits and that Chainlink's tools rebuild from source logs. Multiproofs cover any subset of
 * leaves and follow the OffRamp's queue-based verifier (MerkleMultiProof): flag bit i set means
 * "take the next leaf or computed hash", clear means "take the next proof hash".
 */
export const MAX_LEAVES = 256
export const ZERO_HASH = `0x${'ff'.repeat(32)}`
const INTERNAL_DOMAIN_SEPARATOR = `0x${'00'.repeat(31)}01`

export function hashPair(a: string, b: string): string {
  const [lo, hi] = BigInt(a) < BigInt(b) ? [a, b] : [b, a]
  return keccak256(`${INTERNAL_DOMAIN_SEPARATOR}${lo.slice(2)}${hi.slice(2)}`)
}

export interface MultiProof {
  proofs: string[]
  proofFlagBits: bigint
}

export class MerkleTree {
  /** layers[0] = leaves; every layer but the root is padded to even length. */
  private readonly layers: string[][]

  constructor(leaves: readonly string[]) {
    if (leaves.length === 0) throw new Error('a Merkle tree needs at least one leaf')
    if (leaves.length > MAX_LEAVES) throw new Error(`at most ${MAX_LEAVES} leaves per root`)
    const layers: string[][] = []
    let layer = [...leaves]
    while (layer.length > 1) {
      if (layer.length % 2 === 1) layer.push(ZERO_HASH)
      layers.push(layer)
      const next: string[] = []
      for (let i = 0; i < layer.length; i += 2) next.push(hashPair(layer[i]!, layer[i + 1]!))
      layer = next
    }
    layers.push(layer)
    this.layers = layers
  }

  get root(): string {
    return this.layers[this.layers.length - 1]![0]!
  }

  /** A multiproof for the leaves at `indices` (any subset, any order). */
  prove(indices: readonly number[]): MultiProof {
    let current = [...new Set(indices)].sort((a, b) => a - b)
    const leafCount = this.layers[0]!.length
    if (current.length === 0 || current.some((i) => i < 0 || i >= leafCount))
      throw new Error('bad leaf indices')
    const proofs: string[] = []
    let flags = 0n
    let bit = 0n
    for (let depth = 0; depth < this.layers.length - 1; depth++) {
      const layer = this.layers[depth]!
      const next: number[] = []
      for (let j = 0; j < current.length; ) {
        const index = current[j]!
        const sibling = index ^ 1
        if (current[j + 1] === sibling) {
          flags |= 1n << bit // both halves come from leaves or computed hashes
          j += 2
        } else {
          proofs.push(layer[sibling]!)
          j += 1
        }
        bit += 1n
        next.push(index >> 1)
      }
      current = next
    }
    return { proofs, proofFlagBits: flags }
  }
}

/** The OffRamp's verifier, in TypeScript: recompute the root from leaves + multiproof. */
export function rootFromProof(leaves: readonly string[], proof: MultiProof): string {
  const total = leaves.length + proof.proofs.length - 1
  if (total === 0) return leaves[0]!
  const hashes: string[] = []
  let leafPos = 0
  let hashPos = 0
  let proofPos = 0
  const nextQueued = () => (leafPos < leaves.length ? leaves[leafPos++]! : hashes[hashPos++]!)
  for (let i = 0; i < total; i++) {
    const a = (proof.proofFlagBits >> BigInt(i)) & 1n ? nextQueued() : proof.proofs[proofPos++]!
    const b = nextQueued()
    hashes.push(hashPair(a, b))
  }
  return hashes[total - 1]!
}
