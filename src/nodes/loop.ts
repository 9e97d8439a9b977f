import { sleep } from '../time.js'

export type Log = (line: string) => void

/**
 * Run `step` forever at `intervalMs`, until `signal` aborts. A failing step (an RPC error, a
 * reverted transaction) is logged and retried with exponential backoff up to 5 s: nodes never
 * die of a transient fault, and they hold no state that a retry could corrupt.
 */
export async function runLoop(
  name: string,
  intervalMs: number,
  step: () => Promise<void>,
  signal: AbortSignal,
  log: Log,
) {
  let backoff = intervalMs
  while (!signal.aborted) {
    try {
      await step()
      backoff = intervalMs
    } catch (error) {
      if (signal.aborted) return
      backoff = Math.min(backoff * 2, 5_000)
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
