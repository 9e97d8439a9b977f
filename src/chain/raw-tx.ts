import type { SigningKey } from 'ethers'
import { keccak256 } from '../protocol/keccak.js'
import { signHash } from './ecdsa.js'

/**
 * An EIP-1559 transaction signed and serialized over Buffers. ethers' Transaction re-parses the
 * calldata hex byte by byte in JavaScript several times (setter, RLP, hash, signed form); for the
 * execution DON's 50–100 KB execute calls that was a top cost of its thread.
 * test/unit/raw-tx.test.ts checks the bytes against ethers' Transaction.
 */
export interface Eip1559Fields {
  chainId: bigint
  nonce: number
  maxPriorityFeePerGas: bigint
  maxFeePerGas: bigint
  gasLimit: bigint
  to: string
  value?: bigint
  data: string
}

/** An unsigned integer as RLP wants it: big-endian, no leading zeros (0 is empty). */
function uintBytes(value: bigint): Buffer {
  if (value === 0n) return Buffer.alloc(0)
  const hex = value.toString(16)
  return Buffer.from(hex.length % 2 === 1 ? `0${hex}` : hex, 'hex')
}

const hexBytes = (hex: string): Buffer => Buffer.from(hex.slice(2), 'hex')

function lengthPrefix(length: number, short: number): Buffer {
  if (length <= 55) return Buffer.from([short + length])
  const size = uintBytes(BigInt(length))
  return Buffer.concat([Buffer.from([short + 55 + size.length]), size])
}

function rlpItem(bytes: Buffer): Buffer {
  if (bytes.length === 1 && bytes[0]! < 0x80) return bytes
  return Buffer.concat([lengthPrefix(bytes.length, 0x80), bytes])
}

function rlpList(items: readonly Buffer[]): Buffer {
  const payload = Buffer.concat(items)
  return Buffer.concat([lengthPrefix(payload.length, 0xc0), payload])
}

/** Sign with `key`; returns the raw transaction (0x-hex) and its hash. */
export function signEip1559(key: SigningKey, tx: Eip1559Fields): { serialized: string; hash: string } {
  const fields = [
    rlpItem(uintBytes(tx.chainId)),
    rlpItem(uintBytes(BigInt(tx.nonce))),
    rlpItem(uintBytes(tx.maxPriorityFeePerGas)),
    rlpItem(uintBytes(tx.maxFeePerGas)),
    rlpItem(uintBytes(tx.gasLimit)),
    rlpItem(hexBytes(tx.to)),
    rlpItem(uintBytes(tx.value ?? 0n)),
    rlpItem(hexBytes(tx.data)),
    rlpList([]), // access list
  ]
  const typed = (body: Buffer) => Buffer.concat([Buffer.from([2]), body])
  // libsecp256k1 (ecdsa.ts): the same RFC 6979 signature as key.sign, a quarter of its time.
  const signature = signHash(keccak256(typed(rlpList(fields))), key.privateKey)
  const signed = typed(
    rlpList([
      ...fields,
      rlpItem(uintBytes(BigInt(signature.yParity))),
      rlpItem(uintBytes(BigInt(signature.r))),
      rlpItem(uintBytes(BigInt(signature.s))),
    ]),
  )
  return { serialized: `0x${signed.toString('hex')}`, hash: keccak256(signed) }
}
