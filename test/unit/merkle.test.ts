import { hexlify, randomBytes } from 'ethers'
import { describe, expect, it } from 'vitest'
import { hashPair, MerkleTree, rootFromProof } from '../../src/protocol/merkle.js'

const leaves = (n: number) => Array.from({ length: n }, () => hexlify(randomBytes(32)))

function randomSubset(n: number): number[] {
  const picked = Array.from({ length: n }, (_, i) => i).filter(() => Math.random() < 0.4)
  return picked.length > 0 ? picked : [Math.floor(Math.random() * n)]
}

describe('Merkle multi-tree (standard merklemulti shape)', () => {
  it('a single leaf is its own root with an empty proof', () => {
    const [leaf] = leaves(1)
    const tree = new MerkleTree([leaf!])
    expect(tree.root).toBe(leaf)
    expect(tree.prove([0])).toEqual({ proofs: [], proofFlagBits: 0n })
  })

  it('two leaves hash as a sorted pair with the internal domain separator', () => {
    const [a, b] = leaves(2) as [string, string]
    expect(new MerkleTree([a, b]).root).toBe(hashPair(b, a))
  })

  it('pads odd layers with the zero hash', () => {
    const [a, b, c] = leaves(3) as [string, string, string]
    const zero = `0x${'00'.repeat(32)}`
    expect(new MerkleTree([a, b, c]).root).toBe(hashPair(hashPair(a, b), hashPair(c, zero)))
  })

  it('every multiproof of random subsets verifies to the root (1–256 leaves)', () => {
    for (const n of [1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 31, 64, 100, 255, 256]) {
      const set = leaves(n)
      const tree = new MerkleTree(set)
      for (let round = 0; round < 5; round++) {
        const subset = randomSubset(n)
        const proof = tree.prove(subset)
        expect(
          rootFromProof(
            subset.map((i) => set[i]!),
            proof,
          ),
          `n=${n} subset=${subset}`,
        ).toBe(tree.root)
      }
    }
  })

  it('a proof does not verify a leaf it was not made for', () => {
    const set = leaves(10)
    const tree = new MerkleTree(set)
    const proof = tree.prove([3])
    expect(rootFromProof([set[4]!], proof)).not.toBe(tree.root)
  })

  it('refuses more than 256 leaves', () => {
    expect(() => new MerkleTree(leaves(257))).toThrow(/256/)
  })
})
