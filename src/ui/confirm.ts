import { createInterface } from 'node:readline/promises'
import { CcipError, ErrorCode, ExitCode } from '../errors.js'
import type { CommandContext } from './command.js'

export interface ConfirmDangerousOptions {
  /** What is about to happen, a few lines; printed on stderr before the question. */
  summary: string
  /** The word the user must type, usually the chain name. */
  typeToConfirm: string
  /** --yes: the caller already confirmed. */
  yes?: boolean | undefined
}

export interface ConfirmStreams {
  input: NodeJS.ReadableStream
  output: NodeJS.WritableStream
}

/**
 * Confirmation for commands that change on-chain state (rate limits, RMN curses), the Shopify
 * "type the name" pattern. `--yes` skips it; without a terminal (or with --json) it refuses with
 * a hint instead of waiting for input that never comes (exit 2); a wrong answer aborts (exit 1).
 * Nothing is written to stdout.
 *
 * @example
 * await confirmDangerous(ctx, { summary: 'Curse beta on alpha', typeToConfirm: 'alpha', yes: opts.yes })
 */
export async function confirmDangerous(
  ctx: Pick<CommandContext, 'interactive' | 'signal'>,
  opts: ConfirmDangerousOptions,
  streams: ConfirmStreams = { input: process.stdin, output: process.stderr },
): Promise<void> {
  if (opts.yes === true) return
  if (!ctx.interactive) {
    throw new CcipError(
      ErrorCode.ConfirmationRequired,
      'This changes on-chain state and needs confirmation',
      {
        hint: 'no terminal to ask on (or --json): re-run with --yes to confirm, or --dry-run to see the call first',
        exitCode: ExitCode.Usage,
      },
    )
  }
  streams.output.write(`${opts.summary}\n\n`)
  const rl = createInterface({ input: streams.input, output: streams.output })
  const interrupted = new CcipError(ErrorCode.Aborted, 'Interrupted', { exitCode: ExitCode.Aborted })
  let answer: string
  try {
    answer = await new Promise<string>((resolve, reject) => {
      rl.on('SIGINT', () => reject(interrupted))
      rl.on('close', () => reject(notConfirmed('no answer', opts.typeToConfirm)))
      rl.question(`Type ${opts.typeToConfirm} to confirm: `, { signal: ctx.signal }).then(resolve, () =>
        reject(interrupted),
      )
    })
  } finally {
    rl.close()
  }
  if (answer.trim() !== opts.typeToConfirm) {
    throw notConfirmed(`'${answer.trim()}' is not '${opts.typeToConfirm}'`, opts.typeToConfirm)
  }
}

const notConfirmed = (why: string, word: string): CcipError =>
  new CcipError(ErrorCode.NotConfirmed, `Not confirmed (${why}): nothing was sent`, {
    hint: `type ${word} exactly when asked, or pass --yes`,
  })
