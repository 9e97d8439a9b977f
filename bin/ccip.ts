#!/usr/bin/env node
/**
 * The executable: builds the commander program (command modules are light; each loads its
 * implementation only when it runs), maps every error to one line + hint + exit code.
 * This is the only place that decides the process exit code.
 */
import { CommanderError } from 'commander'
import { buildProgram } from '../commands/program.js'
import { CcipError, ErrorCode, ExitCode } from '../src/errors.js'
import { gracefulInterruptRequested, setCommandSignal } from '../src/ui/command.js'
import { formatError } from '../src/ui/output.js'

async function main(argv: string[]): Promise<number> {
  const interrupt = new AbortController()
  let interrupts = 0
  let lastInterrupt = 0
  process.on('SIGINT', () => {
    // conf's atomic writer (when-exit) re-raises SIGINT on this process right after the first:
    // that echo must not count as the user's second, forcing Ctrl-C.
    const now = Date.now()
    if (now - lastInterrupt < 300) return
    lastInterrupt = now
    interrupts += 1
    interrupt.abort(new CcipError(ErrorCode.Aborted, 'Interrupted', { exitCode: ExitCode.Aborted }))
    // Commands that clean up (e.g. `local up` stopping its chains) ask for a graceful stop;
    // everything else, or a second Ctrl-C, ends at once.
    if (!gracefulInterruptRequested() || interrupts > 1) process.exit(ExitCode.Aborted)
  })
  setCommandSignal(interrupt.signal)
  // `ccip … | head` closes the pipe early: the reader has what it wanted, not an error to report.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(ExitCode.Ok)
    throw error
  })

  const json = argv.includes('--json')
  const verbose = argv.includes('--verbose') || argv.includes('-v')
  let commanderMessage = ''
  const program = await buildProgram(argv)
  program.exitOverride()
  program.configureOutput({ outputError: (text) => (commanderMessage = text.trim()) })
  for (const command of allCommands(program)) {
    command.exitOverride()
    command.configureOutput({ outputError: (text) => (commanderMessage = text.trim()) })
  }

  try {
    await program.parseAsync(argv, { from: 'user' })
    return Number(process.exitCode ?? ExitCode.Ok)
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return ExitCode.Ok // --help, --version
      const message = (commanderMessage || error.message).replace(/^error:\s*/i, '')
      const usage = new CcipError(ErrorCode.Usage, message, {
        hint: 'run the command with --help for its usage and examples',
        exitCode: ExitCode.Usage,
      })
      process.stderr.write(formatError(usage, { json, verbose }))
      return ExitCode.Usage
    }
    process.stderr.write(formatError(error, { json, verbose }))
    return error instanceof CcipError ? error.exitCode : ExitCode.Failed
  }
}

function allCommands(root: import('commander').Command): import('commander').Command[] {
  return root.commands.flatMap((c) => [c, ...allCommands(c)])
}

const code = await main(process.argv.slice(2))
// The answer is out: requests still in flight (a slower chain whose answer was not needed, a
// black-holed RPC) must not hold the prompt. Exit once both streams have flushed (pipes are
// asynchronous on macOS).
let flushing = 2
const exitWhenFlushed = () => {
  flushing -= 1
  if (flushing === 0) process.exit(code)
}
process.stdout.write('', exitWhenFlushed)
process.stderr.write('', exitWhenFlushed)
