import { describe, expect, it } from 'vitest'
import { TOPICS } from '../../src/chain/events.js'
import { EXECUTION_STATE_CHANGED, laneSubject } from '../../src/operator/lane-reads.js'

describe('lane reads: constants written out for speed', () => {
  it('the ExecutionStateChanged topic is the OffRamp ABI event hash', () => {
    expect(EXECUTION_STATE_CHANGED).toBe(TOPICS.executionStateChanged)
  })

  it('a lane subject is the remote selector as 16 big-endian bytes', () => {
    expect(laneSubject(7759470850252068959n)).toBe('0x00000000000000006baf2da07a45d85f')
    expect(laneSubject(1n)).toHaveLength(2 + 32)
  })
})
