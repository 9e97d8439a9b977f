import type { RawLog } from '../chain/chain.js'
import { searchChain } from '../chain/log-ranges.js'
import { type ChainPool, chainOf, type ProfileChain } from '../chain/profile-chain.js'
import type { Profile } from '../profiles/profile.js'
import { uintTopic } from '../protocol/event-words.js'
import { EVENT_TOPICS_V2 } from '../protocol/v2/events.js'
import { decodeSentV2, type SentV2 } from '../protocol/v2/sent-event.js'
import type { LocatedMessage } from './find.js'

/**
 * Locating a CCIP 2.0 message. Its id is an indexed topic of both its send (topic3) and its
 * executions (topic3), so both are one query each over a whole chain, where 1.6 sends must be
 * scanned for the id in their data.
 */

/** The 2.0 send of `id` on one of `sources` to one of `dests`; the first source that has it wins. */
export async function findSentV2(
  pool: ChainPool,
  sources: readonly Profile[],
  dests: readonly Profile[],
  id: string,
): Promise<LocatedMessage | undefined> {
  const found = await Promise.all(
    sources.map(async (sourceProfile) => {
      const source = chainOf(sourceProfile, pool)
      // Only lanes that run 2.0 (one cached typeAndVersion per OnRamp): a 1.6 lane costs no log query.
      const others = dests.filter((d) => d.selector !== sourceProfile.selector)
      const versions = await Promise.all(
        others.map((d) => source.laneVersion(BigInt(d.selector)).catch(() => undefined)),
      )
      const lanes = others.filter((_, i) => versions[i]?.ccip === '2.0')
      if (lanes.length === 0) return undefined
      // The OnRamps are known (laneVersion read them): the address keeps the query to their logs.
      const onRamps = await Promise.all(lanes.map((d) => source.onRamp(BigInt(d.selector))))
      const { logs } = await searchChain(source, {
        address: [...new Set(onRamps.filter((r): r is string => r !== undefined))],
        topics: [EVENT_TOPICS_V2.ccipMessageSent, lanes.map((d) => uintTopic(BigInt(d.selector))), null, id],
      })
      return logs.length === 0 ? undefined : { source, logs, lanes }
    }),
  )
  for (const hit of found) {
    if (hit === undefined) continue
    for (const log of hit.logs) {
      const destProfile = hit.lanes.find(
        (d) => uintTopic(BigInt(d.selector)) === log.topics[1]?.toLowerCase(),
      )
      if (destProfile === undefined) continue
      const located = await locatedV2(hit.source, chainOf(destProfile, pool), log)
      if (located !== undefined) return located
    }
  }
  return undefined
}

/** A 2.0 execution's message: its send on the source (the execution's emitter checked to be a real OffRamp). */
export async function locateExecutedV2(
  source: ProfileChain,
  dest: ProfileChain,
  executions: readonly RawLog[],
  id: string,
  complete: boolean,
): Promise<LocatedMessage | undefined> {
  const onRamp = await source.onRamp(dest.selector)
  if (onRamp === undefined) return undefined
  const { logs } = await searchChain(source, {
    address: onRamp,
    topics: [EVENT_TOPICS_V2.ccipMessageSent, uintTopic(dest.selector), null, id],
  })
  const sent = logs[0]
  if (sent === undefined) return undefined
  const located = await locatedV2(source, dest, sent)
  if (located === undefined) return undefined
  const real = executions.filter((l) => located.offRamps.includes(l.address))
  if (real.length === 0) return undefined
  return complete ? { ...located, executions: real } : located
}

/**
 * A send as a located message, when its emitter is the Router's OnRamp for the lane (any contract
 * can emit the event) and the log is consistent with itself (id = keccak256 of the message).
 */
async function locatedV2(
  source: ProfileChain,
  dest: ProfileChain,
  log: RawLog,
): Promise<LocatedMessage | undefined> {
  const [onRamp, offRamps] = await Promise.all([source.onRamp(dest.selector), dest.offRamps(source.selector)])
  if (onRamp === undefined || onRamp.toLowerCase() !== log.address.toLowerCase()) return undefined
  let sentV2: SentV2
  try {
    sentV2 = decodeSentV2(log)
  } catch {
    return undefined
  }
  return {
    version: '2.0',
    source,
    dest,
    onRamp,
    offRamps,
    sent: log,
    sentV2,
    header: {
      messageId: sentV2.messageId,
      sourceChainSelector: source.selector,
      destChainSelector: dest.selector,
      sequenceNumber: sentV2.message.messageNumber,
      nonce: 0n,
    },
  }
}
