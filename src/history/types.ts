import type { CcipVersion } from '../protocol/lane-version.js'
import type { MessageState } from '../protocol/status.js'

/** Where a phase of a message happened on chain. */
export interface HistoryPoint {
  txHash: string
  blockNumber: number
  /** Unix seconds of the block. */
  timestamp: number
}

/**
 * One message of the history (`ccip stats`, the explorer's list): its send, and what its
 * destination did with it, from the chains' logs alone.
 */
export interface HistoryMessage {
  messageId: string
  version: CcipVersion
  sourceChain: string
  destChain: string
  /** 1.6: the sequence number; 2.0: the message number. */
  sequenceNumber: bigint
  sender: string
  /** An EVM receiver as an address; any other encoding as sent. */
  receiver: string
  /**
   * SENT, SOURCE_FINALIZED, COMMITTED, BLESSED (1.6), VERIFIED (2.0, only where an indexer was
   * asked), SUCCESS or FAILURE.
   */
  state: MessageState
  /** The fee token (source address) and the amount paid in it. */
  feeToken: string
  feeAmount: bigint
  /** Token transfers: the source token and the amount sent. */
  tokens: { token: string; amount: bigint }[]
  sent: HistoryPoint
  /** 1.6: the commit report covering it (blessed or not). */
  committed?: HistoryPoint & { blessed: boolean }
  /** The attempt that decided the state (a SUCCESS wins over earlier failures). */
  executed?: HistoryPoint & { success: boolean }
  /** One line: why the last failed execution failed (decoded). */
  failureReason?: string
}

export interface HistoryFilter {
  /** Source chain (profile name). */
  from?: string
  /** Destination chain (profile name). */
  to?: string
  /** Unix seconds: only messages sent at or after. */
  since?: number
  /** Unix seconds: only messages sent at or before. */
  until?: number
}
