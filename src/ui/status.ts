import type { FailureInfo } from '../messages/failure.js'
import type { MessageStatusResult, StatusDetail } from '../messages/status.js'
import { checksumAddress } from '../protocol/keccak.js'
import type { MessageState, Phase } from '../protocol/status.js'
import { table } from './table.js'

/** `ccip status --json`: exactly this shape (`failure` only in state FAILURE). */
export interface StatusJson {
  messageId: string
  /** The lane's CCIP version ('1.6' or '2.0'); null for UNKNOWN. */
  version: string | null
  state: MessageState
  sourceChain: string | null
  destChain: string | null
  sequenceNumber: string | null
  nonce: string | null
  /** The rest is read from the send (absent for UNKNOWN); addresses checksummed. */
  sender?: string
  receiver?: string
  data?: string
  gasLimit?: string | null
  fee?: { token: string; amount: string }
  tokenAmounts?: { sourcePool: string; destToken: string; amount: string }[]
  /** 1.6: the committed Merkle root covering the message, once committed. */
  merkleRoot?: { root: string; minSeqNr: string; maxSeqNr: string } | null
  /** 2.0: the CCVs and executor the message names (on the source). */
  ccvs?: string[]
  executor?: string
  /** blockNumber is null for VERIFIED (it happens off chain). */
  phases: { state: MessageState; txHash: string | null; blockNumber: number | null; timestamp: number }[]
  failure?: FailureInfo
}

function detailJson(d: StatusDetail): Partial<StatusJson> {
  return {
    sender: checksumAddress(d.sender),
    receiver: d.receiver.length === 42 ? checksumAddress(d.receiver) : d.receiver,
    data: d.data,
    gasLimit: d.gasLimit === undefined ? null : d.gasLimit.toString(),
    fee: { token: checksumAddress(d.feeToken), amount: d.feeTokenAmount.toString() },
    tokenAmounts: d.tokenAmounts.map((t) => ({
      sourcePool: checksumAddress(t.sourcePoolAddress),
      destToken: t.destTokenAddress.length === 42 ? checksumAddress(t.destTokenAddress) : t.destTokenAddress,
      amount: t.amount.toString(),
    })),
    ...(d.ccvs === undefined
      ? {
          merkleRoot:
            d.root === undefined
              ? null
              : {
                  root: d.root.merkleRoot,
                  minSeqNr: d.root.minSeqNr.toString(),
                  maxSeqNr: d.root.maxSeqNr.toString(),
                },
        }
      : { ccvs: d.ccvs.map(checksumAddress), executor: checksumAddress(d.executor ?? '') }),
  }
}

export function statusJson(s: MessageStatusResult): StatusJson {
  return {
    messageId: s.messageId,
    version: s.version,
    state: s.state,
    sourceChain: s.sourceChain,
    destChain: s.destChain,
    sequenceNumber: s.sequenceNumber === null ? null : s.sequenceNumber.toString(),
    nonce: s.nonce === null ? null : s.nonce.toString(),
    ...(s.detail === undefined ? {} : detailJson(s.detail)),
    phases: s.phases.map((p) => ({
      state: p.state,
      txHash: p.txHash,
      blockNumber: p.blockNumber,
      timestamp: p.timestamp,
    })),
    ...(s.failure === undefined ? {} : { failure: s.failure }),
  }
}

/** `2026-11-25 08:51:04Z`: block times are whole UTC seconds. */
export const blockTime = (ts: number): string =>
  new Date(ts * 1000).toISOString().replace('T', ' ').replace('.000Z', 'Z')

