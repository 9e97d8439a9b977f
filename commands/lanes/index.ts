import { Command } from 'commander'
import { examples } from '../../src/ui/command.js'
import { listCommand } from './list.js'

/** `ccip lanes …`: the CCIP lanes between the chain profiles. */
export function lanesCommand(): Command {
  return new Command('lanes')
    .description('the CCIP lanes between the chain profiles: state, curses, sequence numbers, rate limits')
    .addHelpText('after', examples('ccip lanes list', 'ccip lanes list --from alpha --json'))
    .addCommand(listCommand())
}
