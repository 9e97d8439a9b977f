import { sleep } from '../time.js'

export type Log = (line: string) => void

/**
 * Run `step` forever at `intervalMs` (at once again when it reports it did work), until `signal`
 * aborts. A failing step (an RPC error, a reverted transaction) is logged and retried with exponential backoff up to 5 s: nodes never
 * die of a transient fault, and they hold no state that a retry could corrupt.
 */
export async function runLoop(
  name: string,
  intervalMs: number,
  step: () => Promise<boolean>,
  signal: AbortSignal,
  log: Log,
) {
  let backoff = intervalMs
  while (!signal.aborted) {
    try {
      const t0 = performance.now()
      const busy = await step()
      const ms = performance.now() - t0
      if (process.env.CCIP_NODES_DEBUG !== undefined && ms > 100)
        log(`${name}: step took ${ms.toFixed(0)} ms`)
      // A step that did work may have left a backlog: go again at once rather than idle.
      backoff = busy === true ? 0 : intervalMs
    } catch (error) {
      if (signal.aborted) return
      backoff = Math.min(Math.max(backoff, intervalMs) * 2, 5_000)
      log(
        `${name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} (retry in ${backoff} ms)`,
      )
    }
    try {
      await sleep(backoff, signal)
    } catch {
      return
    }
  }
}
