import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { StatsReport } from '../../src/stats/types.js'
import { sleep } from '../../src/time.js'
import { fileStack } from '../helpers/stack.js'

/**
 * A `ccip local up` stack keeps its message history current by itself (nodes/history-worker.ts):
 * without any `ccip stats`, each chain's digest under the home takes in the messages sent, so the
 * first `ccip stats` reads only the blocks since rather than every chain from block 0.
 */
const stack = fileStack('history-keeper', { up: ['--ccip', 'mixed', '--instant'] })

interface Digest {
  builtAt: number
  to: number
  sends: { id: string }
}

const digestOf = (chain: string): Digest | undefined => {
  const file = join(stack.home, 'history', `${chain}-${stack.chain(chain).chainId}.json`)
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Digest) : undefined
}

describe('the local stack keeps the history', () => {
  it('digests every chain’s sends without a stats run, and the first stats run builds on them', async () => {
    const ids: string[] = []
    for (const to of ['beta', 'gamma']) {
      const sent = await stack.json<{ messageId: string }>('send', '--from', 'alpha', '--to', to, '--wait')
      ids.push(sent.messageId)
    }
    // A round every 5 s; the first growth of a digest is written at once.
    const digits = ids.map((id) => id.slice(2))
    const deadline = Date.now() + 30_000
    let digest = digestOf('alpha')
    while (!digits.every((d) => digest?.sends.id.includes(d)) && Date.now() < deadline) {
      await sleep(500)
      digest = digestOf('alpha')
    }
    expect(digest, 'alpha’s digest holds both sends').toBeDefined()
    for (const d of digits) expect(digest?.sends.id).toContain(d)

    const before = Date.now()
    const stats = await stack.json<StatsReport>('stats')
    expect(stats.total).toMatchObject({ messages: 2, success: 2, inFlight: 0 })
    // The stats run kept the stack's digest (built before it) instead of reading alpha afresh.
    const after = digestOf('alpha')
    expect(after?.builtAt).toBe(digest?.builtAt)
    expect(after?.builtAt ?? Number.POSITIVE_INFINITY).toBeLessThan(before)
  }, 90_000)
})
