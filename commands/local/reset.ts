import { Command } from 'commander'
import { action, examples } from '../../src/ui/command.js'

export function resetCommand(): Command {
  return new Command('reset')
    .description('stop the local stack if it runs and wipe its state, logs and local chain profiles')
    .addHelpText('after', examples('ccip local reset', 'ccip local reset && ccip local up --detach'))
    .action(
      action(async (ctx) => {
        const { stackPaths } = await import('../../src/stack/paths.js')
        const { resetStack } = await import('../../src/stack/stop.js')
        const result = await resetStack(ctx.home, stackPaths(ctx.home))
        ctx.out.result(
          { reset: true, ...result },
          () => 'Local stack wiped: the next `ccip local up` deploys from scratch.',
        )
      }),
    )
}
