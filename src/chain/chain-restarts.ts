import { sleep } from '../time.js'

/**
 * Riding through a local chain's restart. The node process restarts a chain whose memory passed
 * its budget (nodes/refresher.ts): for a second or so its port refuses connections, then the same
 * chain answers again. A request that meets a refused or dropped connection on a loopback chain
 * that already answered in this process is sent again for up to RESTART_GRACE_MS, so commands
 * and nodes running across a restart do not fail. A chain never reached fails at once (a stack
 * that is not running), and remote RPCs are never retried here: a dropped eth_sendRawTransaction
 * may have been taken, and sending it again would report an error for a sent transaction.
 */
export const RESTART_GRACE_MS = 5_000

const answered = new Set<string>()

/** A chain stopped for good (a library stack's stop()): a refused connection to it fails at once again. */
export function forgetChain(url: string): void {
  answered.delete(url)
}

export async function acrossRestarts<T>(url: string, attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + RESTART_GRACE_MS
  for (;;) {
    try {
      const result = await attempt()
      answered.add(url)
      return result
    } catch (error) {
      if (!answered.has(url) || !isLoopback(url) || !isConnectionLost(error) || Date.now() > deadline)
        throw error
      await sleep(50)
    }
  }
}

const LOST = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE'])

/** A connection refused or dropped before an answer (Node's errno, or ethers' wrapper of it). */
function isConnectionLost(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    // CAST: probing optional fields of an unknown error object.
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown }
    if (typeof code === 'string' && LOST.has(code)) return true
    if (typeof message === 'string' && /ECONNREFUSED|ECONNRESET|socket hang up/.test(message)) return true
    e = cause
  }
  return false
}

function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]'
  } catch {
    return false
  }
}
