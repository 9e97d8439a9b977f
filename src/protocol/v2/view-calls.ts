import { uintWord } from '../abi-words.js'
import { Words } from '../result-words.js'
import type { TokenBucket, ViewCall } from '../view-calls.js'

/**
 * The CCIP 2.0 views the operator reads, hand-encoded like ../view-calls.ts (no ethers on those
 * paths). A 2.0 ramp's StaticConfig keeps rmnRemote and tokenAdminRegistry where 1.6 has them,
 * and OffRamp.getSourceChainConfig keeps isEnabled second: those 1.6 readers serve both.
 * test/unit/view-calls.test.ts checks selectors and readers against the shipped 2.0 ABIs.
 */
export const VIEW_SELECTORS_V2 = {
  getExpectedNextMessageNumber: '0xe8d80861',
  getDestChainConfig: '0x6def4ce7',
  getCurrentRateLimiterState: '0x2422ac45',
} as const

/** OnRamp 2.0 getExpectedNextMessageNumber(uint64 dest) → uint64. */
export const expectedNextMessageNumber = (dest: bigint): ViewCall<bigint> => ({
  fn: 'getExpectedNextMessageNumber',
  data: `${VIEW_SELECTORS_V2.getExpectedNextMessageNumber}${uintWord(dest)}`,
  decode: (r) => new Words(r).uint(0, 64),
})

/** What a 2.0 lane's messages get by default on the source: its verifiers and executor. */
export interface LaneDefaultsV2 {
  defaultCCVs: string[]
  laneMandatedCCVs: string[]
  defaultExecutor: string
}

/**
 * OnRamp 2.0 getDestChainConfig(uint64) → a dynamic tuple (router, messageNumber,
 * addressBytesLength, tokenReceiverAllowed, two network fees, baseExecutionGasCost,
 * defaultExecutor, address[] laneMandatedCCVs, address[] defaultCCVs, bytes offRamp).
 */
export const destChainConfigV2 = (dest: bigint): ViewCall<LaneDefaultsV2> => ({
  fn: 'getDestChainConfig',
  data: `${VIEW_SELECTORS_V2.getDestChainConfig}${uintWord(dest)}`,
  decode: (r) => {
    const w = new Words(r)
    const t = w.index(0)
    const addresses = (field: number) => {
      const at = t + w.index(t + field)
      return Array.from({ length: w.index(at) }, (_, i) => w.address(at + 32 + 32 * i))
    }
    return {
      defaultExecutor: w.address(t + 224),
      laneMandatedCCVs: addresses(256),
      defaultCCVs: addresses(288),
    }
  },
})

/**
 * TokenPool 2.0 getCurrentRateLimiterState(uint64 remote, bool fastFinality) → (TokenBucket
 * outbound, TokenBucket inbound), two static tuples in place. The standard (not fast-finality)
 * buckets: the ones every finality-waiting message uses.
 */
export const rateLimiterStateV2 = (
  remote: bigint,
): ViewCall<{ outbound: TokenBucket; inbound: TokenBucket }> => ({
  fn: 'getCurrentRateLimiterState',
  data: `${VIEW_SELECTORS_V2.getCurrentRateLimiterState}${uintWord(remote)}${uintWord(0n)}`,
  decode: (r) => {
    const w = new Words(r)
    const bucket = (at: number): TokenBucket => ({
      tokens: w.uint(at, 128),
      lastUpdated: Number(w.uint(at + 32, 32)),
      isEnabled: w.bool(at + 64),
      capacity: w.uint(at + 96, 128),
      rate: w.uint(at + 128, 128),
    })
    return { outbound: bucket(0), inbound: bucket(160) }
  },
})
