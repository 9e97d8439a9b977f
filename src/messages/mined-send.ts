import { decodeMessageSent, type LogFields } from '../protocol/events.js'
import { decodeSentV2, totalFee } from '../protocol/v2/sent-event.js'

/** What a send result reports of the mined send, from either version's event. */
export interface MinedSend {
  messageId: string
  sequenceNumber: bigint
  nonce: bigint
  fee: bigint
}

export function minedSendV16(log: LogFields): MinedSend {
  const { message } = decodeMessageSent(log)
  const { messageId, sequenceNumber, nonce } = message.header
  return { messageId, sequenceNumber, nonce, fee: message.feeTokenAmount }
}

export function minedSendV2(log: LogFields): MinedSend {
  const sent = decodeSentV2(log)
  return {
    messageId: sent.messageId,
    sequenceNumber: sent.message.messageNumber,
    nonce: 0n,
    fee: totalFee(sent),
  }
}
