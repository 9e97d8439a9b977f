import { Box, Text } from 'ink'
import type { DashboardSnapshot } from '../operator/dashboard.js'

const age = (seconds: number) =>
  seconds < 60 ? `${Math.max(0, Math.round(seconds))}s` : `${Math.round(seconds / 60)}m`
const short = (hex: string) => `${hex.slice(0, 10)}…`

/**
 * The live view of the local stack, within 80 columns: chains and heights, lanes with state and
 * messages in flight, the latest messages with phase and age, node health, curses and reasons.
 */
export function Dashboard({ snap, now }: { readonly snap: DashboardSnapshot; readonly now: number }) {
  if (!snap.running) return <Text color="yellow">The local stack is not running (ccip local up).</Text>
  const nodes = snap.nodes
  const byRole = (role: string) => nodes?.nodes.filter((n) => n.role === role) ?? []
  const failing = nodes?.nodes.filter((n) => n.lastError !== null && !n.lastError.startsWith('voted')) ?? []
  return (
    <Box flexDirection="column" width={80}>
      <Text bold>
        ccip · local stack · {snap.chains.map((c) => `${c.name} #${c.blockNumber ?? '?'}`).join('  ')}
      </Text>
      <Text bold>Lanes</Text>
      {snap.lanes.map((l) => (
        <Text key={`${l.source}>${l.dest}`} color={l.state === 'active' ? undefined : 'red'}>
          {`  ${`${l.source} → ${l.dest}`.padEnd(22)}${(l.version ?? '?').padEnd(5)}${l.state.padEnd(9)}in flight ${String(l.inFlight ?? '?').padEnd(5)}${
            l.cursedOn.length > 0 ? `cursed on ${l.cursedOn.join(', ')}` : ''
          }`.slice(0, 79)}
        </Text>
      ))}
      <Text bold>Latest messages</Text>
      {snap.messages.length === 0 ? <Text color="gray"> none yet (ccip send …)</Text> : null}
      {snap.messages.map((m) => (
        <Text
          key={m.messageId}
          color={m.state === 'FAILURE' ? 'red' : m.state === 'SUCCESS' ? 'green' : undefined}
        >
          {`  ${short(m.messageId)} ${`${m.sourceChain} → ${m.destChain}`.padEnd(18)}${m.state.padEnd(17)}${age(now / 1000 - m.timestamp)} ago`.slice(
            0,
            79,
          )}
        </Text>
      ))}
      <Text bold>Nodes</Text>
      <Text color={nodes?.healthy === true ? 'green' : 'red'}>
        {`  ${nodes?.healthy === true ? 'healthy' : 'NOT REPORTING'} · commit ${byRole('commit').length} · RMN ${byRole('rmn').length} · exec ${byRole('exec').length} · rounds ${nodes?.nodes.reduce((n, x) => n + x.rounds, 0) ?? 0}`}
      </Text>
      {nodes?.degraded == null ? null : (
        <Text color="red">{`  DEGRADED: ${nodes.degraded}`.slice(0, 159)}</Text>
      )}
      {failing.slice(0, 3).map((n) => (
        <Text key={`${n.role}${n.index}`} color="yellow">
          {`  ${n.role} ${n.index}: ${n.lastError ?? ''}`.slice(0, 79)}
        </Text>
      ))}
      <Text bold>Curses</Text>
      {snap.curses.length === 0 ? <Text color="gray"> none</Text> : null}
      {snap.curses.map((c) => (
        <Text key={`${c.chain}${c.subject}`} color="red">
          {`  ${c.label} on ${c.chain} by ${c.by}: ${c.reason ?? ''}`.slice(0, 79)}
        </Text>
      ))}
    </Box>
  )
}

/** The non-TTY form: one plain line per refresh. */
export function dashboardLine(snap: DashboardSnapshot): string {
  if (!snap.running) return 'local stack not running'
  const heights = snap.chains.map((c) => `${c.name}#${c.blockNumber ?? '?'}`).join(' ')
  const inFlight = snap.lanes.reduce((n, l) => n + Number(l.inFlight ?? 0n), 0)
  const cursed = snap.lanes.filter((l) => l.state === 'cursed').length
  const last = snap.messages[0]
  return `${new Date(snap.takenAt).toISOString()} ${heights} lanes=${snap.lanes.length} cursed=${cursed} inFlight=${inFlight} nodes=${snap.nodes?.healthy === true ? 'ok' : 'DOWN'}${snap.nodes?.degraded == null ? '' : ` DEGRADED: ${snap.nodes.degraded}`}${last === undefined ? '' : ` latest=${short(last.messageId)}:${last.state}`}`
}
