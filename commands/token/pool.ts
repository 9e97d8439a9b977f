import { Command } from 'commander'
import { examples } from '../../src/ui/command.js'
import { type LazyCommands, withSubcommands } from '../lazy.js'

const SUBCOMMANDS: LazyCommands = {
  deploy: async () =>
    (await import('./steps.js')).stepCommand({
      name: 'deploy',
      description:
        'deploy a token pool for the token on each chain that has none (remembered in the token book)',
      phases: ['pool'],
      examples: [
        'ccip token pool deploy --token MYT --chains alpha,beta --pool burn-mint',
        'ccip token pool deploy --token MYT --chains alpha --pool lock-release --pool-version 2.0',
      ],
    }),
}

/** `ccip token pool …`. */
export async function poolCommand(subcommand?: string | null): Promise<Command> {
  const group = new Command('pool')
    .description("the token's pools")
    .addHelpText('after', examples('ccip token pool deploy --token MYT --chains alpha,beta --pool burn-mint'))
  return withSubcommands(group, SUBCOMMANDS, subcommand)
}
