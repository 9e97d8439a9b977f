import type { NodesStatus, StackStatus } from '../stack/status.js'
import { table } from './table.js'

export interface UpView {
  mode: 'cold' | 'warm'
  seconds: number
  detached: boolean
  status: StackStatus
  accounts: string[]
  logsDir: string
}

export function renderUp(view: UpView): string {
  const how = view.mode === 'cold' ? 'deployed CCIP from scratch' : 'resumed from saved state'
  const mining = view.status.mining
  const blocks =
    mining === null
      ? []
      : [
          mining.kind === 'instant'
            ? 'Blocks: instant (mined as soon as there is work, else one a second).'
            : `Blocks: every ${mining.blockTime} s.`,
        ]
  const lines = [
    `Local CCIP stack ready in ${view.seconds.toFixed(1)} s (${how}).`,
    ...blocks,
    '',
    renderChains(view.status),
    ...officialToolsNote(view.status),
    '',
    'Dev accounts (mnemonic "test test test test test test test test test test test junk"),',
    'funded with native, LINK, CCIP-BnM and CCIP-LnM on every chain; (0) owns the CCIP contracts:',
    ...view.accounts.map((a, i) => `  (${i}) ${a}`),
    '',
    `Logs: ${view.logsDir}`,
    view.detached
      ? 'Running in the background: `ccip local status`, `ccip local down`.'
      : 'Press Ctrl-C to stop (chain state is saved; the next `ccip local up` resumes it).',
  ]
  return lines.join('\n')
}

/** Which lanes Chainlink's own tools accept: only chains in their bundled main selector table. */
function officialToolsNote(status: StackStatus): string[] {
  const known = status.chains.filter((c) => c.selectorTable === 'main').map((c) => c.name)
  const unknown = status.chains.filter((c) => c.selectorTable === 'test').map((c) => c.name)
  if (unknown.length === 0) return []
  return [
    `Chainlink's ccip-cli and SDK know ${known.join(' and ')} only: they accept the ${known.join(' ↔ ')} lane,`,
    `not lanes touching ${unknown.join(', ')} (ids in Chainlink's test selector table only).`,
  ]
}

export function renderChains(status: StackStatus): string {
  return table(
    ['chain', 'chain id', 'selector', 'rpc', 'block', 'router'],
    status.chains.map((c) => [
      c.name,
      String(c.chainId),
      c.selector,
      c.rpcUrl ?? '-',
      c.blockNumber === null ? '-' : String(c.blockNumber),
      c.contracts.router,
    ]),
  )
}

export function renderStatus(status: StackStatus): string {
  if (status.chains.length === 0) return 'The local stack is not deployed. Start it with `ccip local up`.'
  const state = status.running
    ? 'running'
    : status.stale
      ? 'stopped unexpectedly (the next `ccip local up` cleans up and resumes)'
      : 'stopped (saved state; `ccip local up` resumes it)'
  const tokenRows = status.chains.flatMap((c) =>
    (['CCIP-BnM', 'CCIP-LnM'] as const).map((symbol) => [
      c.name,
      symbol,
      c.contracts.tokens[symbol].token,
      c.contracts.tokens[symbol].pool,
    ]),
  )
  const contractRows = status.chains.flatMap((c) => {
    const shared = (
      [
        'onRamp',
        'offRamp',
        'feeQuoter',
        'rmnRemote',
        'rmnProxy',
        'nonceManager',
        'tokenAdminRegistry',
        'link',
        'weth',
      ] as const
    ).map((key) => [c.name, key, c.contracts[key]] as const)
    const v2 = Object.entries(c.contracts.v2 ?? {}).map(
      ([key, address]) => [c.name, `${key} (2.0)`, address] as const,
    )
    return [...shared, ...v2].flatMap(([name, key, address]) =>
      address === undefined ? [] : [[name, key, address]],
    )
  })
  return [
    `Local stack: ${state}`,
    '',
    renderChains(status),
    ...(status.nodes === null ? [] : ['', renderNodes(status.nodes)]),
    '',
    table(['chain', 'contract', 'address'], contractRows),
    '',
    table(['chain', 'token', 'token address', 'pool'], tokenRows),
  ].join('\n')
}

function renderNodes(nodes: NodesStatus): string {
  const age = (iso: string | null) =>
    iso === null ? '-' : `${((Date.now() - Date.parse(iso)) / 1000).toFixed(1)} s ago`
  const short = (hex: string | null) => (hex === null ? '-' : `${hex.slice(0, 10)}…`)
  const rows = nodes.nodes.map((n) => [
    `${n.role} ${n.index}`,
    n.address,
    String(n.rounds),
    age(n.lastRoundAt),
    short(n.lastCommittedRoot),
    short(n.lastTx),
    n.lastError === null ? 'ok' : n.lastError.slice(0, 60),
  ])
  const lag = nodes.lanes
    .filter((l) => l.uncommitted > 0)
    .map((l) => `${l.source}→${l.dest}: ${l.uncommitted}`)
  const cut = nodes.snapshots?.lastCut ?? null
  const saved =
    nodes.degraded !== null
      ? `Saved state: DEGRADED: ${nodes.degraded}`
      : cut === null
        ? 'Saved state: no cut yet'
        : `Saved state: cut #${cut.cut} ${age(cut.at)} (${cut.ms} ms, ${(cut.bytes / 2 ** 20).toFixed(1)} MiB)`
  return [
    `Nodes: ${nodes.healthy ? 'healthy' : 'NOT REPORTING'} (last report ${age(nodes.updatedAt)})`,
    saved,
    table(['node', 'address', 'rounds', 'last round', 'last root', 'last tx', 'status'], rows),
    `Uncommitted messages: ${lag.length === 0 ? 'none' : lag.join(', ')}`,
  ].join('\n')
}
