import { hexlify, randomBytes, Transaction, Wallet } from 'ethers'
import { describe, expect, it } from 'vitest'
import { signEip1559 } from '../../src/chain/raw-tx.js'

describe('EIP-1559 transactions signed over Buffers', () => {
  it('are byte-identical to ethers, from empty to 100 KB calldata', () => {
    const wallet = Wallet.createRandom()
    for (const [size, nonce, value] of [
      [0, 0, 0n],
      [1, 1, 1n],
      [55, 127, 10n ** 18n],
      [56, 128, 0n],
      [100_000, 65_536, 0n],
    ] as const) {
      const fields = {
        chainId: 31_337n,
        nonce,
        maxPriorityFeePerGas: 1_000_000n,
        maxFeePerGas: 2_001_000_000n,
        gasLimit: 12_345_678n,
        to: hexlify(randomBytes(20)),
        value,
        data: hexlify(randomBytes(size)),
      }
      const ethers = Transaction.from({ type: 2, ...fields })
      ethers.signature = wallet.signingKey.sign(ethers.unsignedHash)
      const ours = signEip1559(wallet.signingKey, fields)
      expect(ours.serialized).toBe(ethers.serialized)
      expect(ours.hash).toBe(ethers.hash)
    }
  })
})
