import { Command } from 'commander'
import { examples } from '../../src/ui/command.js'
import { type LazyCommands, withSubcommands } from '../lazy.js'

const SUBCOMMANDS: LazyCommands = {
  deploy: async () => (await import('./deploy.js')).deployCommand(),
}

/** `ccip token …`: your own token made cross-chain. */
export async function tokenCommand(subcommand?: string | null): Promise<Command> {
  const group = new Command('token')
    .description('your own token across chains: deploy it (then pools, registration and lanes: coming)')
    .addHelpText(
      'after',
      examples('ccip token deploy --chains alpha,beta,gamma --name "My Token" --symbol MYT'),
    )
  return withSubcommands(group, SUBCOMMANDS, subcommand)
}
