import type { RawLog } from '../chain/chain.js'
import { describeFailure } from '../messages/failure.js'
import { evmAddressOf } from '../protocol/abi-words.js'
import { commitRoots, EVENT_TOPICS, executionWords, sentMessageId } from '../protocol/event-words.js'
import type { CcipVersion } from '../protocol/lane-version.js'
import { sentLedgerWords } from '../protocol/sent-words.js'
import { ExecutionState } from '../protocol/types.js'
import { EVENT_TOPICS_V2, executionWordsV2, isExecutionV2, isSentLogV2 } from '../protocol/v2/events.js'
import { decodeSentV2, totalFee } from '../protocol/v2/sent-event.js'

/**
 * The few facts the history keeps of each CCIP event, as decoded from a log; a digest keeps them
 * as columns (columns.ts). Amounts as decimal strings (JSON); addresses lower case.
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
  /**
   * 1.6 sequence number, 2.0 message number: counters that start at 1 and grow by one per
   * message, so a JS number is exact for far longer than any lane will live.
   */
  seq: number
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
  reason: string | undefined
}

export interface CommitRecord extends At {
  /** Source chain selector, the on-ramp as the OffRamp knows it (32-byte padded), the range. */
  src: string
  onRamp: string
  min: number
  max: number
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
  // Fields written out rather than spread from a common part: V8 builds a spread object on a slow
  // path, and a chain's first read makes 100,000 of these.
  if (isSentLogV2(log)) {
    const sent = decodeSentV2(log, { checkId: false })
    const t = sent.message.tokenTransfer
    return {
      b: log.blockNumber,
      ts,
      tx: log.transactionHash,
      id: sent.messageId,
      v: '2.0',
      dest: sent.message.destChainSelector.toString(),
      onRamp: log.address.toLowerCase(),
      seq: Number(sent.message.messageNumber),
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
  const summary = sentLedgerWords(log.data)
  return {
    b: log.blockNumber,
    ts,
    tx: log.transactionHash,
    id: sentMessageId(log.data),
    v: '1.6',
    dest: BigInt(log.topics[1] ?? '0x0').toString(),
    onRamp: log.address.toLowerCase(),
    seq: Number(BigInt(log.topics[2] ?? '0x0')),
    sender: summary.sender,
    receiver: evmAddress(summary.receiver),
    feeToken: summary.feeToken,
    fee: summary.feeTokenAmount.toString(),
    tokens: summary.tokenAmounts.map((t) => ({
      pool: t.sourcePoolAddress,
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
    reason: success ? undefined : describeFailure(words.returnData).reason,
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
    min: Number(r.minSeqNr),
    max: Number(r.maxSeqNr),
    blessed: blessedRoot,
  })
  return [...blessed.map(record(true)), ...unblessed.map(record(false))]
}
