import { Command } from 'commander'
import { examples } from '../../src/ui/command.js'
import { type LazyCommands, withSubcommands } from '../lazy.js'

const SUBCOMMANDS: LazyCommands = {
  list: async () => (await import('./list.js')).listCommand(),
}

/** `ccip messages …`: the messages on the profiles' lanes. */
export async function messagesCommand(subcommand?: string | null): Promise<Command> {
  const group = new Command('messages')
    .description('the CCIP messages on the lanes between your chain profiles')
    .addHelpText('after', examples('ccip messages list', 'ccip messages list --from alpha --state FAILURE'))
  return withSubcommands(group, SUBCOMMANDS, subcommand)
}
