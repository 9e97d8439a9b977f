import { Command } from 'commander'
import { examples } from '../../src/ui/command.js'
import { curseCommand } from './curse.js'
import { rmnStatusCommand } from './status.js'

export function rmnCommand(): Command {
  return new Command('rmn')
    .description(
      'RMN curses: stop a lane (or a whole chain) on chosen chains, lift it, see who cursed and why',
    )
    .addCommand(curseCommand('curse'))
    .addCommand(curseCommand('uncurse'))
    .addCommand(rmnStatusCommand())
    .addHelpText(
      'after',
      examples(
        'ccip rmn status',
        'ccip rmn curse --chain alpha --on beta --yes',
        'ccip rmn uncurse --chain alpha --on beta --yes',
      ),
    )
}
