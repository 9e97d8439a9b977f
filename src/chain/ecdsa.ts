import * as secp256k1 from 'tiny-secp256k1'
import { keccak256 } from '../protocol/keccak.js'

/**
 * secp256k1 signing and recovery over a 32-byte hash, on libsecp256k1 (compiled to WebAssembly:
 * tiny-secp256k1) for the nodes' hot paths. CCIP 2.0 signs and checks every message: on ethers'
 * pure-JS curve a signature took ~0.55 ms and a recovery ~2.1 ms (measured), most of a 2.0
 * message's off-chain work; here 0.15 and 0.33 ms. Signatures are RFC 6979 deterministic, the
 * same bytes ethers makes (test/unit/ecdsa.test.ts).
 */
export interface RecoverableSignature {
  r: string
  s: string
  yParity: 0 | 1
}

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
const bytes = (hex: string): Uint8Array => Buffer.from(hex.replace(/^0x/, '').padStart(64, '0'), 'hex')
const hex = (b: Uint8Array): string => `0x${Buffer.from(b).toString('hex')}`

/** `hash` signed with `privateKey` (both 0x-hex, 32 bytes), low s. */
export function signHash(hash: string, privateKey: string): RecoverableSignature {
  const { signature, recoveryId } = secp256k1.signRecoverable(bytes(hash), bytes(privateKey))
  return {
    r: hex(signature.subarray(0, 32)),
    s: hex(signature.subarray(32)),
    yParity: (recoveryId & 1) as 0 | 1,
  }
}

/**
 * The address ecrecover(hash, 27 + yParity, r, s) gives (lower case), undefined where it gives
 * none. Like the precompile it takes any s in [1, n − 1]: a high s is its low twin with the other parity.
 */
export function recoverSigner(hash: string, sig: RecoverableSignature): string | undefined {
  const r = BigInt(sig.r)
  let s = BigInt(sig.s)
  let parity: number = sig.yParity
  if (r <= 0n || r >= N || s <= 0n || s >= N) return undefined
  if (s > N / 2n) {
    s = N - s
    parity ^= 1
  }
  const compact = Buffer.concat([bytes(r.toString(16)), bytes(s.toString(16))])
  let publicKey: Uint8Array | null
  try {
    publicKey = secp256k1.recover(bytes(hash), compact, parity as 0 | 1, false)
  } catch {
    return undefined
  }
  return publicKey === null ? undefined : `0x${keccak256(hex(publicKey.subarray(1))).slice(-40)}`
}
