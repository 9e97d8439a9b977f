import { redactUrlsIn } from '../chain/rpc-errors.js'
import { CcipError, describeError, ErrorCode, ExitCode } from '../errors.js'
import type { ExplorerSource } from './source.js'

/** What the explorer answers for a failure: the CLI's error, as JSON or a page, with its HTTP status. */
export interface WebError {
  status: number
  error: { code: string; message: string; hint?: string }
}

export const stackNotRunning = (): CcipError =>
  new CcipError(ErrorCode.StackNotRunning, 'the local stack is not running', {
    hint: 'start it with `ccip local up --detach`; this page comes back by itself',
  })

export const badRequest = (message: string, hint: string): CcipError =>
  new CcipError(ErrorCode.InvalidArgument, message, { hint, exitCode: ExitCode.Usage })

export const noPage = (path: string): CcipError =>
  new CcipError(ErrorCode.NotFound, `there is no page ${path}`, {
    hint: 'the explorer has / (messages), /message/<id>, /lanes and /stats',
    exitCode: ExitCode.NotFound,
  })

/** The CLI's exit codes say whose fault it is; HTTP says it the same way. */
function statusOf(error: CcipError): number {
  if (error.code === ErrorCode.StackNotRunning) return 503
  // A chain name in a filter that no profile has is a bad filter, not a missing page.
  if (error.code === ErrorCode.ProfileNotFound) return 400
  if (error.exitCode === ExitCode.Usage) return 400
  if (error.exitCode === ExitCode.NotFound) return 404
  if (error.code === ErrorCode.RpcUnreachable) return 502
  return 500
}

/**
 * Any thrown value as the explorer shows it. A read that failed because the local stack stopped
 * says so (not "connection refused" on some port), and the client starts afresh for when it is
 * back. Never a stack trace, never an RPC URL's path (they carry API keys).
 */
export async function webError(error: unknown, source: ExplorerSource): Promise<WebError> {
  let known = error instanceof CcipError ? error : undefined
  if (known === undefined || known.code === ErrorCode.RpcUnreachable) {
    const stopped = await source.localStackStopped().catch(() => false)
    if (stopped) {
      source.forget()
      known = stackNotRunning()
    }
  }
  if (known === undefined) {
    return {
      status: 500,
      error: {
        code: ErrorCode.Internal,
        message: redactUrlsIn(describeError(error)),
        hint: 'this looks like a bug in ccip; the terminal running `ccip explorer --verbose` shows more',
      },
    }
  }
  return {
    status: statusOf(known),
    error: {
      code: known.code,
      message: redactUrlsIn(known.shortMessage),
      ...(known.hint === undefined ? {} : { hint: known.hint }),
    },
  }
}

/** A CcipError made here (bad input) needs no probing of the stack. */
export function webErrorOf(error: CcipError): WebError {
  return {
    status: statusOf(error),
    error: { code: error.code, message: error.shortMessage, ...(error.hint ? { hint: error.hint } : {}) },
  }
}
