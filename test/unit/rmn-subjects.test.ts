import { toBeHex, zeroPadValue } from 'ethers'
import { describe, expect, it } from 'vitest'
import { onRampBytes } from '../../src/protocol/abi-words.js'
import { GLOBAL_SUBJECT, laneSubject } from '../../src/protocol/rmn-subjects.js'

describe('RMN subjects and ramp bytes', () => {
  it('a lane subject is the remote selector as 16 big-endian bytes (ethers as the reference)', () => {
    expect(laneSubject(7759470850252068959n)).toBe('0x00000000000000006baf2da07a45d85f')
    for (const selector of [1n, 3379446385462418246n, 2n ** 64n - 1n]) {
      expect(laneSubject(selector)).toBe(zeroPadValue(toBeHex(selector), 16))
    }
    expect(GLOBAL_SUBJECT).toHaveLength(2 + 32)
  })

  it("a ramp's bytes are its address left-padded to 32 bytes, lower case", () => {
    const ramp = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
    expect(onRampBytes(ramp)).toBe(zeroPadValue(ramp, 32).toLowerCase())
  })
})
