import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { hexlify, keccak256, randomBytes } from 'ethers'
import { describe, expect, it } from 'vitest'
import { packageRoot } from '../../src/package-root.js'
import { hashPair, MerkleTree, rootFromProof, ZERO_HASH } from '../../src/protocol/merkle.js'

interface Vector {
  proofLeaves: string[]
  proofHashes: string[]
  proofFlags: boolean[]
  allLeaves: string[]
  expectedRoot: string
}
/** Chainlink's published merklemulti vectors (facts copied as data; see the file's `source`). */
const vectors = (
  JSON.parse(readFileSync(join(packageRoot(), 'fixtures/merklemulti-vectors.json'), 'utf8')) as {
    vectors: Vector[]
  }
).vectors
const flagBits = (flags: boolean[]) => flags.reduce((bits, f, i) => (f ? bits | (1n << BigInt(i)) : bits), 0n)

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

  it("pads odd layers with merklemulti's zero hash, 0xFF…FF", () => {
    const [a, b, c] = leaves(3) as [string, string, string]
    expect(ZERO_HASH).toBe(`0x${'ff'.repeat(32)}`)
    expect(new MerkleTree([a, b, c]).root).toBe(hashPair(hashPair(a, b), hashPair(c, ZERO_HASH)))
  })

  it("builds Chainlink's roots for its published vectors (10 and 100 leaves)", () => {
    expect(vectors.length).toBeGreaterThanOrEqual(2)
    for (const v of vectors) expect(new MerkleTree(v.allLeaves).root).toBe(v.expectedRoot)
  })

  it("verifies Chainlink's published multiproofs, and proves the same leaves identically", () => {
    for (const v of vectors) {
      const proof = { proofs: v.proofHashes, proofFlagBits: flagBits(v.proofFlags) }
      expect(rootFromProof(v.proofLeaves, proof)).toBe(v.expectedRoot)
      const indices = v.proofLeaves.map((leaf) => v.allLeaves.indexOf(leaf))
      expect(new MerkleTree(v.allLeaves).prove(indices)).toEqual(proof)
    }
  })

  it("matches the SDK's hand-built roots for 1–6 leaves (keccak of 0x0a…0x0f)", () => {
    const [a, b, c, d, e, f] = ['0x0a', '0x0b', '0x0c', '0x0d', '0x0e', '0x0f'].map((x) =>
      keccak256(x),
    ) as string[]
    const h = hashPair
    const Z = ZERO_HASH
    const expected = [
      a,
      h(a!, b!),
      h(h(a!, b!), h(c!, Z)),
      h(h(a!, b!), h(c!, d!)),
      h(h(h(a!, b!), h(c!, d!)), h(h(e!, Z), Z)),
      h(h(h(a!, b!), h(c!, d!)), h(h(e!, f!), Z)),
    ]
    for (let n = 1; n <= 6; n++)
      expect(new MerkleTree([a!, b!, c!, d!, e!, f!].slice(0, n)).root).toBe(expected[n - 1])
  })

  it('every leaf count 1–256 gives the layer-by-layer merklemulti root', () => {
    // merklemulti's definition, written top-down here: pad every odd layer with the zero hash.
    const reference = (layer: string[]): string => {
      if (layer.length === 1) return layer[0]!
      const padded = layer.length % 2 === 1 ? [...layer, ZERO_HASH] : layer
      return reference(
        Array.from({ length: padded.length / 2 }, (_, i) => hashPair(padded[2 * i]!, padded[2 * i + 1]!)),
      )
    }
    const all = leaves(256)
    for (let n = 1; n <= 256; n++)
      expect(new MerkleTree(all.slice(0, n)).root, `n=${n}`).toBe(reference(all.slice(0, n)))
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
