import { Command } from 'commander'
import { action, examples } from '../../src/ui/command.js'

export function removeCommand(): Command {
  return new Command('remove')
    .description('remove a chain profile (local ones come back on the next `ccip local up`)')
    .argument('<name>', 'profile name')
    .addHelpText('after', examples('ccip chains remove sepolia'))
    .action(
      action(async (ctx, [name]) => {
        const { openProfileStore } = await import('../../src/profiles/store.js')
        const removed = openProfileStore(ctx.home).remove(name ?? '')
        ctx.out.result({ removed: removed.name }, (r) => `Removed chain profile '${r.removed}'.`)
      }),
    )
}
