import type { Command } from 'commander'
import { type CcipContext, createContext } from '../context.js'
import { ccipHome } from '../home.js'
import { createOutput, type Output } from './output.js'

/**
 * What every command body receives, built once per run: the library's context (profiles, the
 * chain layer, what is known of messages) plus where to write and how to stop.
 */
export interface CommandContext extends CcipContext {
  readonly out: Output
  readonly env: NodeJS.ProcessEnv
  readonly signal: AbortSignal
  /** stdin and stderr are terminals and --json is off: prompts and live rendering are allowed. */
  readonly interactive: boolean
}

let sharedSignal: AbortSignal = new AbortController().signal
let graceful = false

/** A command that cleans up on Ctrl-C (watching ctx.signal) calls this; others exit at once. */
export function handleInterruptGracefully(): void {
  graceful = true
}
export const gracefulInterruptRequested = (): boolean => graceful
/** bin/ hands in the Ctrl-C signal once, before parsing. */
export function setCommandSignal(signal: AbortSignal): void {
  sharedSignal = signal
}

type Body<O> = (ctx: CommandContext, args: string[], opts: O) => Promise<void>

/**
 * Wrap a command body: resolves the global flags (--json, --verbose) and builds the context.
 * Commander calls actions as (...positionals, options, command).
 */
export function action<O extends object>(body: Body<O>): (...raw: unknown[]) => Promise<void> {
  return async (...raw: unknown[]) => {
    // CAST: commander always passes the Command last and the parsed options before it.
    const command = raw[raw.length - 1] as Command
    const globals = command.optsWithGlobals() as { json?: boolean; verbose?: boolean }
    const opts = command.opts() as O
    const args = raw.slice(0, -2).flatMap((a) => (Array.isArray(a) ? a.map(String) : [String(a)]))
    const json = globals.json === true
    const out = createOutput({ json, verbose: globals.verbose === true }, process)
    const ctx: CommandContext = {
      ...createContext(ccipHome()),
      out,
      env: process.env,
      signal: sharedSignal,
      interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY) && !json,
    }
    await body(ctx, args, opts)
  }
}

/** The "Examples:" block appended to a command's --help. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`
}
