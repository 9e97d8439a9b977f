import { addressWord, uintWord } from './abi-words.js'
import { getOnRampCall, offRampsResult, ROUTER_SELECTORS } from './event-words.js'
import { checksumAddress } from './keccak.js'
import { Words } from './result-words.js'

/**
 * Calldata and result readers for exactly the contract views the operator reads (`lanes list`,
 * `ratelimit`, the dashboard), written out by hand against the CCIP 1.6 ABIs so these commands
 * never load ethers (~200 ms of module loading, most of `lanes list`). Addresses come back
 * checksummed, as ethers returns them. test/unit/view-calls.test.ts checks every selector against
 * the shipped ABI JSON and every reader against ethers' decoder on encoded sample results.
 */

/** A view call ready to send: its calldata, and how to read the returned words. */
export interface ViewCall<T> {
  /** The function's name, for error messages. */
  fn: string
  data: string
  decode(result: string): T
}

/** 4-byte selectors (keccak of the signature), written out: hashing them would cost more than the reads. */
export const VIEW_SELECTORS = {
  ...ROUTER_SELECTORS,
  /** OnRamp and OffRamp share the name and so the selector; their StaticConfig tuples differ. */
  getStaticConfig: '0x06285c69',
  getExpectedNextSequenceNumber: '0x9041be3d',
  getSourceChainConfig: '0xe9d68a8e',
  isCursed: '0x2cbc26bb',
  getAllConfiguredTokens: '0x72d64a81',
  getPools: '0x5e63547a',
  symbol: '0x95d89b41',
  /** Every CCIP contract answers it, e.g. "OnRamp 2.0.0". */
  typeAndVersion: '0x181f5a77',
  decimals: '0x313ce567',
  isSupportedChain: '0x8926f54f',
  getRemoteToken: '0xb7946580',
  getCurrentOutboundRateLimiterState: '0xc75eea9c',
  getCurrentInboundRateLimiterState: '0xaf58d59f',
  getSupportedChains: '0xc4bffe2b',
  owner: '0x8da5cb5b',
  getRateLimitAdmin: '0x6d3d1a58',
  getLatestPriceSequenceNumber: '0x3f4b04aa',
} as const

const uint64Arg = (fn: keyof typeof VIEW_SELECTORS, value: bigint) =>
  `${VIEW_SELECTORS[fn]}${uintWord(value)}`

/** Router.getOnRamp(uint64): the OnRamp serving that destination, null when none. */
export const getOnRamp = (dest: bigint): ViewCall<string | null> => ({
  fn: 'getOnRamp',
  data: getOnRampCall(dest),
  decode: (r) => {
    const found = new Words(r).address(0)
    return /^0x0{40}$/.test(found) ? null : found
  },
})

/** Router.getOffRamps(): every (source selector, OffRamp) pair. */
export const getOffRamps: ViewCall<{ sourceChainSelector: bigint; offRamp: string }[]> = {
  fn: 'getOffRamps',
  data: VIEW_SELECTORS.getOffRamps,
  decode: (r) => {
    new Words(r).index(0) // the shared reader reads zeros past the end; fail on a short result first
    return offRampsResult(r).map((o) => ({ ...o, offRamp: checksumAddress(o.offRamp) }))
  },
}

/** The fields of a ramp's StaticConfig the operator reads. */
export interface RampStatic {
  rmnRemote: string
  tokenAdminRegistry: string
}

/** OnRamp 1.6 getStaticConfig(): (uint64 chainSelector, address rmnRemote, address nonceManager, address tokenAdminRegistry). */
export const onRampStaticConfig: ViewCall<RampStatic> = {
  fn: 'getStaticConfig',
  data: VIEW_SELECTORS.getStaticConfig,
  decode: (r) => {
    const w = new Words(r)
    return { rmnRemote: w.address(32), tokenAdminRegistry: w.address(96) }
  },
}

/** OffRamp 1.6 getStaticConfig(): (uint64 chainSelector, uint16 gasForCallExactCheck, address rmnRemote, address tokenAdminRegistry, address nonceManager). */
export const offRampStaticConfig: ViewCall<RampStatic> = {
  fn: 'getStaticConfig',
  data: VIEW_SELECTORS.getStaticConfig,
  decode: (r) => {
    const w = new Words(r)
    return { rmnRemote: w.address(64), tokenAdminRegistry: w.address(96) }
  },
}

/** OnRamp.getExpectedNextSequenceNumber(uint64 dest) → uint64. */
export const expectedNextSequenceNumber = (dest: bigint): ViewCall<bigint> => ({
  fn: 'getExpectedNextSequenceNumber',
  data: uint64Arg('getExpectedNextSequenceNumber', dest),
  decode: (r) => new Words(r).uint(0, 64),
})

/**
 * OffRamp.getSourceChainConfig(uint64) → (address router, bool isEnabled, uint64 minSeqNr,
 * bool isRMNVerificationDisabled, bytes onRamp): a dynamic tuple, so word 0 is its offset.
 */
export const sourceChainEnabled = (source: bigint): ViewCall<boolean> => ({
  fn: 'getSourceChainConfig',
  data: uint64Arg('getSourceChainConfig', source),
  decode: (r) => {
    const w = new Words(r)
    return w.bool(w.index(0) + 32)
  },
})

