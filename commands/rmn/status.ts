import { Command } from 'commander'
import { action, examples } from '../../src/ui/command.js'

export function rmnStatusCommand(): Command {
  return new Command('status')
    .description('cursed subjects per chain, and who cursed (operator or RMN vote) and why')
    .option('--chain <name>', 'only this chain')
    .addHelpText('after', examples('ccip rmn status', 'ccip rmn status --chain beta --json'))
    .action(
      action<{ chain?: string }>(async (ctx, _args, flags) => {
        const { rmnStatus } = await import('../../src/operator/rmn-status.js')
        const { renderRmnStatus } = await import('../../src/ui/rmn.js')
        const store = await ctx.profiles()
        const profiles =
          flags.chain === undefined
            ? store.profiles.filter((p) => p.router !== undefined)
            : [store.require(flags.chain)]
        ctx.out.result(await rmnStatus(profiles), renderRmnStatus)
      }),
    )
}
