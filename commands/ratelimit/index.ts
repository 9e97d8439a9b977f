import { Command } from 'commander'
import { examples } from '../../src/ui/command.js'
import { type LazyCommands, withSubcommands } from '../lazy.js'

const SUBCOMMANDS: LazyCommands = {
  show: async () => (await import('./show.js')).showCommand(),
  set: async () => (await import('./set.js')).setCommand(),
}

/** `ccip ratelimit …`: the token pools' per-lane rate limiters. */
export async function ratelimitCommand(subcommand?: string | null): Promise<Command> {
  const group = new Command('ratelimit')
    .description("show or change the token pools' rate limits (outbound and inbound, per remote chain)")
    .addHelpText(
      'after',
      examples(
        'ccip ratelimit show --chain alpha',
        'ccip ratelimit set --chain alpha --remote beta --token CCIP-BnM --outbound --capacity 1000 --rate 10',
      ),
    )
  return withSubcommands(group, SUBCOMMANDS, subcommand)
}
