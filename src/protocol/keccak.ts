/**
 * Keccak-256 (the pre-standard padding Ethereum uses, not SHA3-256) and EIP-55 checksummed
 * addresses, without ethers: the read-only commands print checksummed addresses exactly as ethers
 * would, and loading ethers for that alone costs ~200 ms. Node's crypto has SHA3 but no Keccak.
 * Lanes are 64-bit words kept as two 32-bit halves (lo, hi), so no BigInt arithmetic is needed.
 * test/unit/view-calls.test.ts checks both against ethers on random inputs.
 */

const RATE = 136 // bytes absorbed per permutation for a 256-bit output

/** Round constants and rotation offsets, derived from the spec's LFSR and (x, y) walk at load. */
const ROUND_LO = new Uint32Array(24)
const ROUND_HI = new Uint32Array(24)
const ROTATION = new Uint8Array(25)
const PI_TARGET = new Uint8Array(25)
{
  let lfsr = 1
  for (let round = 0; round < 24; round++) {
    for (let j = 0; j < 7; j++) {
      const bit = (1 << j) - 1
      if (lfsr & 1) {
        if (bit < 32) ROUND_LO[round]! |= 1 << bit
        else ROUND_HI[round]! |= 1 << (bit - 32)
      }
      lfsr = ((lfsr << 1) ^ (lfsr & 0x80 ? 0x71 : 0)) & 0xff
    }
  }
  let [x, y] = [1, 0]
  for (let t = 0; t < 24; t++) {
    ROTATION[x + 5 * y] = (((t + 1) * (t + 2)) / 2) % 64
    ;[x, y] = [y, (2 * x + 3 * y) % 5]
  }
  for (let i = 0; i < 25; i++) {
    const [px, py] = [i % 5, Math.floor(i / 5)]
    PI_TARGET[i] = py + 5 * ((2 * px + 3 * py) % 5)
  }
}

/** Rotate the 64-bit lane (lo, hi) left by n into out[at], out[at + 1]. */
function rotate(lo: number, hi: number, n: number, out: Uint32Array, at: number): void {
  if (n >= 32) [lo, hi, n] = [hi, lo, n - 32]
  out[at] = n === 0 ? lo : (lo << n) | (hi >>> (32 - n))
  out[at + 1] = n === 0 ? hi : (hi << n) | (lo >>> (32 - n))
}

function permute(s: Uint32Array): void {
  const c = new Uint32Array(10)
  const d = new Uint32Array(2)
  const b = new Uint32Array(50)
  for (let round = 0; round < 24; round++) {
    // θ: xor each column's parity into its neighbours.
    for (let x = 0; x < 5; x++) {
      for (let h = 0; h < 2; h++) {
        c[2 * x + h] =
          s[2 * x + h]! ^ s[2 * x + 10 + h]! ^ s[2 * x + 20 + h]! ^ s[2 * x + 30 + h]! ^ s[2 * x + 40 + h]!
      }
    }
    for (let x = 0; x < 5; x++) {
      const next = 2 * ((x + 1) % 5)
      const prev = 2 * ((x + 4) % 5)
      rotate(c[next]!, c[next + 1]!, 1, d, 0)
      for (let y = 0; y < 5; y++) {
        s[2 * (x + 5 * y)]! ^= c[prev]! ^ d[0]!
        s[2 * (x + 5 * y) + 1]! ^= c[prev + 1]! ^ d[1]!
      }
    }
    // ρ and π: rotate every lane and move it to its new place.
    for (let i = 0; i < 25; i++) rotate(s[2 * i]!, s[2 * i + 1]!, ROTATION[i]!, b, 2 * PI_TARGET[i]!)
    // χ: the only non-linear step, along each row.
    for (let y = 0; y < 25; y += 5) {
      for (let x = 0; x < 5; x++) {
        const [i, i1, i2] = [2 * (y + x), 2 * (y + ((x + 1) % 5)), 2 * (y + ((x + 2) % 5))]
        s[i] = b[i]! ^ (~b[i1]! & b[i2]!)
        s[i + 1] = b[i + 1]! ^ (~b[i1 + 1]! & b[i2 + 1]!)
      }
    }
    // ι
    s[0]! ^= ROUND_LO[round]!
    s[1]! ^= ROUND_HI[round]!
  }
}

/** keccak256 of `input`, as 0x-prefixed lower-case hex. */
export function keccak256(input: Uint8Array): string {
  const blocks = Math.floor(input.length / RATE) + 1
  const padded = new Uint8Array(blocks * RATE)
  padded.set(input)
  padded[input.length]! ^= 0x01
  padded[padded.length - 1]! ^= 0x80
  const state = new Uint32Array(50)
  const view = new DataView(padded.buffer)
  for (let block = 0; block < blocks; block++) {
    for (let i = 0; i < RATE / 4; i++) state[i]! ^= view.getUint32(block * RATE + 4 * i, true)
    permute(state)
  }
  const out = new DataView(new ArrayBuffer(32))
  for (let i = 0; i < 8; i++) out.setUint32(4 * i, state[i]!, true)
  return `0x${Buffer.from(out.buffer).toString('hex')}`
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
