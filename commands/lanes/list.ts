import { Command } from 'commander'
import { action, examples } from '../../src/ui/command.js'

interface ListOptions {
  from?: string
  to?: string
}

export function listCommand(): Command {
  return new Command('list')
    .description(
      'list every lane between the chain profiles with a Router: state (active, cursed, disabled), ' +
        'where it is cursed, its ramps, next sequence number, messages in flight and token rate limits',
    )
    .option('--from <chain>', 'only lanes from this chain profile')
    .option('--to <chain>', 'only lanes to this chain profile')
    .addHelpText(
      'after',
      examples(
        'ccip lanes list',
        'ccip lanes list --from alpha --to beta',
        'ccip lanes list --json | jq -r \'.[] | select(.state != "active") | "\\(.source) → \\(.dest): \\(.state)"\'',
      ),
    )
    .action(
      action<ListOptions>(async (ctx, _args, opts) => {
        const { listLanes } = await import('../../src/operator/lanes.js')
        const { lanesJson, renderLanes } = await import('../../src/ui/lanes.js')
        const profiles = await ctx.profiles()
        for (const name of [opts.from, opts.to]) if (name !== undefined) profiles.require(name)
        // Said only once the listing stands: when every chain fails, the error alone names them.
        const skips: string[] = []
        const lanes = await listLanes({
          profiles: profiles.profiles,
          ...(opts.from === undefined ? {} : { from: opts.from }),
          ...(opts.to === undefined ? {} : { to: opts.to }),
          onSkip: (chain, error) => skips.push(`skipped ${chain}: ${error.shortMessage}`),
        })
        for (const line of skips) ctx.out.warn(line)
        ctx.out.result(lanesJson(lanes), () => renderLanes(lanes))
      }),
    )
}
