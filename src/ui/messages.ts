import type { MessageRow } from '../messages/list.js'
import { blockTime } from './status.js'
import { table } from './table.js'

/** `ccip messages list` as text: one row per message, the full id last so it can be copied. */
export function renderMessageList(rows: MessageRow[]): string {
  if (rows.length === 0) return 'No messages found.'
  return table(
    ['sent', 'lane', 'ccip', 'seq', 'nonce', 'state', 'messageId'],
    rows.map((r) => [
      blockTime(r.timestamp),
      `${r.sourceChain} → ${r.destChain}`,
      r.version,
      String(r.sequenceNumber),
      r.version === '2.0' ? '-' : String(r.nonce),
      r.state,
      r.messageId,
    ]),
  )
}
