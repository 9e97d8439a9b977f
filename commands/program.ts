import { Command } from 'commander'
import { packageVersion } from '../src/package-root.js'

/**
 * The top-level commands, in help order, each loaded on demand: a run of one command imports
 * that command's module tree only (30 small modules fewer for `ccip status`, whose time budget is
 * mostly Node's start-up and module loading).
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  local: async () => (await import('./local/index.js')).localCommand(),
  chains: async () => (await import('./chains/index.js')).chainsCommand(),
  faucet: async () => (await import('./faucet.js')).faucetCommand(),
  send: async () => (await import('./send.js')).sendCommand(),
  fee: async () => (await import('./fee.js')).feeCommand(),
  status: async () => (await import('./status.js')).statusCommand(),
  watch: async () => (await import('./watch.js')).watchCommand(),
  'manual-exec': async () => (await import('./manual-exec.js')).manualExecCommand(),
  messages: async () => (await import('./messages/index.js')).messagesCommand(),
  lanes: async () => (await import('./lanes/index.js')).lanesCommand(),
  ratelimit: async () => (await import('./ratelimit/index.js')).ratelimitCommand(),
  rmn: async () => (await import('./rmn/index.js')).rmnCommand(),
}

/**
 * The command tree for `argv`: only the named top-level command when the first word names one,
 * else all of them (help, a typo that wants suggestions). Implementations load when a command runs.
 */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('ccip')
    .description(
      'Chainlink CCIP from the command line, with a bundled local CCIP 1.6 stack\n' +
        '(real anvil chains, the production CCIP contracts, our own commit DON, execution DON and RMN).',
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
  const named = argv.find((word) => !word.startsWith('-'))
  const wanted = named !== undefined && named in COMMANDS ? [named] : Object.keys(COMMANDS)
  for (const command of await Promise.all(wanted.map((name) => COMMANDS[name]!()))) {
    program.addCommand(command)
  }
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
