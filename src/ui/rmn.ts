import type { PlannedCall, SentCall } from '../operator/curse-plan.js'
import type { ChainCurses } from '../operator/rmn-status.js'
import { table } from './table.js'

export function renderRmnStatus(chains: ChainCurses[]): string {
  const rows = chains.flatMap((c) =>
    c.cursed.length === 0
      ? [[c.chain, '-', '', '']]
      : c.cursed.map((s) => [
          c.chain,
          s.label,
          s.by === 'rmn-vote' ? `RMN vote (${s.voters.length})` : s.by,
          s.reason ?? '',
        ]),
  )
  const authorities = chains.map(
    (c) =>
      `  ${c.chain}: ${c.rmnVersion ?? 'RMN'} ${c.rmnRemote}${c.authority === null ? '' : `, curse authority ${c.authority}`}`,
  )
  return [table(['chain', 'cursed subject', 'by', 'reason'], rows), '', ...authorities].join('\n')
}

export function renderPlan(plan: PlannedCall[]): string {
  return plan
    .map((p) => `${p.chain}: ${p.fn} on ${p.to}\n  subjects ${p.subjects.join(', ')}\n  calldata ${p.data}`)
    .join('\n')
}

export function renderSent(sent: SentCall[], action: string): string {
  return sent.map((s) => `${s.chain}: ${action}d (${s.fn}) in ${s.txHash}`).join('\n')
}
