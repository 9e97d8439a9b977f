import type { MessageStatusResult } from '../messages/status.js'
import { isFinalState } from '../protocol/status.js'
import { blockTime, phaseChain } from './status.js'

export interface WatchOptions {
  /** Live ink view on stderr (a terminal, without --json); else one line per state change. */
  live: boolean
  signal: AbortSignal
  pollMs?: number
}

/**
 * Follow a message until SUCCESS or FAILURE, re-reading it every `pollMs`. Everything goes to
 * stderr: the caller prints the final result on stdout. ink is loaded only for the live view.
 */
export async function watchStatus(
  first: MessageStatusResult,
  read: () => Promise<MessageStatusResult>,
  opts: WatchOptions,
): Promise<MessageStatusResult> {
  if (opts.live) return watchLive(first, read, opts)
  let printed = 0
  const print = (s: MessageStatusResult) => {
    for (const p of s.phases.slice(printed)) {
      const tx = p.txHash === null ? '' : `  tx ${p.txHash}`
      process.stderr.write(
        `${blockTime(p.timestamp)}  ${p.state.padEnd(16)} ${phaseChain(s, p)} block ${p.blockNumber}${tx}\n`,
      )
    }
    printed = s.phases.length
  }
  return poll(first, read, opts, print)
}

async function watchLive(
  first: MessageStatusResult,
  read: () => Promise<MessageStatusResult>,
  opts: WatchOptions,
): Promise<MessageStatusResult> {
  const { render } = await import('ink')
  const { StatusView } = await import('./StatusView.js')
  const view = render(<StatusView status={first} />, { stdout: process.stderr, patchConsole: false })
  try {
    return await poll(first, read, opts, (s) => view.rerender(<StatusView status={s} />))
  } finally {
    // The final result follows on stdout: leave the terminal as it was.
    view.clear()
    view.unmount()
  }
}

async function poll(
  first: MessageStatusResult,
  read: () => Promise<MessageStatusResult>,
  opts: WatchOptions,
  show: (s: MessageStatusResult) => void,
): Promise<MessageStatusResult> {
  let status = first
  show(status)
  while (!isFinalState(status.state)) {
    await sleep(opts.pollMs ?? 400, opts.signal)
    const next = await read()
    if (next.phases.length !== status.phases.length || next.state !== status.state) show(next)
    status = next
  }
  return status
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    const abort = () => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', abort)
      resolve()
    }, ms)
    signal.addEventListener('abort', abort, { once: true })
  })
}
