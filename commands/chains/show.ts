import { Command } from 'commander'
import { action, examples } from '../../src/ui/command.js'

export function showCommand(): Command {
  return new Command('show')
    .description('show one chain profile')
    .argument('<name>', 'profile name')
    .addHelpText('after', examples('ccip chains show sepolia', 'ccip chains show alpha --json'))
    .action(
      action(async (ctx, [name]) => {
        const { readProfiles } = await import('../../src/profiles/read.js')
        const { renderProfile } = await import('../../src/ui/profiles.js')
        const store = await readProfiles(ctx.home)
        const profile = store.require(name ?? '')
        const current = store.current
        ctx.out.result(profile, (p) => renderProfile(p, current))
      }),
    )
}
