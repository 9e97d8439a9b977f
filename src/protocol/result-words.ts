import { checksumAddress } from './keccak.js'

/**
 * Reads the ABI words of one call's result at byte offsets, for the hand-decoded views of
 * view-calls.ts. Strict where a node's answer can be wrong: a result too short for what is read
 * throws (as ethers' BAD_DATA does) rather than reading zeros beyond its end, and an address word
 * with high bits set is refused. Addresses come back checksummed, as ethers returns them.
 */
export class Words {
  private readonly hex: string
  constructor(result: string) {
    if (!/^0x([0-9a-fA-F]{2})*$/.test(result)) throw new Error(`not ABI data: ${result.slice(0, 20)}…`)
    this.hex = result.slice(2).toLowerCase()
  }
  word(at: number): string {
    if (at < 0 || (at + 32) * 2 > this.hex.length) throw new Error(`ABI data too short for a word at ${at}`)
    return this.hex.slice(at * 2, at * 2 + 64)
  }
  /** uintN, masked to N bits as ethers does. */
  uint(at: number, bits = 256): bigint {
    return BigInt(`0x${this.word(at)}`) & ((1n << BigInt(bits)) - 1n)
  }
  /** An offset or length: small enough to index the data. */
  index(at: number): number {
    const n = this.uint(at)
    if (n > BigInt(this.hex.length)) throw new Error(`ABI offset ${n} beyond the data`)
    return Number(n)
  }
  bool(at: number): boolean {
    return this.uint(at) !== 0n
  }
  address(at: number): string {
    const w = this.word(at)
    if (!w.startsWith('0'.repeat(24))) throw new Error(`not an address word: 0x${w}`)
    return checksumAddress(w.slice(24))
  }
  /** Dynamic `bytes` returned alone: its offset word sits at `at`. */
  bytes(at: number): string {
    const start = this.index(at)
    const length = this.index(start)
    if ((start + 32 + length) * 2 > this.hex.length) throw new Error('ABI bytes beyond the data')
    return `0x${this.hex.slice((start + 32) * 2, (start + 32 + length) * 2)}`
  }
  /** A dynamic array returned alone (offset word first) of one-word elements. */
  array<T>(read: (at: number) => T): T[] {
    const start = this.index(0)
    return Array.from({ length: this.index(start) }, (_, i) => read(start + 32 + 32 * i))
  }
}
