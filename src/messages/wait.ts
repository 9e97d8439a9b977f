import { CcipError, ErrorCode, ExitCode } from '../errors.js'
import { isFinalState, type MessageState } from '../protocol/status.js'

/** The part of a message status that `--wait` needs (src/messages/status.ts returns more). */
export interface StatusLike {
  state: MessageState
}

export interface WaitOptions {
  timeoutMs: number
  signal?: AbortSignal
  pollMs?: number
  /** Called on every state change, the first read included. */
  onState?: (state: MessageState) => void
}

/**
 * Poll `read` until the message reaches SUCCESS or FAILURE, or the timeout passes; resolves with
 * the last status read either way (`timedOut` tells which).
 *
 * @example
 * const { status } = await waitForFinalState(() => getMessageStatus(home, id, { hint }), { timeoutMs: 300_000 })
 */
export async function waitForFinalState<S extends StatusLike>(
  read: () => Promise<S>,
  opts: WaitOptions,
): Promise<{ status: S; timedOut: boolean }> {
  const deadline = Date.now() + opts.timeoutMs
  let last: MessageState | undefined
  for (;;) {
    opts.signal?.throwIfAborted()
    const status = await read()
    if (status.state !== last) {
      last = status.state
      opts.onState?.(status.state)
    }
    if (isFinalState(status.state)) return { status, timedOut: false }
    if (Date.now() >= deadline) return { status, timedOut: true }
    await sleep(Math.min(opts.pollMs ?? 500, Math.max(0, deadline - Date.now())), opts.signal)
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms)
    function done() {
      signal?.removeEventListener('abort', abort)
      resolve()
    }
    function abort() {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    signal?.addEventListener('abort', abort, { once: true })
  })
}

/** The error `ccip send --wait` ends with when the message did not end in SUCCESS. */
export function waitOutcomeError(
  messageId: string,
  state: MessageState,
  timeoutMs: number,
): CcipError | undefined {
  if (state === 'SUCCESS') return undefined
  if (state === 'FAILURE') {
    return new CcipError(
      ErrorCode.MessageFailed,
      `Message ${messageId} ended in FAILURE on the destination`,
      {
        hint: `see why with \`ccip status ${messageId}\`; after a fix, \`ccip manual-exec ${messageId}\``,
        exitCode: ExitCode.MessageFailed,
      },
    )
  }
  return new CcipError(
    ErrorCode.Timeout,
    `Gave up waiting after ${Math.round(timeoutMs / 1000)} s; message ${messageId} is ${state}`,
    { hint: `follow it with \`ccip status ${messageId} --watch\`, or wait longer with --timeout` },
  )
}
