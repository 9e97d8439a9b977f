import { keccak256 } from '../keccak.js'
import { lengthPrefixed, PackedReader, strip, uintBytes } from './packed.js'

/**
 * CCIP 2.0's canonical message, MessageV1: what the OnRamp emits in CCIPMessageSent, what every
 * verifier signs (through its id) and what OffRamp.execute takes. Tightly packed, big-endian: a
 * 69-byte header (version 1, selectors, message number, two gas limits, finality, the hash of the
 * CCVs and executor), then length-prefixed addresses (source ones ABI-encoded, destination ones
 * raw), the executor's blob, at most one token transfer and the data. Byte strings are lower-case
 * 0x-hex. test/unit/v2-codecs.test.ts holds Chainlink's published vectors and a message the
 * shipped OffRamp executed.
 */
export interface TokenTransferV1 {
  /** After the pool's fee bps. */
  amount: bigint
  /** ABI-encoded (32 bytes for EVM). */
  sourcePoolAddress: string
  /** ABI-encoded. */
  sourceTokenAddress: string
  /** Raw (20 bytes for EVM). */
  destTokenAddress: string
  /** Raw; empty means the message's receiver. */
  tokenReceiver: string
  /** The pool's data (2.0 pools: abi.encode(uint256 localDecimals)). */
  extraData: string
}

export interface MessageV1 {
  sourceChainSelector: bigint
  destChainSelector: bigint
  /** Per (OnRamp, destination) counter from 1: not a nonce, no ordering. */
  messageNumber: bigint
  /** The billed destination gas; informational, the OffRamp does not enforce it. */
  executionGasLimit: number
  /** Gas for the receiver's ccipReceive. */
  ccipReceiveGasLimit: number
  /** The requested finality (bytes4 as a number: 0 = finality, low 16 bits = block depth, 0x10000 = safe). */
  finality: number
  /** keccak256(0x14 ‖ CCV addresses ‖ executor): ccvAndExecutorHash() below. */
  ccvAndExecutorHash: string
  onRampAddress: string
  offRampAddress: string
  sender: string
  receiver: string
  /** The executor's args (empty for EVM). */
  destBlob: string
  tokenTransfer?: TokenTransferV1
  data: string
}

const VERSION = 1

export function encodeMessageV1(m: MessageV1): string {
  return `0x${[
    uintBytes(VERSION, 1),
    uintBytes(m.sourceChainSelector, 8),
    uintBytes(m.destChainSelector, 8),
    uintBytes(m.messageNumber, 8),
    uintBytes(m.executionGasLimit, 4),
    uintBytes(m.ccipReceiveGasLimit, 4),
    uintBytes(m.finality, 4),
    uintBytes(BigInt(m.ccvAndExecutorHash), 32),
    lengthPrefixed(m.onRampAddress, 1),
    lengthPrefixed(m.offRampAddress, 1),
    lengthPrefixed(m.sender, 1),
    lengthPrefixed(m.receiver, 1),
    lengthPrefixed(m.destBlob, 2),
    lengthPrefixed(m.tokenTransfer === undefined ? '' : encodeTokenTransferV1(m.tokenTransfer), 2),
    lengthPrefixed(m.data, 2),
  ].join('')}`
}

export function encodeTokenTransferV1(t: TokenTransferV1): string {
  return `0x${[
    uintBytes(VERSION, 1),
    uintBytes(t.amount, 32),
    lengthPrefixed(t.sourcePoolAddress, 1),
    lengthPrefixed(t.sourceTokenAddress, 1),
    lengthPrefixed(t.destTokenAddress, 1),
    lengthPrefixed(t.tokenReceiver, 1),
    lengthPrefixed(t.extraData, 2),
  ].join('')}`
}

/** Decode as strictly as the OffRamp: a wrong version, a short field or trailing bytes throw. */
export function decodeMessageV1(encoded: string): MessageV1 {
  const r = new PackedReader(encoded, 'MessageV1')
  const version = Number(r.uint(1, 'version'))
  if (version !== VERSION) throw new RangeError(`MessageV1: unsupported version ${version}`)
  const header = {
    sourceChainSelector: r.uint(8, 'sourceChainSelector'),
    destChainSelector: r.uint(8, 'destChainSelector'),
    messageNumber: r.uint(8, 'messageNumber'),
    executionGasLimit: Number(r.uint(4, 'executionGasLimit')),
    ccipReceiveGasLimit: Number(r.uint(4, 'ccipReceiveGasLimit')),
    finality: Number(r.uint(4, 'finality')),
    ccvAndExecutorHash: r.bytes(32, 'ccvAndExecutorHash'),
  }
  const onRampAddress = r.prefixed(1, 'onRampAddress')
  const offRampAddress = r.prefixed(1, 'offRampAddress')
  const sender = r.prefixed(1, 'sender')
  const receiver = r.prefixed(1, 'receiver')
  const destBlob = r.prefixed(2, 'destBlob')
  const token = r.prefixed(2, 'tokenTransfer')
  const data = r.prefixed(2, 'data')
  r.end()
  return {
    ...header,
    onRampAddress,
    offRampAddress,
    sender,
    receiver,
    destBlob,
    ...(strip(token) === '' ? {} : { tokenTransfer: decodeTokenTransferV1(token) }),
    data,
  }
}

export function decodeTokenTransferV1(encoded: string): TokenTransferV1 {
  const r = new PackedReader(encoded, 'TokenTransferV1')
  const version = Number(r.uint(1, 'version'))
  if (version !== VERSION) throw new RangeError(`TokenTransferV1: unsupported version ${version}`)
  const t = {
    amount: r.uint(32, 'amount'),
    sourcePoolAddress: r.prefixed(1, 'sourcePoolAddress'),
    sourceTokenAddress: r.prefixed(1, 'sourceTokenAddress'),
    destTokenAddress: r.prefixed(1, 'destTokenAddress'),
    tokenReceiver: r.prefixed(1, 'tokenReceiver'),
    extraData: r.prefixed(2, 'extraData'),
  }
  r.end()
  return t
}

/** A 2.0 message's id is the hash of its bytes, nothing else. */
export const messageIdV1 = (encoded: string): string => keccak256(encoded)

/**
 * keccak256(0x14 ‖ ccv₁ ‖ … ‖ ccvₙ ‖ executor) over the source-side CCV (resolver) addresses and
 * the executor (Proxy) address as the OnRamp issued them: what off-chain parties check the CCVs
 * and executor they read from receipts against.
 */
export function ccvAndExecutorHash(ccvs: readonly string[], executor: string): string {
  return keccak256(`0x14${[...ccvs, executor].map((a) => strip(a).padStart(40, '0')).join('')}`)
}
