import { Command } from 'commander'
import { packageVersion } from '../src/package-root.js'
import { type LazyCommands, loadCommands } from './lazy.js'

/** The top-level commands, in help order (see LazyCommands). */
const COMMANDS: LazyCommands = {
  local: async (sub) => (await import('./local/index.js')).localCommand(sub),
  chains: async (sub) => (await import('./chains/index.js')).chainsCommand(sub),
  faucet: async () => (await import('./faucet.js')).faucetCommand(),
  send: async () => (await import('./send.js')).sendCommand(),
  fee: async () => (await import('./fee.js')).feeCommand(),
  status: async () => (await import('./status.js')).statusCommand(),
  watch: async () => (await import('./watch.js')).watchCommand(),
  explorer: async () => (await import('./explorer.js')).explorerCommand(),
  'manual-exec': async () => (await import('./manual-exec.js')).manualExecCommand(),
  messages: async (sub) => (await import('./messages/index.js')).messagesCommand(sub),
  lanes: async (sub) => (await import('./lanes/index.js')).lanesCommand(sub),
  ratelimit: async (sub) => (await import('./ratelimit/index.js')).ratelimitCommand(sub),
  rmn: async (sub) => (await import('./rmn/index.js')).rmnCommand(sub),
  token: async (sub) => (await import('./token/index.js')).tokenCommand(sub),
  stats: async () => (await import('./stats.js')).statsCommand(),
}

/**
 * The command tree for `argv`: the named command (and within a group, the named subcommand)
 * when the words name one; else every top-level command, groups without their subcommands (the
 * top-level help lists names and descriptions only). Implementations load when a command runs.
 */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('ccip')
    .description(
      'Chainlink CCIP from the command line, with a bundled local CCIP 1.6 and 2.0 stack\n' +
        '(real anvil chains, the production CCIP contracts, our own commit and execution DONs and RMN\n' +
        'for 1.6, committee verifiers, indexer and executor for 2.0).',
    )
    .version(packageVersion(), '-V, --version')
    .option('--json', 'print exactly one JSON document on stdout (errors as JSON on stderr)')
    .option('-v, --verbose', 'more detail on stderr, stack traces on errors')
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  $ ccip local up --detach        start 3 local chains with CCIP deployed\n' +
        '  $ ccip chains list              the chain profiles, local ones included\n' +
        '  $ ccip local status --json      RPC URLs and contract addresses\n' +
        '\nExit codes: 0 ok, 1 operation failed, 2 usage error, 3 not found, 4 message ended in FAILURE.\n',
    )
  // Global options take no value, so the first words are the command path. `ccip help chains`
  // asks for what `ccip chains --help` shows.
  const words = argv.filter((word) => !word.startsWith('-'))
  if (words[0] === 'help') words.shift()
  // `ccip --version` needs no command at all.
  const versionOnly = words.length === 0 && argv.some((a) => a === '-V' || a === '--version')
  if (!versionOnly)
    for (const command of await loadCommands(COMMANDS, words[0], words[1])) program.addCommand(command)
  // addCommand() does not pass help settings down: show --json/--verbose in every command's help.
  const inherit = (command: Command) => {
    for (const sub of command.commands) {
      sub.configureHelp({ showGlobalOptions: true })
      inherit(sub)
    }
  }
  inherit(program)
  return program
}