/** The same tuple's minSeqNr (word 2): the next sequence number the OffRamp expects from `source`. */
export const sourceChainMinSeqNr = (source: bigint): ViewCall<bigint> => ({
  fn: 'getSourceChainConfig',
  data: uint64Arg('getSourceChainConfig', source),
  decode: (r) => {
    const w = new Words(r)
    return w.uint(w.index(0) + 64, 64)
  },
})

/** OffRamp.getLatestPriceSequenceNumber() → uint64: the OCR sequence number of the last price update. */
export const latestPriceSequenceNumber: ViewCall<bigint> = {
  fn: 'getLatestPriceSequenceNumber',
  data: VIEW_SELECTORS.getLatestPriceSequenceNumber,
  decode: (r) => new Words(r).uint(0, 64),
}

/** RMNRemote.isCursed(bytes16 subject): bytes16 is left-aligned in its word. */
export const isCursed = (subject: string): ViewCall<boolean> => {
  if (!/^0x[0-9a-fA-F]{32}$/.test(subject)) throw new Error(`not a bytes16 subject: ${subject}`)
  return {
    fn: 'isCursed',
    data: `${VIEW_SELECTORS.isCursed}${subject.slice(2).toLowerCase().padEnd(64, '0')}`,
    decode: (r) => new Words(r).bool(0),
  }
}

/** TokenAdminRegistry.getAllConfiguredTokens(uint64 startIndex, uint64 maxCount) → address[]. */
export const allConfiguredTokens = (start: bigint, max: bigint): ViewCall<string[]> => ({
  fn: 'getAllConfiguredTokens',
  data: `${VIEW_SELECTORS.getAllConfiguredTokens}${uintWord(start)}${uintWord(max)}`,
  decode: (r) => {
    const w = new Words(r)
    return w.array((at) => w.address(at))
  },
})

/** TokenAdminRegistry.getPools(address[] tokens) → address[], one pool per token. */
export const getPools = (tokens: string[]): ViewCall<string[]> => ({
  fn: 'getPools',
  data: `${VIEW_SELECTORS.getPools}${uintWord(32n)}${uintWord(BigInt(tokens.length))}${tokens.map(addressWord).join('')}`,
  decode: (r) => {
    const w = new Words(r)
    return w.array((at) => w.address(at))
  },
})

/** A `string` returned alone; invalid UTF-8 throws, as in ethers. */
const stringResult = (r: string): string =>
  new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(new Words(r).bytes(0).slice(2), 'hex'))

/** ERC20 symbol() → string. */
export const symbol: ViewCall<string> = {
  fn: 'symbol',
  data: VIEW_SELECTORS.symbol,
  decode: stringResult,
}

/** typeAndVersion() → string ("Router 1.2.0", "OnRamp 2.0.0"). */
export const typeAndVersion: ViewCall<string> = {
  fn: 'typeAndVersion',
  data: VIEW_SELECTORS.typeAndVersion,
  decode: stringResult,
}

/** ERC20 decimals() → uint8. */
export const decimals: ViewCall<number> = {
  fn: 'decimals',
  data: VIEW_SELECTORS.decimals,
  decode: (r) => Number(new Words(r).uint(0, 8)),
}

/** TokenPool.isSupportedChain(uint64) → bool. */
export const isSupportedChain = (remote: bigint): ViewCall<boolean> => ({
  fn: 'isSupportedChain',
  data: uint64Arg('isSupportedChain', remote),
  decode: (r) => new Words(r).bool(0),
})

/** TokenPool.getRemoteToken(uint64) → bytes (an EVM remote holds a 32-byte padded address). */
export const getRemoteToken = (remote: bigint): ViewCall<string> => ({
  fn: 'getRemoteToken',
  data: uint64Arg('getRemoteToken', remote),
  decode: (r) => new Words(r).bytes(0),
})

/**
 * TokenPool.getCurrent{Outbound,Inbound}RateLimiterState(uint64) → RateLimiter.TokenBucket, a
 * static tuple in place: (uint128 tokens, uint32 lastUpdated, bool isEnabled, uint128 capacity,
 * uint128 rate).
 */
export interface TokenBucket {
  tokens: bigint
  lastUpdated: number
  isEnabled: boolean
  capacity: bigint
  rate: bigint
}

export const rateLimiterState = (
  direction: 'outbound' | 'inbound',
  remote: bigint,
): ViewCall<TokenBucket> => {
  const fn =
    direction === 'outbound' ? 'getCurrentOutboundRateLimiterState' : 'getCurrentInboundRateLimiterState'
  return {
    fn,
    data: uint64Arg(fn, remote),
    decode: (r) => {
      const w = new Words(r)
      return {
        tokens: w.uint(0, 128),
        lastUpdated: Number(w.uint(32, 32)),
        isEnabled: w.bool(64),
        capacity: w.uint(96, 128),
        rate: w.uint(128, 128),
      }
    },
  }
}

/** TokenPool.getSupportedChains() → uint64[]. */
export const getSupportedChains: ViewCall<bigint[]> = {
  fn: 'getSupportedChains',
  data: VIEW_SELECTORS.getSupportedChains,
  decode: (r) => {
    const w = new Words(r)
    return w.array((at) => w.uint(at, 64))
  },
}

const addressView = (fn: 'owner' | 'getRateLimitAdmin'): ViewCall<string> => ({
  fn,
  data: VIEW_SELECTORS[fn],
  decode: (r) => new Words(r).address(0),
})
/** Ownable.owner() and TokenPool.getRateLimitAdmin() → address. */
export const owner = addressView('owner')
export const getRateLimitAdmin = addressView('getRateLimitAdmin')
