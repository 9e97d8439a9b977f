import { Command } from 'commander'
import { action, examples } from '../../src/ui/command.js'

export function defaultChainCommand(): Command {
  return new Command('use')
    .description('make a chain profile the default chain')
    .argument('<name>', 'profile name')
    .addHelpText('after', examples('ccip chains use sepolia', 'ccip chains use alpha'))
    .action(
      action(async (ctx, [name]) => {
        const { openProfileStore } = await import('../../src/profiles/store.js')
        const store = openProfileStore(ctx.home)
        store.use(name ?? '')
        ctx.out.result({ current: name }, (r) => `Default chain is now '${r.current}'.`)
      }),
    )
}
