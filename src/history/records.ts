import type { RawLog } from '../chain/chain.js'
import { describeFailure } from '../messages/failure.js'
import { evmAddressOf } from '../protocol/abi-words.js'
import {
  commitRoots,
  EVENT_TOPICS,
  executionWords,
  sentMessageId,
  sentSummary,
} from '../protocol/event-words.js'
import type { CcipVersion } from '../protocol/lane-version.js'
import { ExecutionState } from '../protocol/types.js'
import { EVENT_TOPICS_V2, executionWordsV2, isExecutionV2, isSentLogV2 } from '../protocol/v2/events.js'
import { decodeSentV2, totalFee } from '../protocol/v2/sent-event.js'

/**
 * The few facts the history keeps of each CCIP event, small enough to keep a chain's whole
 * history on disk (digest.ts) and join 100,000 messages in memory. Big numbers as decimal
 * strings (JSON); addresses lower case.
 */
interface At {
  /** Block number, unix seconds of the block, transaction hash. */
  b: number
  ts: number
  tx: string
}

export interface SendRecord extends At {
  id: string
  v: CcipVersion
  /** Destination chain selector. */
  dest: string
  onRamp: string
  seq: string
  sender: string
  receiver: string
  feeToken: string
  fee: string
  /** 1.6 names the source pool of a transfer (its token is read from it), 2.0 the source token. */
  tokens: { pool?: string; token?: string; amount: string }[]
}

export interface ExecRecord extends At {
  id: string
  /** Source chain selector. */
  src: string
  success: boolean
  /** Only for a failed attempt: the decoded one-line reason. */
  reason?: string
}

export interface CommitRecord extends At {
  /** Source chain selector, the on-ramp as the OffRamp knows it (32-byte padded), the range. */
  src: string
  onRamp: string
  min: string
  max: string
  blessed: boolean
}

/** What one chain's logs add to the history. */
export interface ChainRecords {
  sends: SendRecord[]
  execs: ExecRecord[]
  commits: CommitRecord[]
}

export const HISTORY_TOPICS = {
  sent: [EVENT_TOPICS.ccipMessageSent, EVENT_TOPICS_V2.ccipMessageSent],
  dest: [
    EVENT_TOPICS.executionStateChanged,
    EVENT_TOPICS_V2.executionStateChanged,
    EVENT_TOPICS.commitReportAccepted,
  ],
}

/** 2.0 pads source addresses to 32 bytes; the history keeps 20-byte addresses, lower case. */
const evmAddress = (bytes: string): string => evmAddressOf(bytes).toLowerCase()

export function sendRecord(log: RawLog, ts: number): SendRecord {
  const at = { b: log.blockNumber, ts, tx: log.transactionHash }
  if (isSentLogV2(log)) {
    const sent = decodeSentV2(log)
    const t = sent.message.tokenTransfer
    return {
      ...at,
      id: sent.messageId,
      v: '2.0',
      dest: sent.message.destChainSelector.toString(),
      onRamp: log.address.toLowerCase(),
      seq: sent.message.messageNumber.toString(),
      sender: evmAddress(sent.sender),
      receiver: evmAddress(sent.message.receiver),
      feeToken: sent.feeToken.toLowerCase(),
      fee: totalFee(sent).toString(),
      tokens:
        t === undefined
          ? []
          : [{ token: evmAddress(t.sourceTokenAddress), amount: sent.tokenAmountBeforeFees.toString() }],
    }
  }
  const summary = sentSummary(log)
  return {
    ...at,
    id: sentMessageId(log.data),
    v: '1.6',
    dest: BigInt(log.topics[1] ?? '0x0').toString(),
    onRamp: log.address.toLowerCase(),
    seq: BigInt(log.topics[2] ?? '0x0').toString(),
    sender: summary.sender.toLowerCase(),
    receiver: summary.receiver.toLowerCase(),
    feeToken: summary.feeToken.toLowerCase(),
    fee: summary.feeTokenAmount.toString(),
    tokens: summary.tokenAmounts.map((t) => ({
      pool: t.sourcePoolAddress.toLowerCase(),
      amount: t.amount.toString(),
    })),
  }
}

/** An execution attempt; undefined for IN_PROGRESS (no outcome yet). */
export function execRecord(log: RawLog, ts: number): ExecRecord | undefined {
  const words = isExecutionV2(log) ? executionWordsV2(log) : executionWords(log)
  if (words.state !== ExecutionState.SUCCESS && words.state !== ExecutionState.FAILURE) return undefined
  const success = words.state === ExecutionState.SUCCESS
  return {
    b: log.blockNumber,
    ts,
    tx: log.transactionHash,
    id: (log.topics[3] ?? '').toLowerCase(),
    src: BigInt(log.topics[1] ?? '0x0').toString(),
    success,
    ...(success ? {} : { reason: describeFailure(words.returnData).reason }),
  }
}

export function commitRecords(log: RawLog, ts: number): CommitRecord[] {
  const { blessed, unblessed } = commitRoots(log)
  const record = (blessedRoot: boolean) => (r: (typeof blessed)[number]) => ({
    b: log.blockNumber,
    ts,
    tx: log.transactionHash,
    src: r.sourceChainSelector.toString(),
    onRamp: r.onRampAddress.toLowerCase(),
    min: r.minSeqNr.toString(),
    max: r.maxSeqNr.toString(),
    blessed: blessedRoot,
  })
  return [...blessed.map(record(true)), ...unblessed.map(record(false))]
}
