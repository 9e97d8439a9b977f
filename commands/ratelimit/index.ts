import { Command } from 'commander'
import { examples } from '../../src/ui/command.js'
import { setCommand } from './set.js'
import { showCommand } from './show.js'

/** `ccip ratelimit …`: the token pools' per-lane rate limiters. */
export function ratelimitCommand(): Command {
  return new Command('ratelimit')
    .description("show or change the token pools' rate limits (outbound and inbound, per remote chain)")
    .addHelpText(
      'after',
      examples(
        'ccip ratelimit show --chain alpha',
        'ccip ratelimit set --chain alpha --remote beta --token CCIP-BnM --outbound --capacity 1000 --rate 10',
      ),
    )
    .addCommand(showCommand())
    .addCommand(setCommand())
}
