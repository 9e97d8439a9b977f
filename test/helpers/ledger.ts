import { rpcCall } from '../../src/chain/rpc.js'
import { EVENT_TOPICS, sentMessageId, uintTopic } from '../../src/protocol/event-words.js'
import type { BenchChain } from '../bench/traffic.js'

export interface LaneLedger {
  lane: string
  /** messageIds the source's OnRamp emitted for this lane. */
  sent: Set<string>
  /** Executed on the destination, but the source has no such send: a split (state from two moments). */
  executedWithoutSend: string[]
  /** Sent and not (yet) executed. */
  notExecuted: string[]
  /** Executed with FAILURE. */
  failed: string[]
}

const SUCCESS = 2n
const FAILURE = 3n

/** Logs over a fresh connection's worth of retries: right after a restart a kept-alive socket may be dead. */
async function logs(url: string, filter: object): Promise<RawLog[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await rpcCall<RawLog[]>(url, 'eth_getLogs', [filter])
    } catch (error) {
      if (attempt >= 3) throw error
    }
  }
}

interface RawLog {
  topics: string[]
  data: string
}

/** Every send of a lane against every execution of it, from both chains' logs (whole history). */
export async function laneLedger(
  chains: readonly BenchChain[],
  from: string,
  to: string,
): Promise<LaneLedger> {
  const source = chains.find((c) => c.name === from)!
  const dest = chains.find((c) => c.name === to)!
  const [sends, executions] = await Promise.all([
    logs(source.rpcUrl, {
      address: source.onRamp,
      topics: [EVENT_TOPICS.ccipMessageSent, uintTopic(dest.selector)],
      fromBlock: '0x0',
    }),
    logs(dest.rpcUrl, {
      address: dest.offRamp,
      topics: [EVENT_TOPICS.executionStateChanged, uintTopic(source.selector)],
      fromBlock: '0x0',
    }),
  ])
  const sent = new Set(sends.map((l) => sentMessageId(l.data)))
  const final = new Map<string, bigint>()
  for (const log of executions) {
    const state = BigInt(`0x${log.data.slice(66, 130)}`)
    if (state === SUCCESS || state === FAILURE) final.set(log.topics[3]!.toLowerCase(), state)
  }
  return {
    lane: `${from} → ${to}`,
    sent,
    executedWithoutSend: [...final.keys()].filter((id) => !sent.has(id)),
    notExecuted: [...sent].filter((id) => !final.has(id)),
    failed: [...final].filter(([, s]) => s === FAILURE).map(([id]) => id),
  }
}
