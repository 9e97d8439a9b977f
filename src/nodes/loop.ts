import { getHeapStatistics } from 'node:v8'
import { sleep } from '../time.js'

export type Log = (line: string) => void

/**
 * Run `step` until `signal` aborts: after a step that did work at once (it may have left a
 * backlog), else when `next` says there may be something new (a new block, or a timer). A failing
 * step (an RPC error, a reverted transaction) is logged and retried with exponential backoff up
 * to 5 s: nodes never die of a transient fault, and they hold no state that a retry could corrupt.
 */
export async function runLoop(
  name: string,
  next: () => Promise<void>,
  step: () => Promise<boolean>,
  signal: AbortSignal,
  log: Log,
) {
  let backoff = 0
  while (!signal.aborted) {
    try {
      const t0 = performance.now()
      const busy = await step()
      const ms = performance.now() - t0
      if (process.env.CCIPKIT_NODES_DEBUG !== undefined && ms > 100)
        log(`${name}: step took ${ms.toFixed(0)} ms`)
      backoff = 0
      if (!busy) await next()
    } catch (error) {
      if (signal.aborted) return
      backoff = Math.min(Math.max(backoff, 100) * 2, 5_000)
      log(
        `${name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} (retry in ${backoff} ms)`,
      )
      try {
        await sleep(backoff, signal)
      } catch {
        return
      }
    }
  }
}

/** A `next` for loops that run on a timer. */
export const every = (ms: number, signal: AbortSignal) => (): Promise<void> =>
  sleep(ms, signal).catch(() => undefined)

/** Debugging aid (CCIPKIT_NODES_DEBUG): this thread's JavaScript heap and the buffers outside it. */
export function heapSummary(): string {
  const heap = getHeapStatistics()
  const { external, arrayBuffers } = process.memoryUsage()
  const mib = (n: number) => (n / 2 ** 20).toFixed(0)
  return `heap ${mib(heap.used_heap_size)}/${mib(heap.total_heap_size)} MiB, external ${mib(external)} MiB (buffers ${mib(arrayBuffers)}), process RSS ${mib(process.memoryUsage.rss())} MiB`
}
