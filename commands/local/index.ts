import { Command } from 'commander'
import { examples } from '../../src/ui/command.js'
import { type LazyCommands, withSubcommands } from '../lazy.js'

const SUBCOMMANDS: LazyCommands = {
  up: async () => (await import('./up.js')).upCommand(),
  down: async () => (await import('./down.js')).downCommand(),
  status: async () => (await import('./status.js')).statusCommand(),
  reset: async () => (await import('./reset.js')).resetCommand(),
}

export async function localCommand(subcommand?: string | null): Promise<Command> {
  const group = new Command('local')
    .description('run the bundled local CCIP stack: anvil chains with CCIP 1.6 deployed and wired')
    .addHelpText('after', examples('ccip local up --detach', 'ccip local status --json', 'ccip local down'))
  return withSubcommands(group, SUBCOMMANDS, subcommand)
}
