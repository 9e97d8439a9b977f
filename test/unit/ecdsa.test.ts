import { computeAddress, keccak256, recoverAddress, SigningKey, toBeHex } from 'ethers'
import { describe, expect, it } from 'vitest'
import { recoverSigner, signHash } from '../../src/chain/ecdsa.js'

/**
 * The nodes' secp256k1 (libsecp256k1 in WebAssembly) against ethers: signatures byte-identical
 * (both RFC 6979), and for every signature, honest or tampered (another hash, r, s or parity,
 * another claimed signer), the same answer as ecrecover on whether the claimed signer signed.
 */
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
const keys = [1, 2, 3].map((i) => new SigningKey(keccak256(toBeHex(i, 32))))
const hashOf = (i: number) => keccak256(toBeHex(1000 + i, 32))

interface Sig {
  r: string
  s: string
  yParity: 0 | 1
}

/** ecrecover's answer (any s in [1, n − 1]): ethers refuses a high s, so its low twin is asked. */
function reference(hash: string, sig: Sig, signer: string): boolean {
  const s = BigInt(sig.s)
  const low = s > N / 2n ? { ...sig, s: toBeHex(N - s, 32), yParity: (1 - sig.yParity) as 0 | 1 } : sig
  try {
    return recoverAddress(hash, low).toLowerCase() === signer
  } catch {
    return false
  }
}

describe('ecdsa', () => {
  it('signs exactly as ethers does', () => {
    for (let i = 0; i < 30; i++) {
      const key = keys[i % keys.length]!
      const theirs = key.sign(hashOf(i))
      expect(signHash(hashOf(i), key.privateKey), `#${i}`).toEqual({
        r: theirs.r,
        s: theirs.s,
        yParity: theirs.yParity,
      })
    }
  })

  it('recovers the signer ecrecover would, on honest and tampered signatures', () => {
    let accepted = 0
    for (let i = 0; i < 40; i++) {
      const key = keys[i % keys.length]!
      const signer = computeAddress(key.publicKey).toLowerCase()
      const hash = hashOf(i)
      const sig = key.sign(hash)
      const honest: Sig = { r: sig.r, s: sig.s, yParity: sig.yParity }
      const cases: [string, string, Sig, string][] = [
        ['honest', hash, honest, signer],
        ['another hash', hashOf(i + 1), honest, signer],
        ['flipped parity', hash, { ...honest, yParity: (1 - sig.yParity) as 0 | 1 }, signer],
        ['high s, same parity', hash, { ...honest, s: toBeHex(N - BigInt(sig.s), 32) }, signer],
        [
          'high s, flipped parity',
          hash,
          { ...honest, s: toBeHex(N - BigInt(sig.s), 32), yParity: (1 - sig.yParity) as 0 | 1 },
          signer,
        ],
        ['r + 1', hash, { ...honest, r: toBeHex(BigInt(sig.r) + 1n, 32) }, signer],
        [
          "another member's claim",
          hash,
          honest,
          computeAddress(keys[(i + 1) % keys.length]!.publicKey).toLowerCase(),
        ],
      ]
      for (const [what, h, s, claimed] of cases) {
        const expected = reference(h, s, claimed)
        expect(recoverSigner(h, s) === claimed, `${what} #${i}`).toBe(expected)
        if (expected) accepted++
      }
    }
    // Honest ones and the equivalent high-s twin with the other parity: 2 per round.
    expect(accepted).toBe(80)
  })

  it('refuses r or s outside the curve order', () => {
    const key = keys[0]!
    const signer = computeAddress(key.publicKey).toLowerCase()
    const sig = key.sign(hashOf(0))
    expect(recoverSigner(hashOf(0), { r: sig.r, s: sig.s, yParity: sig.yParity })).toBe(signer)
    for (const bad of [0n, N])
      expect(
        recoverSigner(hashOf(0), { r: sig.r, s: toBeHex(bad, 32), yParity: sig.yParity }),
      ).toBeUndefined()
  })
})
