import { Command } from 'commander'
import { examples } from '../../src/ui/command.js'
import { type LazyCommands, withSubcommands } from '../lazy.js'

const SUBCOMMANDS: LazyCommands = {
  curse: async () => (await import('./curse.js')).curseCommand('curse'),
  uncurse: async () => (await import('./curse.js')).curseCommand('uncurse'),
  status: async () => (await import('./status.js')).rmnStatusCommand(),
}

export async function rmnCommand(subcommand?: string | null): Promise<Command> {
  const group = new Command('rmn')
    .description(
      'RMN curses: stop a lane (or a whole chain) on chosen chains, lift it, see who cursed and why',
    )
    .addHelpText(
      'after',
      examples(
        'ccip rmn status',
        'ccip rmn curse --chain alpha --on beta --yes',
        'ccip rmn uncurse --chain alpha --on beta --yes',
      ),
    )
  return withSubcommands(group, SUBCOMMANDS, subcommand)
}
