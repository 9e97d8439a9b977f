import { Command } from 'commander'
import { examples } from '../../src/ui/command.js'
import { type LazyCommands, withSubcommands } from '../lazy.js'

const SUBCOMMANDS: LazyCommands = {
  list: async () => (await import('./list.js')).listCommand(),
}

/** `ccip lanes …`: the CCIP lanes between the chain profiles. */
export async function lanesCommand(subcommand?: string | null): Promise<Command> {
  const group = new Command('lanes')
    .description('the CCIP lanes between the chain profiles: state, curses, sequence numbers, rate limits')
    .addHelpText('after', examples('ccip lanes list', 'ccip lanes list --from alpha --json'))
  return withSubcommands(group, SUBCOMMANDS, subcommand)
}
