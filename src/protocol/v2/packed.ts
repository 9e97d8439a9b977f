/**
 * Tightly packed big-endian bytes, as CCIP 2.0's codecs lay them out (MessageV1, extraArgs V3,
 * verifier results): fixed-width integers and length-prefixed fields, no ABI words. The reader is
 * strict the way the contracts are: a field past the end, or bytes left over, is an error.
 */

/** `value` as `bytes` big-endian bytes of hex (no 0x); throws when it does not fit. */
export function uintBytes(value: bigint | number, bytes: number): string {
  const v = BigInt(value)
  if (v < 0n || v >= 1n << BigInt(8 * bytes)) throw new RangeError(`${value} does not fit in ${bytes} bytes`)
  return v.toString(16).padStart(2 * bytes, '0')
}

/** Hex without 0x, lower case; `0x`/empty is empty. */
export const strip = (hex: string): string => hex.replace(/^0x/i, '').toLowerCase()

/** `data` behind a length prefix of `prefixBytes` bytes. */
export function lengthPrefixed(data: string, prefixBytes: 1 | 2): string {
  const body = strip(data)
  if (body.length % 2 !== 0) throw new RangeError(`odd-length hex: 0x${body}`)
  return uintBytes(body.length / 2, prefixBytes) + body
}

/** Where a packed decode failed: the field's name and the byte offset. */
export class PackedDataError extends Error {
  override name = 'PackedDataError'
}

export class PackedReader {
  private readonly hex: string
  private at = 0

  constructor(
    data: string,
    private readonly what: string,
  ) {
    this.hex = strip(data)
    if (!/^([0-9a-f]{2})*$/.test(this.hex)) throw new PackedDataError(`${what}: not hex bytes`)
  }

  /** Bytes read so far. */
  get offset(): number {
    return this.at
  }

  /** `n` raw bytes as 0x-hex. */
  bytes(n: number, field: string): string {
    if ((this.at + n) * 2 > this.hex.length) {
      throw new PackedDataError(
        `${this.what}: ${field} runs past the end (byte ${this.at} + ${n} of ${this.hex.length / 2})`,
      )
    }
    const out = this.hex.slice(this.at * 2, (this.at + n) * 2)
    this.at += n
    return `0x${out}`
  }

  uint(n: number, field: string): bigint {
    return BigInt(this.bytes(n, field))
  }

  /** A field behind a `prefixBytes`-byte length. */
  prefixed(prefixBytes: 1 | 2, field: string): string {
    return this.bytes(Number(this.uint(prefixBytes, `${field} length`)), field)
  }

  /** The decode must have used every byte (the contracts revert on trailing data). */
  end(): void {
    if (this.at * 2 !== this.hex.length) {
      throw new PackedDataError(
        `${this.what}: ${this.hex.length / 2 - this.at} bytes left over at byte ${this.at}`,
      )
    }
  }
}
