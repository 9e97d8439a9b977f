import { Command } from 'commander'
import { packageVersion } from '../src/package-root.js'
import { chainsCommand } from './chains/index.js'
import { faucetCommand } from './faucet.js'
import { feeCommand } from './fee.js'
import { lanesCommand } from './lanes/index.js'
import { localCommand } from './local/index.js'
import { manualExecCommand } from './manual-exec.js'
import { messagesCommand } from './messages/index.js'
import { ratelimitCommand } from './ratelimit/index.js'
import { rmnCommand } from './rmn/index.js'
import { sendCommand } from './send.js'
import { statusCommand } from './status.js'
import { watchCommand } from './watch.js'

/** The whole command tree. Command modules are light: implementations load when a command runs. */
export function buildProgram(): Command {
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
  program.addCommand(localCommand())
  program.addCommand(chainsCommand())
  program.addCommand(faucetCommand())
  program.addCommand(sendCommand())
  program.addCommand(feeCommand())
  program.addCommand(statusCommand())
  program.addCommand(watchCommand())
  program.addCommand(manualExecCommand())
  program.addCommand(messagesCommand())
  program.addCommand(lanesCommand())
  program.addCommand(ratelimitCommand())
  program.addCommand(rmnCommand())
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
