import { createRequire } from 'node:module'

/**
 * Keccak-256 (Ethereum's pre-standard padding, not SHA3-256) and EIP-55 checksummed addresses.
 * Node's crypto has SHA3 but no Keccak. This is hash-wasm's keccak build alone (11 KB of
 * WebAssembly, ~5 ms to load): ~15× faster than ethers' JavaScript keccak, which was the nodes'
 * top CPU cost (Merkle leaves and trees, report digests, hashes of 30 KB execute transactions),
 * and it spares the read-only commands loading ethers for a checksum.
 * test/unit/view-calls.test.ts checks both against ethers on random inputs.
 */
interface Hasher {
  init(): Hasher
  update(data: Uint8Array): Hasher
  digest(encoding: 'hex'): string
}

// The deep path loads the keccak build only, not the package's 40 other algorithms.
const { createKeccak } = createRequire(import.meta.url)('hash-wasm/dist/keccak.umd.min.js') as {
  createKeccak(bits: 256): Promise<Hasher>
}
const hasher = await createKeccak(256)

/** keccak256 of bytes, or of the bytes a 0x-hex string spells; 0x-prefixed lower-case hex. */
export function keccak256(input: Uint8Array | string): string {
  const bytes = typeof input === 'string' ? hexToBytes(input) : input
  return `0x${hasher.init().update(bytes).digest('hex')}`
}

function hexToBytes(hex: string): Buffer {
  const bytes = Buffer.from(hex.slice(2), 'hex')
  // Buffer.from stops at the first bad digit; a hash of half the input must not pass silently.
  if (!hex.startsWith('0x') || bytes.length * 2 !== hex.length - 2)
    throw new Error(`not hex bytes: ${hex.slice(0, 20)}…`)
  return bytes
}

/** EIP-55: a hex letter is upper case where the keccak of the lower-case address has a nibble ≥ 8. */
export function checksumAddress(address: string): string {
  const lower = address.toLowerCase().replace(/^0x/, '')
  if (!/^[0-9a-f]{40}$/.test(lower)) throw new Error(`not an address: ${address}`)
  const hash = keccak256(Buffer.from(lower, 'ascii'))
  let out = '0x'
  for (let i = 0; i < 40; i++) {
    const ch = lower[i]!
    out += Number.parseInt(hash[2 + i]!, 16) >= 8 ? ch.toUpperCase() : ch
  }
  return out
}
