import { encodeTokenTransferV1, type MessageV1 } from '../../protocol/v2/message-v1.js'
import { strip } from '../../protocol/v2/packed.js'
import type { VerifierResult } from './aggregator.js'

/**
 * The indexer's JSON exactly as Chainlink's indexer writes it and the official SDK reads it
 * (ccip-2.0-protocol.md §9): snake_case, byte fields as 0x-hex, selectors as JSON numbers
 * (above 2^53: written as literals, never rounded), RFC 3339 times.
 */

/** A bigint as a JSON number literal: JSON.stringify cannot write one, so it goes through a marker. */
const BIG = '\u0000big:'
const big = (n: bigint): string => `${BIG}${n.toString()}`

export function toJson(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0000big:(\d+)"/g, '$1')
}

const hex = (bytes: string): string => `0x${strip(bytes)}`
const byteLength = (bytes: string): number => strip(bytes).length / 2

function messageJson(m: MessageV1) {
  const token = m.tokenTransfer
  return {
    version: 1,
    source_chain_selector: big(m.sourceChainSelector),
    dest_chain_selector: big(m.destChainSelector),
    sequence_number: big(m.messageNumber),
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
            amount: big(token.amount),
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

/** GET /v1/verifierresults/:messageId, 200. */
export function verifierResultsBody(result: VerifierResult, ingestedAt: Date): string {
  const at = result.attestedAt.toISOString()
  return toJson({
    success: true,
    messageID: result.messageId,
    results: [
      {
        verifierResult: {
          message_id: result.messageId,
          message: messageJson(result.sent.message),
          message_ccv_addresses: result.sent.ccvs,
          message_executor_address: result.sent.executor,
          ccv_data: result.ccvData,
          timestamp: at,
          verifier_source_address: result.sourceResolver.toLowerCase(),
          verifier_dest_address: result.destResolver.toLowerCase(),
        },
        metadata: {
          verifierName: 'committee',
          attestationTimestamp: at,
          ingestionTimestamp: ingestedAt.toISOString(),
        },
      },
    ],
  })
}

/** The indexer's error body (404 unknown id, 400 malformed id). */
export const errorBody = (status: number, message: string): string =>
  toJson({ success: false, status, message })
