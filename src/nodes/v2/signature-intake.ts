import type { CommitteeSignature } from '../../protocol/v2/committee.js'
import { ccvAndExecutorHash, decodeMessageV1, messageIdV1 } from '../../protocol/v2/message-v1.js'
import { strip } from '../../protocol/v2/packed.js'
import type { AttestedMessage } from './aggregator.js'

/**
 * The aggregator's write side over HTTP (`POST /v1/signatures` on the indexer's port): committee
 * signatures from verifiers outside the node process. Chainlink's aggregator takes them over gRPC
 * (`WriteCommitteeVerifierNodeResult`); this is ccipkit's own JSON for the same content:
 *
 *   {"signatures": [{"message": "0x<MessageV1 bytes>", "ccvs": ["0x…"], "executor": "0x…",
 *                    "signer": "0x…", "signature": "0x<r ‖ s ‖ v, 65 bytes>"}]}
 *
 * Everything is checked before anything counts: the message decodes, its CCVs and executor hash
 * to what it names, and (in the aggregator) the signature recovers to a committee member.
 */
export interface SignedSubmission {
  attested: AttestedMessage
  signature: CommitteeSignature
}

/** The submissions of a request body, or the first reason it is malformed (→ 400). */
export function readSubmissions(
  body: string,
  known: (messageId: string) => AttestedMessage | undefined,
): SignedSubmission[] | string {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return 'the body is not JSON'
  }
  const list = (parsed as { signatures?: unknown } | null)?.signatures
  if (!Array.isArray(list) || list.length === 0)
    return 'expected {"signatures": [ … ]} with at least one signature'
  const out: SignedSubmission[] = []
  for (const [i, item] of list.entries()) {
    const read = readOne(item, known)
    if (typeof read === 'string') return `signatures[${i}]: ${read}`
    out.push(read)
  }
  return out
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/

function readOne(
  item: unknown,
  known: (messageId: string) => AttestedMessage | undefined,
): SignedSubmission | string {
  if (typeof item !== 'object' || item === null) return 'not an object'
  const { message, ccvs, executor, signer, signature } = item as Record<string, unknown>
  if (typeof message !== 'string' || !/^0x([0-9a-fA-F]{2})+$/.test(message))
    return 'message is not 0x-hex bytes'
  if (!Array.isArray(ccvs) || !ccvs.every((c) => typeof c === 'string' && ADDRESS.test(c)))
    return 'ccvs is not a list of addresses'
  if (typeof executor !== 'string' || !ADDRESS.test(executor)) return 'executor is not an address'
  if (typeof signer !== 'string' || !ADDRESS.test(signer)) return 'signer is not an address'
  if (typeof signature !== 'string' || !/^0x[0-9a-fA-F]{130}$/.test(signature))
    return 'signature is not 65 bytes of 0x-hex (r ‖ s ‖ v)'
  const encoded = message.toLowerCase()
  const names = ccvs.map((c) => (c as string).toLowerCase())
  const messageId = messageIdV1(encoded)
  // Another verifier's signature named this message already: the same id is the same bytes.
  const seen = known(messageId)
  const attested =
    seen !== undefined && seen.executor === executor.toLowerCase() && seen.ccvs.join() === names.join()
      ? seen
      : checked(encoded, messageId, names, executor.toLowerCase())
  if (typeof attested === 'string') return attested
  const sig = strip(signature)
  const v = Number.parseInt(sig.slice(128), 16)
  if (![0, 1, 27, 28].includes(v)) return `signature v is ${v} (expected 27 or 28)`
  return {
    attested,
    signature: {
      signer: signer.toLowerCase(),
      r: `0x${sig.slice(0, 64)}`,
      s: `0x${sig.slice(64, 128)}`,
      yParity: v % 27,
    },
  }
}

/** The message decoded, with its CCVs and executor checked against its hash; else why not. */
function checked(
  encoded: string,
  messageId: string,
  ccvs: string[],
  executor: string,
): AttestedMessage | string {
  let message: AttestedMessage['message']
  try {
    message = decodeMessageV1(encoded)
  } catch (error) {
    return `message is not a MessageV1: ${(error as Error).message}`
  }
  if (ccvAndExecutorHash(ccvs, executor) !== message.ccvAndExecutorHash.toLowerCase())
    return "ccvs and executor do not hash to the message's ccv_and_executor_hash"
  return { messageId, encoded, message, ccvs, executor }
}
