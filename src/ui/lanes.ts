import type { Lane } from '../operator/lanes.js'
import { bucketJson, bucketText } from './ratelimit.js'
import { table } from './table.js'

/** `ccip lanes list --json`: exactly these keys per lane, big numbers as decimal strings. */
export const lanesJson = (lanes: Lane[]) =>
  lanes.map((l) => ({
    source: l.source,
    dest: l.dest,
    version: l.version,
    state: l.state,
    cursedOn: l.cursedOn,
    onRamp: l.onRamp,
    offRamp: l.offRamp,
    nextSequenceNumber: l.nextSequenceNumber,
    inFlight: l.inFlight,
    ccvs: l.ccvs,
    executor: l.executor,
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
    ['LANE', 'CCIP', 'STATE', 'CURSED ON', 'NEXT SEQ', 'IN FLIGHT', 'ONRAMP', 'OFFRAMP'],
    lanes.map((l) => [
      name(l),
      l.version ?? '?',
      l.state,
      l.cursedOn.length === 0 ? '-' : l.cursedOn.join(', '),
      l.nextSequenceNumber?.toString() ?? '-',
      l.inFlight?.toString() ?? '?',
      short(l.onRamp),
      short(l.offRamp),
    ]),
  )
  // 2.0 lanes: who verifies and who executes each message unless it asks otherwise.
  const v2 = lanes.filter((l) => l.ccvs !== null)
  const verifiers =
    v2.length === 0
      ? ''
      : `\n\n2.0 lanes' defaults (source addresses):\n${table(
          ['LANE', 'VERIFIERS (CCVs)', 'MANDATED', 'EXECUTOR'],
          v2.map((l) => [
            name(l),
            l.ccvs!.default.map((a) => short(a)).join(', ') || '-',
            l.ccvs!.mandated.map((a) => short(a)).join(', ') || '-',
            short(l.executor),
          ]),
        )}`
  const limits = lanes.flatMap((l) =>
    l.tokens.map((t) => [
      name(l),
      t.symbol,
      bucketText(t.outbound, t.decimals),
      bucketText(t.inbound, t.decimals),
    ]),
  )
  if (limits.length === 0) return lanesTable + verifiers
  const limitsTable = table(['LANE', 'TOKEN', 'OUTBOUND (source pool)', 'INBOUND (dest pool)'], limits)
  return `${lanesTable}${verifiers}\n\nToken rate limits (available / capacity +refill per second, token units):\n${limitsTable}`
}
