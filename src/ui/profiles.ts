import type { Profile, ProfileSummary } from '../profiles/profile.js'

/** Plain-text views of chain profiles: a padded table for `chains list`, a key/value block for `show`. */

export function renderProfileList(rows: readonly ProfileSummary[], current: string | undefined): string {
  if (rows.length === 0) {
    return (
      'No chain profiles yet.\n' +
      'Add one with `ccip chains add <name> --rpc-url URL`, or start the local stack with `ccip local up`.'
    )
  }
  const header = ['NAME', 'CHAIN ID', 'SELECTOR', 'TYPE', 'ROUTER', 'RPC URL']
  const body = rows.map((p) => [
    p.name,
    p.chainId,
    p.selector,
    p.local ? 'local' : 'remote',
    p.router ?? '-',
    p.rpcUrl,
  ])
  const marks = ['', ...rows.map((p) => (p.name === current ? '*' : ''))]
  const lines = table([header, ...body]).map((line, i) => `${(marks[i] ?? '').padEnd(1)} ${line}`)
  if (current !== undefined) lines.push('', '* default chain (`ccip chains use <name>` changes it)')
  return lines.join('\n')
}

export function renderProfile(p: Profile, current: string | undefined): string {
  const rows: [string, string][] = [
    ['name', p.name === current ? `${p.name} (default)` : p.name],
    ['chain id', p.chainId],
    ['selector', p.selector],
    ['type', p.local ? 'local (managed by `ccip local`)' : 'remote'],
    ['rpc url', p.rpcUrl],
    ['router', p.router ?? '(none)'],
  ]
  if (p.keystore !== undefined) rows.push(['keystore', p.keystore])
  return table(rows).join('\n')
}

/** Left-aligned columns, two spaces apart, no trailing blanks. */
function table(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = []
  for (const row of rows) {
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length)
  }
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  )
}