export const seconds = (s: number): string => (s < 120 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`)

/** What each state waits for next, in words. */
const NEXT: Partial<Record<MessageState, string>> = {
  SENT: 'waiting for source finality',
  SOURCE_FINALIZED: 'waiting for the commit DON to commit it',
  COMMITTED: 'waiting for the RMN blessing',
  BLESSED: 'waiting for the execution DON',
  VERIFIED: 'waiting for an executor',
}

/** 2.0 waits for the verifiers after finality, not for a commit. */
const NEXT_V2: Partial<Record<MessageState, string>> = { SOURCE_FINALIZED: 'waiting for the verifiers' }

/** The chain a phase happened on: the first two on the source, VERIFIED off chain, the rest on the destination. */
export const phaseChain = (s: MessageStatusResult, p: Phase): string =>
  p.state === 'VERIFIED'
    ? '(indexer)'
    : ((p.state === 'SENT' || p.state === 'SOURCE_FINALIZED' ? s.sourceChain : s.destChain) ?? '')

export function renderStatus(s: MessageStatusResult): string {
  const d = s.detail
  const v2 = s.version === '2.0'
  const rows: [string, string][] = [
    ['lane', `${s.sourceChain} → ${s.destChain} (CCIP ${s.version})`],
    ...((v2
      ? [['message number', String(s.sequenceNumber)]]
      : [
          ['sequence', String(s.sequenceNumber)],
          ['nonce', s.nonce === 0n ? '0 (out of order)' : String(s.nonce)],
        ]) as [string, string][]),
  ]
  if (d !== undefined) {
    const j = detailJson(d)
    rows.push(['sender', j.sender!], ['receiver', j.receiver!])
    rows.push(['data', d.data === '0x' ? '(none)' : shortData(d.data)])
    for (const t of j.tokenAmounts!) rows.push(['token', `${t.amount} (pool ${t.sourcePool})`])
    rows.push(['fee', `${j.fee!.amount} of ${j.fee!.token}`])
    if (d.gasLimit !== undefined) rows.push(['gas limit', String(d.gasLimit)])
    if (d.root !== undefined) {
      rows.push(['merkle root', `${d.root.merkleRoot} (seq ${d.root.minSeqNr}–${d.root.maxSeqNr})`])
    }
    if (j.ccvs !== undefined) rows.push(['verifiers', j.ccvs.join(', ')], ['executor', j.executor!])
    if (d.verificationUnknown !== undefined) rows.push(['verified?', `unknown: ${d.verificationUnknown}`])
  }
  const width = Math.max(...rows.map(([k]) => k.length))
  const lines = [
    `Message ${s.messageId}: ${s.state}`,
    ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
    '',
  ]
  lines.push(phaseTable(s))
  const next = (v2 ? NEXT_V2[s.state] : undefined) ?? NEXT[s.state]
  if (next !== undefined) lines.push('', `  … ${next}`)
  if (d !== undefined && d.attempts.length > 1) {
    lines.push('', '  execution attempts:')
    for (const a of d.attempts) {
      lines.push(
        `    ${attemptName(a.state).padEnd(8)} block ${a.blockNumber}  ${a.txHash}  ${blockTime(a.timestamp)}`,
      )
    }
  }
  if (s.failure !== undefined) lines.push('', ...renderFailure(s.failure))
  return lines.join('\n')
}

/** Long payloads are cut for the terminal; --json carries them whole. */
const shortData = (data: string): string =>
  data.length <= 2 + 64 ? data : `${data.slice(0, 66)}… (${(data.length - 2) / 2} bytes)`

export function phaseTable(s: MessageStatusResult): string {
  const rows = s.phases.map((p, i) => {
    const previous = s.phases[i - 1]
    return [
      p.state,
      phaseChain(s, p),
      p.blockNumber === null ? '-' : String(p.blockNumber),
      p.txHash ?? '-',
      blockTime(p.timestamp),
      previous === undefined ? '' : `+${seconds(p.timestamp - previous.timestamp)}`,
    ]
  })
  return table(['phase', 'chain', 'block', 'tx', 'time', 'took'], rows)
}

function renderFailure(f: FailureInfo): string[] {
  // What to do next goes to stderr with the exit-4 error (src/messages/errors.ts).
  return [`  failure     ${f.reason}`, `  returnData  ${f.returnData}`]
}

const attemptName = (state: number): string =>
  (['UNTOUCHED', 'RUNNING', 'SUCCESS', 'FAILURE'] as const)[state] ?? String(state)
