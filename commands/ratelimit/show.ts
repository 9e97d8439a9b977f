import { Command } from 'commander'
import { action, examples } from '../../src/ui/command.js'

interface ShowOptions {
  chain?: string
  token?: string
}

export function showCommand(): Command {
  return new Command('show')
    .description(
      'per chain, token pool and remote chain: the outbound and inbound buckets (available tokens, capacity, rate, enabled)',
    )
    .option('--chain <chain>', 'only this chain profile (default: every profile with a Router)')
    .option('--token <symbol|address>', 'only this token')
    .addHelpText(
      'after',
      examples(
        'ccip ratelimit show',
        'ccip ratelimit show --chain alpha --token CCIP-BnM',
        'ccip ratelimit show --json | jq \'.[] | select(.remote == "beta")\'',
      ),
    )
    .action(
      action<ShowOptions>(async (ctx, _args, opts) => {
        const { showRateLimits } = await import('../../src/operator/ratelimit.js')
        const { rateLimitRowsJson, renderRateLimits } = await import('../../src/ui/ratelimit.js')
        const profiles = await ctx.profiles()
        if (opts.chain !== undefined) profiles.require(opts.chain)
        // Said only once the listing stands: when every chain fails, the error alone names them.
        const skips: string[] = []
        const rows = await showRateLimits({
          profiles: profiles.profiles,
          ...(opts.chain === undefined ? {} : { chain: opts.chain }),
          ...(opts.token === undefined ? {} : { token: opts.token }),
          onSkip: (chain, error) => skips.push(`skipped ${chain}: ${error.shortMessage}`),
        })
        for (const line of skips) ctx.out.warn(line)
        ctx.out.result(rateLimitRowsJson(rows), () => renderRateLimits(rows))
      }),
    )
}
