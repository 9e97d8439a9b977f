import type { CcipContext } from '../context.js'
import { usageError } from '../errors.js'
import { historyTable } from '../history/history.js'
import type { HistoryFilter } from '../history/types.js'
import { aggregate } from './aggregate.js'
import { chainFacts, movedTokens } from './chain-facts.js'
import type { StatsReport } from './types.js'

/**
 * `ccip stats`: per lane and in total, messages by outcome, token volume, fees (by token and in
 * USD at the source FeeQuoters' prices), latency per phase and the top failure reasons, plus what
 * the tokens' pools hold on each chain. From chain data only: the message history (one bounded
 * log read per chain and new block range, history/digest.ts) and views at the latest block.
 *
 * @example
 * const { total } = await laneStats(ctx, { from: 'alpha', since: Date.now() / 1000 - 3600 })
 */
export async function laneStats(ctx: CcipContext, filter: HistoryFilter = {}): Promise<StatsReport> {
  if (filter.since !== undefined && filter.until !== undefined && filter.since > filter.until)
    throw usageError('--since is after --until', 'give a window whose start comes before its end')
  const { table, rows } = await historyTable(ctx, filter)
  const { profiles } = await ctx.profiles()
  const named = [filter.from, filter.to].filter((n) => n !== undefined)
  const wanted = named.length === 0 ? profiles : profiles.filter((p) => named.includes(p.name))
  const facts = await chainFacts(ctx.chains, profiles, wanted, movedTokens(table, rows))
  return {
    window: { since: filter.since ?? null, until: filter.until ?? null },
    ...aggregate(table, rows, facts),
    holdings: facts.holdings,
  }
}
