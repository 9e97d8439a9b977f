import { Command } from 'commander'
import { action, examples } from '../src/ui/command.js'
import { pointInTime } from '../src/ui/parse.js'

interface StatsFlags {
  from?: string
  to?: string
  since?: number
  until?: number
}

export function statsCommand(): Command {
  return new Command('stats')
    .description(
      'per lane and in total: messages by outcome, token volume, fees (LINK, native, USD), latency per phase, top failures, value in pools',
    )
    .option('--from <chain>', 'only lanes from this chain')
    .option('--to <chain>', 'only lanes to this chain')
    .option(
      '--since <time>',
      'only messages sent since: 30m, 6h, 7d, unix seconds or an ISO date (real networks: default 24h)',
      pointInTime(),
    )
    .option('--until <time>', 'only messages sent until (same forms)', pointInTime())
    .addHelpText(
      'after',
      examples(
        'ccip stats',
        'ccip stats --from alpha --since 1h',
        'ccip stats --since 2026-12-01 --until 2026-12-02 --json | jq .total',
      ) +
        "\nRead from the chains only. Each chain's history is kept under $CCIPKIT_HOME/history, so the next\n" +
        'run reads only the blocks mined since (a running `ccip local up` stack keeps it current itself);\n' +
        'local chains are read from their first block, real networks from --since (default: 24 hours).\n',
    )
    .action(
      action<StatsFlags>(async (ctx, _args, flags) => {
        const { laneStats } = await import('../src/stats/stats.js')
        const { renderStats } = await import('../src/ui/stats.js')
        const report = await laneStats(ctx, {
          ...(flags.from === undefined ? {} : { from: flags.from }),
          ...(flags.to === undefined ? {} : { to: flags.to }),
          ...(flags.since === undefined ? {} : { since: flags.since }),
          ...(flags.until === undefined ? {} : { until: flags.until }),
        })
        ctx.out.result(report, renderStats)
      }),
    )
}
