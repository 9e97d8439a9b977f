import { Agent } from 'node:http'
import { httpPostJson } from '../../chain/http.js'
import type { CommitteeSignature } from '../../protocol/v2/committee.js'
import { strip } from '../../protocol/v2/packed.js'
import type { AttestedMessage } from './aggregator.js'
import type { SignedSubmission } from './signature-intake.js'

/** Signatures per request: a backlog after a restart signs thousands in one round. */
const BATCH = 250

/**
 * A verifier node's connection to the aggregator's write side (`POST /v1/signatures`, served on
 * the indexer's port: signature-intake.ts), its own keep-alive socket. The verifier nodes run in
 * their own thread and reach the aggregator the way Chainlink's do: over the network.
 */
export class AggregatorClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 })

  constructor(private readonly url: string) {}

  /**
   * Hand the signatures over; throws unless every batch was taken (the caller signs them all
   * again next round: the aggregator ignores a signature it already counted).
   */
  async submit(signed: readonly SignedSubmission[]): Promise<void> {
    for (let i = 0; i < signed.length; i += BATCH) {
      const body = JSON.stringify({ signatures: signed.slice(i, i + BATCH).map(wireForm) })
      const res = await httpPostJson(`${this.url}/v1/signatures`, body, this.agent)
      if (res.status !== 200)
        throw new Error(`the aggregator answered ${res.status}: ${res.text.slice(0, 200)}`)
    }
  }

  close(): void {
    this.agent.destroy()
  }
}

function wireForm({ attested, signature }: { attested: AttestedMessage; signature: CommitteeSignature }) {
  const v = (27 + signature.yParity).toString(16)
  return {
    message: attested.encoded,
    ccvs: attested.ccvs,
    executor: attested.executor,
    signer: signature.signer,
    signature: `0x${strip(signature.r).padStart(64, '0')}${strip(signature.s).padStart(64, '0')}${v}`,
  }
}
