import { getAddress, toUtf8Bytes } from 'ethers'
import { abiDecode, abiEncode } from './abi.js'
import { ANY2EVM_TOKEN, EVM2ANY_TOKEN } from './abi-types.js'
import { addressWord, bytes32Word, uintWord } from './abi-words.js'
import { keccak256 } from './keccak.js'
import type { Any2EVMRampMessage, EVM2AnyRampMessage } from './types.js'

/**
 * CCIP 1.6 message hashing (Internal._hash, whose Solidity is MIT), written fresh in TypeScript:
 * the messageId the OnRamp assigns and the Merkle leaf the OffRamp verifies.
 */
const LEAF_DOMAIN_SEPARATOR = `0x${'00'.repeat(32)}`
const EVM_2_ANY_MESSAGE_HASH = keccak256(toUtf8Bytes('EVM2AnyMessageHashV1'))
const ANY_2_EVM_MESSAGE_HASH = keccak256(toUtf8Bytes('Any2EVMMessageHashV1'))

/** messageId = Internal._hash(EVM2AnyRampMessage, metadataHash(source, dest, onRamp)). */
export function messageId(message: EVM2AnyRampMessage, onRamp: string): string {
  const metadataHash = keccak256(
    abiEncode(
      ['bytes32', 'uint64', 'uint64', 'address'],
      [EVM_2_ANY_MESSAGE_HASH, message.header.sourceChainSelector, message.header.destChainSelector, onRamp],
    ),
  )
  const fixed = keccak256(
    abiEncode(
      ['address', 'uint64', 'uint64', 'address', 'uint256'],
      [
        message.sender,
        message.header.sequenceNumber,
        message.header.nonce,
        message.feeToken,
        message.feeTokenAmount,
      ],
    ),
  )
  const tokens = keccak256(
    abiEncode(
      [`${EVM2ANY_TOKEN}[]`],
      [
        message.tokenAmounts.map((t) => [
          t.sourcePoolAddress,
          t.destTokenAddress,
          t.extraData,
          t.amount,
          t.destExecData,
        ]),
      ],
    ),
  )
  return keccak256(
    abiEncode(
      ['bytes32', 'bytes32', 'bytes32', 'bytes32', 'bytes32', 'bytes32', 'bytes32'],
      [
        LEAF_DOMAIN_SEPARATOR,
        metadataHash,
        fixed,
        keccak256(message.receiver),
        keccak256(message.data),
        tokens,
        keccak256(message.extraArgs),
      ],
    ),
  )
}

/** The Merkle leaf of a message on its destination: Internal._hash(Any2EVMRampMessage, …). */
export function leafHash(message: Any2EVMRampMessage, onRampBytes: string): string {
  const h = message.header
  // Every part but the token list is a fixed-size word: build those encodings by hand (ethers'
  // AbiCoder costs ~1 ms per message, and the nodes hash every message they see).
  const fixed = keccak256(
    `0x${bytes32Word(h.messageId)}${addressWord(message.receiver)}${uintWord(h.sequenceNumber)}${uintWord(message.gasLimit)}${uintWord(h.nonce)}`,
  )
  const tokens =
    message.tokenAmounts.length === 0
      ? EMPTY_ARRAY_HASH
      : keccak256(
          abiEncode(
            [`${ANY2EVM_TOKEN}[]`],
            [
              message.tokenAmounts.map((t) => [
                t.sourcePoolAddress,
                t.destTokenAddress,
                t.destGasAmount,
                t.extraData,
                t.amount,
              ]),
            ],
          ),
        )
  const parts = [
    LEAF_DOMAIN_SEPARATOR,
    any2EvmMetadataHash(h.sourceChainSelector, h.destChainSelector, onRampBytes),
    fixed,
    keccak256(message.sender),
    keccak256(message.data),
    tokens,
  ]
  return keccak256(`0x${parts.map(bytes32Word).join('')}`)
}

const metadataHashes = new Map<string, string>()
function any2EvmMetadataHash(source: bigint, dest: bigint, onRamp: string): string {
  const key = `${source}:${dest}:${onRamp}`
  let hash = metadataHashes.get(key)
  if (hash === undefined) {
    hash = keccak256(
      abiEncode(
        ['bytes32', 'uint64', 'uint64', 'bytes32'],
        [ANY_2_EVM_MESSAGE_HASH, source, dest, keccak256(onRamp)],
      ),
    )
    metadataHashes.set(key, hash)
  }
  return hash
}

/** keccak256(abi.encode(T[] empty)): offset word 0x20, then length 0. */
const EMPTY_ARRAY_HASH = keccak256(`0x${uintWord(32n)}${uintWord(0n)}`)
/** The address inside a 32-byte ABI word (its last 20 bytes). */
function wordAddress(word: string): string {
  return getAddress(`0x${word.slice(-40)}`)
}

const GENERIC_EXTRA_ARGS_V2 = '0x181dcf10'

/** Decode the (FeeQuoter-normalised) extraArgs of a sent message: GenericExtraArgsV2. */
export function decodeExtraArgs(extraArgs: string): { gasLimit: bigint; allowOutOfOrderExecution: boolean } {
  if (!extraArgs.toLowerCase().startsWith(GENERIC_EXTRA_ARGS_V2)) {
    throw new Error(`unsupported extraArgs tag ${extraArgs.slice(0, 10)}`)
  }
  // Two static words after the tag, read in place: the nodes decode this for every message.
  const words = extraArgs.slice(10)
  if (words.length < 128) throw new Error('extraArgs too short for GenericExtraArgsV2')
  return {
    gasLimit: BigInt(`0x${words.slice(0, 64)}`),
    allowOutOfOrderExecution: BigInt(`0x${words.slice(64, 128)}`) !== 0n,
  }
}

export function encodeExtraArgs(args: { gasLimit: bigint; allowOutOfOrderExecution: boolean }): string {
  return (
    GENERIC_EXTRA_ARGS_V2 +
    abiEncode(['uint256', 'bool'], [args.gasLimit, args.allowOutOfOrderExecution]).slice(2)
  )
}

/**
 * The destination's view of a sent message (OffRamp input): sender and source pool become bytes,
 * receiver and dest token become addresses, the gas limit comes from extraArgs.
 */
export function toAny2EVM(message: EVM2AnyRampMessage): Any2EVMRampMessage {
  return {
    header: message.header,
    sender: `0x${addressWord(message.sender)}`,
    data: message.data,
    receiver: wordAddress(message.receiver),
    gasLimit: decodeExtraArgs(message.extraArgs).gasLimit,
    tokenAmounts: message.tokenAmounts.map((t) => ({
      sourcePoolAddress: `0x${addressWord(t.sourcePoolAddress)}`,
      destTokenAddress: wordAddress(t.destTokenAddress),
      destGasAmount: BigInt(abiDecode(['uint32'], t.destExecData)[0] as bigint),
      extraData: t.extraData,
      amount: t.amount,
    })),
  }
}
