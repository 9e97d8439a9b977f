import { recoverSigner } from '../../chain/ecdsa.js'
import {
  type CommitteeSignature,
  committeeSignedHash,
  encodeVerifierResults,
} from '../../protocol/v2/committee.js'
import type { SentV2 } from '../../protocol/v2/sent-event.js'

/** What a committee signs for: the message as the OnRamp emitted it, and the CCVs and executor it names. */
export type AttestedMessage = Pick<SentV2, 'messageId' | 'encoded' | 'message' | 'ccvs' | 'executor'>

/** A committee's verdict on one message: what the indexer serves and the executors submit. */
export interface VerifierResult {
  messageId: string
  sent: AttestedMessage
  /** verifierResults for the OffRamp: tag ‖ length ‖ exactly `threshold` signatures. */
  ccvData: string
  /** The committee's resolver on the source (named in the message) and on the destination (passed to execute). */
  sourceResolver: string
  destResolver: string
  /** When the threshold was reached. */
  attestedAt: Date
}

export interface Committee {
  threshold: number
  /** Lower-case signer addresses. */
  signers: ReadonlySet<string>
}

/**
 * Collects the committee verifier nodes' signatures per message (Chainlink's aggregator role)
 * and makes a result once `threshold` distinct committee members signed. Every signature is
 * recovered (as ecrecover would) and checked against the committee before it counts: a node that
 * signs with another key, or a stranger, adds nothing. Results keep exactly `threshold`
 * signatures (the OffRamp reads only that many; more would cost calldata).
 */
export class Aggregator {
  private readonly signatures = new Map<string, Map<string, CommitteeSignature>>()
  private readonly results = new Map<string, VerifierResult>()
  private readonly listeners: ((result: VerifierResult) => void)[] = []
  /** The messages of `signatures`, as their first signature named them. */
  private readonly attested = new Map<string, AttestedMessage>()

  constructor(
    private readonly committee: Committee,
    private readonly resolvers: (sent: AttestedMessage) => { source: string; dest: string } | undefined,
  ) {}

  /** Called with every new result (executors, the RMN's audit). */
  onResult(listener: (result: VerifierResult) => void): void {
    this.listeners.push(listener)
  }

  result(messageId: string): VerifierResult | undefined {
    return this.results.get(messageId.toLowerCase())
  }

  /** The message behind `messageId` as a signature or result already named it (lower-case id). */
  known(messageId: string): AttestedMessage | undefined {
    return this.results.get(messageId)?.sent ?? this.attested.get(messageId)
  }

  get size(): number {
    return this.results.size
  }

  /** A node's signature over `sent`; false when it does not count (wrong key, not a member, already decided). */
  submit(sent: AttestedMessage, signature: CommitteeSignature): boolean {
    const id = sent.messageId
    if (this.results.has(id)) return false
    const signer = signature.signer.toLowerCase()
    if (!this.committee.signers.has(signer)) return false
    const sig = { r: signature.r, s: signature.s, yParity: signature.yParity as 0 | 1 }
    if (recoverSigner(committeeSignedHash(id), sig) !== signer) return false
    let byNode = this.signatures.get(id)
    if (byNode === undefined) {
      byNode = new Map()
      this.signatures.set(id, byNode)
      this.attested.set(id, sent)
    }
    byNode.set(signer, { ...signature, signer })
    if (byNode.size < this.committee.threshold) return true
    const resolvers = this.resolvers(sent)
    if (resolvers === undefined) return true
    const chosen = [...byNode.values()]
      .sort((a, b) => (BigInt(a.signer) < BigInt(b.signer) ? -1 : 1))
      .slice(0, this.committee.threshold)
    const result: VerifierResult = {
      messageId: id,
      sent,
      ccvData: encodeVerifierResults(chosen),
      sourceResolver: resolvers.source,
      destResolver: resolvers.dest,
      attestedAt: new Date(),
    }
    this.results.set(id, result)
    this.signatures.delete(id)
    this.attested.delete(id)
    for (const listener of this.listeners) listener(result)
    return true
  }
}
