import { describe, expect, it, vi } from 'vitest'
import { WorkerHold } from '../../src/nodes/hold.js'
import type { ToWorker } from '../../src/nodes/messages.js'
import { SendGate } from '../../src/nodes/send-gate.js'

const tick = () => new Promise((r) => setTimeout(r, 5))

describe('holding the nodes’ sends for a cut', () => {
  it('hold waits for a send under way, and no send starts until release', async () => {
    const gate = new SendGate()
    const log: string[] = []
    let finish!: () => void
    const first = gate.send(() => new Promise<void>((r) => (finish = r)).then(() => log.push('first sent')))
    let held = false
    const holding = gate.hold().then(() => (held = true))
    await tick()
    expect(held, 'a send is still under way').toBe(false)
    finish()
    await holding
    await first
    const second = gate.send(async () => log.push('second sent'))
    await tick()
    expect(log).toEqual(['first sent'])
    gate.release()
    await second
    expect(log).toEqual(['first sent', 'second sent'])
  })

  it('the daemon goes on only after every duty held its sends', async () => {
    const told: ToWorker[] = []
    const hold = new WorkerHold((m) => told.push(m))
    const pending = hold.hold()
    expect(told).toEqual([{ type: 'hold', cut: 1 }])
    hold.held({ type: 'held', duty: 'commit', cut: 1 })
    let done = false
    pending.then(() => (done = true))
    await tick()
    expect(done, 'exec has not held yet').toBe(false)
    expect(hold.holding).toBe(1)
    hold.held({ type: 'held', duty: 'exec', cut: 1 })
    const release = await pending
    release()
    expect(told.at(-1)).toEqual({ type: 'release' })
    expect(hold.holding).toBeUndefined()
  })

  it('a duty that does not answer fails the hold and releases the others', async () => {
    vi.useFakeTimers()
    try {
      const told: ToWorker[] = []
      const hold = new WorkerHold((m) => told.push(m))
      const pending = hold.hold()
      hold.held({ type: 'held', duty: 'commit', cut: 1 })
      const failed = expect(pending).rejects.toThrow(/the exec nodes did not hold/)
      await vi.advanceTimersByTimeAsync(5_000)
      await failed
      expect(told).toEqual([{ type: 'hold', cut: 1 }, { type: 'release' }])
    } finally {
      vi.useRealTimers()
    }
  })
})
