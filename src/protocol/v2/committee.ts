import { keccak256 } from '../keccak.js'
import { lengthPrefixed, PackedReader, strip } from './packed.js'

/**
 * The committee verifier's rules (CommitteeVerifier 2.0.0): what each signer signs, how a
 * signature must look for `ecrecover(hash, 27, r, s)`, and the verifierResults blob the OffRamp
 * hands to `verifyMessage`: version tag ‖ uint16 length ‖ 64-byte signatures in ascending signer
 * order.
 */

/** bytes4(keccak256("CommitteeVerifier 2.0.0")): Chainlink's tag, the first 4 bytes of every result. */
export const COMMITTEE_VERSION_TAG = '0xe9a05a20'

/** secp256k1's group order: a signature with yParity 1 becomes (r, n − s), recoverable with v = 27. */
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n

/** keccak256(versionTag ‖ messageId): signed raw, without an EIP-191 prefix. */
export const committeeSignedHash = (messageId: string, versionTag = COMMITTEE_VERSION_TAG): string =>
  keccak256(`0x${strip(versionTag)}${strip(messageId)}`)

export interface CommitteeSignature {
  signer: string
  r: string
  s: string
  /** 0 or 1 (v − 27). */
  yParity: number
}

/** r ‖ s with s flipped where needed so that v = 27 recovers the signer (the contract assumes 27). */
export function normalizedSignature(sig: CommitteeSignature): string {
  const s = sig.yParity === 1 ? SECP256K1_N - BigInt(sig.s) : BigInt(sig.s)
  return `${strip(sig.r).padStart(64, '0')}${s.toString(16).padStart(64, '0')}`
}

/**
 * The verifierResults of a quorum: tag ‖ uint16 length ‖ the signatures sorted by signer address
 * (strictly ascending, as the contract demands; duplicates refused here rather than on chain).
 */
export function encodeVerifierResults(
  signatures: readonly CommitteeSignature[],
  versionTag = COMMITTEE_VERSION_TAG,
): string {
  const sorted = [...signatures].sort((a, b) => (BigInt(a.signer) < BigInt(b.signer) ? -1 : 1))
  for (let i = 1; i < sorted.length; i++) {
    if (BigInt(sorted[i]!.signer) === BigInt(sorted[i - 1]!.signer))
      throw new RangeError(`two signatures of ${sorted[i]!.signer}`)
  }
  return `0x${strip(versionTag)}${lengthPrefixed(sorted.map(normalizedSignature).join(''), 2)}`
}

/** The tag and the 64-byte signatures of a verifierResults blob (bytes after the declared length are ignored, as on chain). */
export function decodeVerifierResults(results: string): {
  versionTag: string
  signatures: { r: string; s: string }[]
} {
  const r = new PackedReader(results, 'verifierResults')
  const versionTag = r.bytes(4, 'versionTag')
  const sigs = strip(r.prefixed(2, 'signatures'))
  if (sigs.length % 128 !== 0) throw new RangeError('verifierResults: signatures are 64 bytes each')
  const signatures = Array.from({ length: sigs.length / 128 }, (_, i) => ({
    r: `0x${sigs.slice(i * 128, i * 128 + 64)}`,
    s: `0x${sigs.slice(i * 128 + 64, i * 128 + 128)}`,
  }))
  return { versionTag, signatures }
}
