import { messageToJson, toJson } from '../../protocol/v2/message-json.js'
import type { VerifierResult } from './aggregator.js'

/**
 * The indexer's JSON exactly as Chainlink's indexer writes it and the official SDK reads it
 * (ccip-2.0-protocol.md §9; the message itself: protocol/v2/message-json.ts).
 */

/** One verifier result with its metadata (`common.VerifierResultWithMetadata`). */
function resultEntry(result: VerifierResult, ingestedAt: Date) {
  const at = result.attestedAt.toISOString()
  return {
    verifierResult: {
      message_id: result.messageId,
      message: messageToJson(result.sent.message),
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
  }
}

/** GET /v1/verifierresults/:messageId, 200. */
export function verifierResultsBody(result: VerifierResult, ingestedAt: Date): string {
  return toJson({ success: true, messageID: result.messageId, results: [resultEntry(result, ingestedAt)] })
}

/** GET /v1/verifierresults (a time window), 200: every message's results by its id. */
export function verifierResultsListBody(
  results: readonly { result: VerifierResult; ingestedAt: Date }[],
): string {
  const byId = Object.fromEntries(
    results.map(({ result, ingestedAt }) => [result.messageId, [resultEntry(result, ingestedAt)]]),
  )
  return toJson({ success: true, verifierResults: byId })
}

/** The indexer's error body (404 unknown id, 400 malformed input). */
export const errorBody = (status: number, message: string): string =>
  toJson({ success: false, status, message })
