import { encodeTokenTransferV1, type MessageV1 } from './message-v1.js'
import { strip } from './packed.js'

/**
 * MessageV1 as JSON, the way Chainlink's indexer and aggregator write it (ccip-2.0-protocol.md §9;
 * `protocol.Message` in chainlink-ccv): snake_case, byte fields as 0x-hex, selectors, message
 * numbers and amounts as JSON numbers, written as exact literals even above 2^53. Both
 * directions live here: our indexer writes it, our RMN nodes read it back.
 */

/** A bigint as a JSON number literal: JSON.stringify cannot write one, so it goes through a marker. */
const BIG = '\u0000big:'
export const bigJson = (n: bigint): string => `${BIG}${n.toString()}`

/** JSON.stringify, with bigJson() values as bare number literals. */
export function toJson(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0000big:(\d+)"/g, '$1')
}

/** The fields whose numbers may exceed 2^53: read as exact decimal strings. */
const BIG_FIELDS = ['source_chain_selector', 'dest_chain_selector', 'sequence_number', 'amount']
const BIG_LITERAL = new RegExp(`"(${BIG_FIELDS.join('|')})":\\s*(\\d+)`, 'g')

/** JSON.parse that keeps the big fields exact (as decimal strings) instead of rounding them. */
export function parseJsonExact(text: string): unknown {
  return JSON.parse(text.replace(BIG_LITERAL, '"$1":"$2"'))
}

const hex = (bytes: string): string => `0x${strip(bytes)}`
const byteLength = (bytes: string): number => strip(bytes).length / 2

export function messageToJson(m: MessageV1) {
  const token = m.tokenTransfer
  return {
    version: 1,
    source_chain_selector: bigJson(m.sourceChainSelector),
    dest_chain_selector: bigJson(m.destChainSelector),
    sequence_number: bigJson(m.messageNumber),
    execution_gas_limit: m.executionGasLimit,
    ccip_receive_gas_limit: m.ccipReceiveGasLimit,
    finality: m.finality,
    ccv_and_executor_hash: hex(m.ccvAndExecutorHash),
    on_ramp_address: hex(m.onRampAddress),
    off_ramp_address: hex(m.offRampAddress),
    sender: hex(m.sender),
    receiver: hex(m.receiver),
    dest_blob: hex(m.destBlob),
    token_transfer:
      token === undefined
        ? null
        : {
            version: 1,
            amount: bigJson(token.amount),
            source_pool_address: hex(token.sourcePoolAddress),
            source_token_address: hex(token.sourceTokenAddress),
            dest_token_address: hex(token.destTokenAddress),
            token_receiver: hex(token.tokenReceiver),
            extra_data: hex(token.extraData),
          },
    data: hex(m.data),
    on_ramp_address_length: byteLength(m.onRampAddress),
    off_ramp_address_length: byteLength(m.offRampAddress),
    sender_length: byteLength(m.sender),
    receiver_length: byteLength(m.receiver),
    dest_blob_length: byteLength(m.destBlob),
    token_transfer_length: token === undefined ? 0 : byteLength(encodeTokenTransferV1(token)),
    data_length: byteLength(m.data),
  }
}

/**
 * A message from its JSON (as parseJsonExact read it). Throws a one-line reason when a field is
 * missing or of the wrong kind: whoever reads an indexer must not take a malformed answer for a
 * message.
 */
export function messageFromJson(json: unknown): MessageV1 {
  const m = record(json, 'message')
  const token = m.token_transfer
  const t = token === null || token === undefined ? undefined : record(token, 'token_transfer')
  return {
    sourceChainSelector: integer(m, 'source_chain_selector'),
    destChainSelector: integer(m, 'dest_chain_selector'),
    messageNumber: integer(m, 'sequence_number'),
    executionGasLimit: Number(integer(m, 'execution_gas_limit')),
    ccipReceiveGasLimit: Number(integer(m, 'ccip_receive_gas_limit')),
    finality: Number(integer(m, 'finality')),
    ccvAndExecutorHash: bytes(m, 'ccv_and_executor_hash'),
    onRampAddress: bytes(m, 'on_ramp_address'),
    offRampAddress: bytes(m, 'off_ramp_address'),
    sender: bytes(m, 'sender'),
    receiver: bytes(m, 'receiver'),
    destBlob: bytes(m, 'dest_blob'),
    ...(t === undefined
      ? {}
      : {
          tokenTransfer: {
            amount: integer(t, 'amount'),
            sourcePoolAddress: bytes(t, 'source_pool_address'),
            sourceTokenAddress: bytes(t, 'source_token_address'),
            destTokenAddress: bytes(t, 'dest_token_address'),
            tokenReceiver: bytes(t, 'token_receiver'),
            extraData: bytes(t, 'extra_data'),
          },
        }),
    data: bytes(m, 'data'),
  }
}

type Fields = Record<string, unknown>

function record(value: unknown, what: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${what} is not an object`)
  return value as Fields
}

function integer(m: Fields, field: string): bigint {
  const v = m[field]
  if (
    (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) ||
    (typeof v === 'string' && /^\d+$/.test(v))
  )
    return BigInt(v)
  throw new Error(`${field} is not a non-negative integer`)
}

function bytes(m: Fields, field: string): string {
  const v = m[field]
  if (typeof v === 'string' && /^0x([0-9a-fA-F]{2})*$/.test(v)) return v.toLowerCase()
  throw new Error(`${field} is not 0x-hex bytes`)
}
