import { Command } from 'commander'
import { examples } from '../../src/ui/command.js'
import { listCommand } from './list.js'

/** `ccip messages …`: the messages on the profiles' lanes. */
export function messagesCommand(): Command {
  return new Command('messages')
    .description('the CCIP messages on the lanes between your chain profiles')
    .addHelpText('after', examples('ccip messages list', 'ccip messages list --from alpha --state FAILURE'))
    .addCommand(listCommand())
}
