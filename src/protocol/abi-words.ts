/**
 * ABI words by hand, read and written, without ethers: the hot paths (`ccip status`, the
 * nodes' log scans) read fixed layouts where a generic decoder's cost (and ethers' ~200 ms load)
 * is not affordable. Offsets are in bytes from the start of `hex`, which has no 0x prefix.
 */

export const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000'
/** The zero address in any case (an unset address slot). */
export const isZeroAddress = (address: string): boolean => /^0x0{40}$/i.test(address)

/** Hex digits of `data` without 0x, lower case. */
export const body = (data: string): string => data.slice(2).toLowerCase()
export const word = (hex: string, byteOffset: number): string =>
  hex.slice(byteOffset * 2, byteOffset * 2 + 64)
export const uint = (hex: string, byteOffset: number): bigint => BigInt(`0x${word(hex, byteOffset) || '0'}`)
export const num = (hex: string, byteOffset: number): number => Number(uint(hex, byteOffset))
/** The address in the low 20 bytes of a word (lower case). */
export const addressAt = (hex: string, byteOffset: number): string => `0x${word(hex, byteOffset).slice(24)}`
/** `bytes` whose length word is at `byteOffset`. */
export const bytesAt = (hex: string, byteOffset: number): string => {
  const length = num(hex, byteOffset)
  return `0x${hex.slice((byteOffset + 32) * 2, (byteOffset + 32 + length) * 2)}`
}

/** One ABI word (64 hex digits, no 0x) holding an unsigned integer. */
export const uintWord = (value: bigint | number): string => value.toString(16).padStart(64, '0')
/** One ABI word holding an address (left-padded, lower case). */
export const addressWord = (address: string): string => address.slice(2).toLowerCase().padStart(64, '0')
/** One ABI word holding a bytes32 value (lower case). */
export const bytes32Word = (value: string): string => value.slice(2).toLowerCase().padStart(64, '0')
/**
 * A ramp's address as the 32-byte `bytes` CCIP 1.6 stores for it (lane configs, Merkle roots,
 * the leaf's metadata hash): left-padded, lower case, 0x-prefixed.
 */
export const onRampBytes = (onRamp: string): string => remoteAddressBytes(onRamp)
/**
 * An EVM address as CCIP keeps another chain's address in `bytes` (a pool's remote pools and
 * remote token, a lane's ramp): its 32-byte ABI encoding, lower case. 20 raw bytes never match.
 */
export const remoteAddressBytes = (address: string): string => `0x${addressWord(address)}`
/** Back from that encoding: a 32-byte ABI-encoded EVM address as its 20 bytes; any other bytes as they are. */
export const evmAddressOf = (bytes: string): string => (bytes.length === 66 ? `0x${bytes.slice(26)}` : bytes)
