import { Command } from 'commander'
import { examples } from '../../src/ui/command.js'
import { type LazyCommands, withSubcommands } from '../lazy.js'

const SUBCOMMANDS: LazyCommands = {
  deploy: async () => (await import('./deploy.js')).deployCommand(),
  setup: async () => (await import('./setup.js')).setupCommand(),
  pool: async (next) => (await import('./pool.js')).poolCommand(next),
  register: async () => (await import('./setup.js')).registerCommand(),
  grant: async () => (await import('./setup.js')).grantCommand(),
  connect: async () => (await import('./setup.js')).connectCommand(),
  show: async () => (await import('./show.js')).showCommand(),
  check: async () => (await import('./show.js')).checkCommand(),
}

/** `ccip token …`: your own token made cross-chain. */
export async function tokenCommand(subcommand?: string | null): Promise<Command> {
  const group = new Command('token')
    .description('your own token across chains: deploy it, set up its pools, registration and lanes, show it')
    .addHelpText(
      'after',
      examples(
        'ccip token deploy --chains alpha,beta,gamma --name "My Token" --symbol MYT',
        'ccip token setup --token MYT --chains alpha,beta,gamma --pool burn-mint --outbound 1000/10 --inbound 1100/11',
        'ccip token show MYT --chains alpha,beta,gamma',
      ),
    )
  return withSubcommands(group, SUBCOMMANDS, subcommand)
}
