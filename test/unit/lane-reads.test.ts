import { describe, expect, it } from 'vitest'
import { laneSubject } from '../../src/operator/lane-reads.js'
import { chainSubject } from '../../src/operator/rmn.js'

describe('lane reads', () => {
  it('a lane subject is the remote selector as 16 big-endian bytes, as `ccip rmn` curses it', () => {
    expect(laneSubject(7759470850252068959n)).toBe('0x00000000000000006baf2da07a45d85f')
    for (const selector of [1n, 3379446385462418246n, 2n ** 64n - 1n]) {
      expect(laneSubject(selector)).toBe(chainSubject(selector))
      expect(laneSubject(selector)).toHaveLength(2 + 32)
    }
  })
})
