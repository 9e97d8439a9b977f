import { remoteAddressBytes as word } from '../protocol/abi-words.js'
import type { Add, Cmd } from './check.js'
import type { PoolRemote, TokenOnChain } from './inspect.js'

/** The doctor's judgement of each lane between two of the token's chains (check.ts). */

export function laneFindings(
  c: TokenOnChain,
  other: TokenOnChain,
  remote: PoolRemote | undefined,
  add: Add,
  cmd: Cmd,
) {
  const lane = [c.chain, other.chain]
  const back = other.pool?.remotes.some((r) => r.selector === c.selector) ?? false
  if (remote === undefined) {
    if (back)
      add({
        severity: 'error',
        code: 'ONE_SIDED_LANE',
        remote: other.chain,
        problem: `${other.chain}'s pool knows ${c.chain}, but ${c.chain}'s pool does not know ${other.chain}`,
        breaks: `${other.chain} → ${c.chain} transfers are accepted on ${other.chain} and fail on arrival; ${c.chain} → ${other.chain} reverts`,
        fix: cmd('connect', lane),
      })
    else if (other.pool !== null)
      add({
        severity: 'warning',
        code: 'NOT_CONNECTED',
        remote: other.chain,
        problem: `the pools of ${c.chain} and ${other.chain} are not connected`,
        breaks: `transfers between ${c.chain} and ${other.chain} revert`,
        fix: cmd('connect', lane),
      })
    return
  }
  const theirPool = other.pool?.address ?? null
  const listed = theirPool !== null && remote.remotePools.some((p) => p.toLowerCase() === word(theirPool))
  const raw = remote.remotePools.filter((p) => (p.length - 2) / 2 === 20)
  for (const entry of raw)
    add({
      // Harmless beside the right entry; alone, the lane fails.
      severity: listed ? 'warning' : 'error',
      code: 'REMOTE_POOL_ENCODING',
      remote: other.chain,
      problem: `the remote pool ${entry} is stored as 20 raw bytes; pools compare the 32-byte ABI encoding`,
      breaks: listed
        ? 'nothing while the 32-byte entry is there too; it is a leftover that never matches'
        : `${other.chain} → ${c.chain} transfers fail on arrival (InvalidSourcePoolAddress)`,
      fix: `the pool owner removes it (removeRemotePool)${listed ? '' : ` and runs ${cmd('connect', lane)}`}`,
    })
  const rawIsTheirs = theirPool !== null && raw.some((p) => p.toLowerCase() === theirPool.toLowerCase())
  if (theirPool !== null && !listed && !rawIsTheirs)
    add({
      severity: 'error',
      code: 'REMOTE_POOL_WRONG',
      remote: other.chain,
      problem: `${other.chain}'s pool ${theirPool} is not among the remote pools (${remote.remotePools.join(', ') || 'none'})`,
      breaks: `${other.chain} → ${c.chain} transfers fail on arrival (InvalidSourcePoolAddress)`,
      fix: cmd('connect', lane),
    })
  if (remote.remoteToken.toLowerCase() !== word(other.token.address)) {
    const raw = (remote.remoteToken.length - 2) / 2 === 20
    add({
      severity: 'error',
      code: raw ? 'REMOTE_TOKEN_ENCODING' : 'REMOTE_TOKEN_WRONG',
      remote: other.chain,
      problem: raw
        ? `the remote token ${remote.remoteToken} is stored as 20 raw bytes, not ABI-encoded`
        : `the remote token is ${remote.remoteToken}, but ${other.chain}'s token is ${other.token.address}`,
      breaks: `${c.chain} → ${other.chain} transfers fail on arrival`,
      fix: `the pool owner must remove ${other.chain} and ${cmd('connect', lane)}`,
    })
  }
  if (other.token.decimals < c.token.decimals) {
    const unit = 10n ** BigInt(c.token.decimals - other.token.decimals)
    add({
      severity: 'warning',
      code: 'DECIMALS_DIFFER',
      remote: other.chain,
      problem: `${c.token.decimals} decimals here, ${other.token.decimals} on ${other.chain}`,
      breaks: `${c.chain} → ${other.chain} amounts are floored to whole ${other.chain} units: below ${unit} base units (${formatSmallest(unit, c.token.decimals)} tokens) nothing arrives, and remainders are lost`,
      fix: `send multiples of ${formatSmallest(unit, c.token.decimals)} tokens, or use one decimals everywhere`,
    })
  }
}

export function limitFindings(
  c: TokenOnChain,
  r: PoolRemote,
  remoteName: string,
  other: TokenOnChain | undefined,
  add: Add,
  cmd: Cmd,
) {
  for (const [direction, bucket] of [
    ['outbound', r.outbound],
    ['inbound', r.inbound],
  ] as const) {
    if (bucket.enabled && (bucket.capacity === 0n || bucket.rate === 0n))
      add({
        severity: 'error',
        code: 'LIMIT_PAUSES_LANE',
        remote: remoteName,
        problem: `the ${direction} limit toward ${remoteName} is enabled with ${bucket.capacity === 0n ? 'capacity 0' : 'rate 0'}`,
        breaks:
          bucket.capacity === 0n
            ? `every ${direction} transfer is refused: the lane is paused for this token`
            : 'once the bucket is empty it never refills',
        fix: `ccip ratelimit set --chain ${c.chain} --remote ${remoteName} --token ${c.token.symbol} --${direction} --capacity C --rate R (or --disable)`,
      })
  }
  const theirs = other?.pool?.remotes.find((x) => x.selector === c.selector)?.inbound
  if (other === undefined || theirs === undefined || !r.outbound.enabled || !theirs.enabled) return
  const scale = (v: bigint) => (v * 10n ** BigInt(other.token.decimals)) / 10n ** BigInt(c.token.decimals)
  if (theirs.capacity < scale(r.outbound.capacity) || theirs.rate < scale(r.outbound.rate))
    add({
      severity: 'warning',
      code: 'INBOUND_BELOW_OUTBOUND',
      remote: remoteName,
      problem: `${remoteName}'s inbound limit from ${c.chain} is below ${c.chain}'s outbound limit toward it`,
      breaks: `transfers ${c.chain} accepts can be refused on arrival on ${remoteName} until its bucket refills`,
      fix: `${cmd('connect', [c.chain, remoteName])} with --inbound 5–10 % above --outbound`,
    })
}

function formatSmallest(units: bigint, decimals: number): string {
  const text = units.toString().padStart(decimals + 1, '0')
  const whole = text.slice(0, text.length - decimals)
  const fraction = text.slice(text.length - decimals).replace(/0+$/, '')
  return fraction === '' ? whole : `${whole}.${fraction}`
}
