import { httpGet } from '../chain/http.js'
import { redactUrl } from '../chain/rpc-errors.js'
import type { Profile } from '../profiles/profile.js'

/**
 * Reading CCIP 2.0 verifier results from an indexer, as Chainlink's SDK does
 * (ccip-2.0-protocol.md §9): GET {base}/v1/verifierresults/{messageId}; any non-2xx or
 * `success: false` means "not verified yet". Every URL is asked at once and the first answer
 * with results wins.
 */

/** Chainlink's public indexers (mainnet, then testnet), the default for real networks. */
export const PUBLIC_INDEXERS: readonly string[] = [
  'https://indexer-1.ccip.chain.link',
  'https://indexer-2.ccip.chain.link',
  'https://indexer-1.testnet.ccip.chain.link',
  'https://indexer-2.testnet.ccip.chain.link',
]

/** One verifier's result as the OffRamp takes it. */
export interface Verification {
  /** verifierResults for OffRamp.execute. */
  ccvData: string
  /** The CCV (resolver) on the source, as the message names it. */
  sourceAddress: string
  /** The CCV on the destination: the address passed to execute. */
  destAddress: string
  /** Unix seconds of the attestation. */
  timestamp: number
}

export type VerificationRead =
  | { kind: 'verified'; results: Verification[]; indexer: string }
  | { kind: 'pending' }
  /** No indexer answered at all: whether the message is verified is unknown. */
  | { kind: 'unreachable'; why: string }

/**
 * The indexers to ask for a message of the lane source → dest: `override` (--indexer), else the
 * profiles' own (the source's, then the destination's), else Chainlink's public ones for real
 * networks. A local chain without one has no 2.0 lanes: no indexer.
 */
export function indexersFor(source: Profile, dest: Profile, override?: readonly string[]): string[] {
  if (override !== undefined && override.length > 0) return [...override]
  const own = [source.indexerUrl, dest.indexerUrl].filter((u): u is string => u !== undefined)
  if (own.length > 0) return [...new Set(own)]
  return source.local || dest.local ? [] : [...PUBLIC_INDEXERS]
}

interface IndexerBody {
  success?: boolean
  results?: {
    verifierResult?: {
      ccv_data?: string
      verifier_source_address?: string
      verifier_dest_address?: string
      timestamp?: string
    }
  }[]
}

export async function fetchVerifications(
  urls: readonly string[],
  messageId: string,
): Promise<VerificationRead> {
  if (urls.length === 0) return { kind: 'unreachable', why: 'no indexer is known for this lane' }
  const answers = await Promise.allSettled(urls.map((url) => ask(url, messageId)))
  const verified = answers.find(
    (a): a is PromiseFulfilledResult<VerificationRead & { kind: 'verified' }> =>
      a.status === 'fulfilled' && a.value.kind === 'verified',
  )
  if (verified !== undefined) return verified.value
  if (answers.some((a) => a.status === 'fulfilled')) return { kind: 'pending' }
  const first = answers[0]
  const why = first?.status === 'rejected' ? (first.reason as Error).message : 'no answer'
  return { kind: 'unreachable', why }
}

/**
 * The ids among `ids` whose verifier results one of `urls` serves (a request per id, all at once).
 * An indexer that does not answer leaves them unverified: a list shows what it knows rather than failing.
 */
export async function verifiedIds(urls: readonly string[], ids: readonly string[]): Promise<Set<string>> {
  if (urls.length === 0 || ids.length === 0) return new Set()
  const reads = await Promise.all(ids.map((id) => fetchVerifications(urls, id)))
  return new Set(ids.filter((_, i) => reads[i]!.kind === 'verified'))
}

async function ask(base: string, messageId: string): Promise<VerificationRead> {
  const url = `${base.replace(/\/+$/, '')}/v1/verifierresults/${messageId}`
  let res: { status: number; text: string }
  try {
    res = await httpGet(url)
  } catch (error) {
    // One place words URLs for output: an indexer URL may carry an API key.
    throw new Error(`indexer ${redactUrl(base)} did not answer: ${(error as Error).message}`)
  }
  if (res.status < 200 || res.status > 299) return { kind: 'pending' }
  let body: IndexerBody
  try {
    body = JSON.parse(res.text) as IndexerBody
  } catch {
    return { kind: 'pending' }
  }
  if (body.success !== true || !Array.isArray(body.results)) return { kind: 'pending' }
  const results = body.results.flatMap(({ verifierResult: vr }) =>
    vr?.ccv_data === undefined || vr.verifier_dest_address === undefined
      ? []
      : [
          {
            ccvData: vr.ccv_data,
            sourceAddress: vr.verifier_source_address ?? '',
            destAddress: vr.verifier_dest_address,
            timestamp: vr.timestamp === undefined ? 0 : Math.floor(Date.parse(vr.timestamp) / 1000),
          },
        ],
  )
  return results.length === 0 ? { kind: 'pending' } : { kind: 'verified', results, indexer: base }
}
