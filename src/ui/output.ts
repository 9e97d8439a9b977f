import { redactUrlsIn } from '../chain/rpc-errors.js'
import { CcipError, describeError } from '../errors.js'
import { toJson } from './json.js'

/**
 * The only place ccipkit writes to the terminal. stdout carries results (one JSON document with
 * --json); stderr carries everything else: progress, logs, warnings, errors.
 */
export interface Output {
  readonly json: boolean
  readonly verbose: boolean
  readonly isTTY: boolean
  /** Write the command's result: JSON with --json, else the text from `render`. */
  result<T>(data: T, render: (data: T) => string): void
  /** A progress or status line for humans (stderr); silent with --json unless verbose. */
  info(line: string): void
  warn(line: string): void
}

export interface Streams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean }
  stderr: NodeJS.WritableStream & { isTTY?: boolean }
}

export function createOutput(opts: { json: boolean; verbose: boolean }, streams: Streams): Output {
  return {
    json: opts.json,
    verbose: opts.verbose,
    isTTY: Boolean(streams.stderr.isTTY) && !opts.json,
    result(data, render) {
      const text = opts.json ? toJson(data) : render(data)
      if (text.length > 0) streams.stdout.write(text.endsWith('\n') ? text : `${text}\n`)
    },
    info(line) {
      if (!opts.json || opts.verbose) streams.stderr.write(`${line}\n`)
    },
    warn(line) {
      streams.stderr.write(`warning: ${line}\n`)
    },
  }
}

/** Render an error for the user: one line, a hint, and with --verbose the cause chain. */
export function formatError(error: unknown, opts: { json: boolean; verbose: boolean }): string {
  if (opts.json) {
    const body =
      error instanceof CcipError
        ? error.toJSON()
        : { code: 'INTERNAL', message: redactUrlsIn(describeError(error)) }
    return `${toJson({ error: body })}\n`
  }
  const lines: string[] = []
  if (error instanceof CcipError) {
    lines.push(`error: ${error.shortMessage}`)
    if (error.hint) lines.push(`hint: ${error.hint}`)
  } else {
    lines.push(`error: ${redactUrlsIn(describeError(error))}`)
    lines.push('hint: this looks like a bug in ccip; re-run with --verbose and report the output')
  }
  if (opts.verbose) {
    let cause: unknown = error
    while (cause instanceof Error) {
      // Causes are texts of ethers and Node, which quote request URLs (API keys) verbatim.
      lines.push(redactUrlsIn(cause.stack ?? String(cause)))
      cause = cause.cause
    }
  }
  return `${lines.join('\n')}\n`
}
