import type { Lane } from '../operator/lanes.js'
import { bucketJson, bucketText } from './ratelimit.js'
import { table } from './table.js'

/** `ccip lanes list --json`: exactly these keys per lane, big numbers as decimal strings. */
export const lanesJson = (lanes: Lane[]) =>
  lanes.map((l) => ({
    source: l.source,
    dest: l.dest,
    state: l.state,
    cursedOn: l.cursedOn,
    onRamp: l.onRamp,
    offRamp: l.offRamp,
    nextSequenceNumber: l.nextSequenceNumber,
    inFlight: l.inFlight,
    tokens: l.tokens.map((t) => ({
      symbol: t.symbol,
      outbound: bucketJson(t.outbound),
      inbound: t.inbound === null ? null : bucketJson(t.inbound),
    })),
  }))

const short = (address: string | null): string =>
  address === null ? '-' : `${address.slice(0, 6)}…${address.slice(-4)}`

export function renderLanes(lanes: Lane[]): string {
  if (lanes.length === 0) return 'No CCIP lanes between the chain profiles (`ccip chains list`).'
  const name = (l: Lane) => `${l.source} → ${l.dest}`
  const lanesTable = table(
    ['LANE', 'STATE', 'CURSED ON', 'NEXT SEQ', 'IN FLIGHT', 'ONRAMP', 'OFFRAMP'],
    lanes.map((l) => [
      name(l),
      l.state,
      l.cursedOn.length === 0 ? '-' : l.cursedOn.join(', '),
      l.nextSequenceNumber?.toString() ?? '-',
      l.inFlight?.toString() ?? '?',
      short(l.onRamp),
      short(l.offRamp),
    ]),
  )
  const limits = lanes.flatMap((l) =>
    l.tokens.map((t) => [
      name(l),
      t.symbol,
      bucketText(t.outbound, t.decimals),
      bucketText(t.inbound, t.decimals),
    ]),
  )
  if (limits.length === 0) return lanesTable
  const limitsTable = table(['LANE', 'TOKEN', 'OUTBOUND (source pool)', 'INBOUND (dest pool)'], limits)
  return `${lanesTable}\n\nToken rate limits (available / capacity +refill per second, token units):\n${limitsTable}`
}
