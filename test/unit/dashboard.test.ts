import { renderToString } from 'ink'
import { createElement } from 'react'
import { describe, expect, it } from 'vitest'
import type { DashboardSnapshot } from '../../src/operator/dashboard.js'
import { Dashboard, dashboardLine } from '../../src/ui/Dashboard.js'

const now = 1_800_000_000_000
const snap: DashboardSnapshot = {
  takenAt: now,
  running: true,
  chains: [
    { name: 'alpha', blockNumber: 120 },
    { name: 'beta', blockNumber: 118 },
    { name: 'gamma', blockNumber: 121 },
  ],
  lanes: [
    { source: 'alpha', dest: 'beta', version: '1.6', state: 'cursed', cursedOn: ['beta'], inFlight: 2n },
    { source: 'beta', dest: 'alpha', version: '2.0', state: 'active', cursedOn: [], inFlight: 0n },
  ],
  messages: [
    {
      messageId: `0x${'ab'.repeat(32)}`,
      version: '1.6',
      sourceChain: 'alpha',
      destChain: 'beta',
      sequenceNumber: 7n,
      nonce: 0n,
      state: 'COMMITTED',
      txHash: `0x${'cd'.repeat(32)}`,
      timestamp: now / 1000 - 12,
    },
  ],
  nodes: {
    healthy: true,
    updatedAt: new Date(now).toISOString(),
    nodes: [
      {
        role: 'commit',
        index: 0,
        address: '0x1',
        lastRoundAt: null,
        rounds: 10,
        lastCommittedRoot: null,
        lastTx: null,
        lastError: null,
      },
      {
        role: 'rmn',
        index: 1,
        address: '0x2',
        lastRoundAt: null,
        rounds: 5,
        lastCommittedRoot: null,
        lastTx: null,
        lastError: 'refused to bless: root does not match the source',
      },
    ],
    lanes: [],
    snapshots: null,
    degraded: null,
  },
  curses: [
    {
      chain: 'beta',
      subject: '0x00',
      label: 'alpha',
      by: 'rmn-vote',
      reason: 'root 0x12 cannot be reproduced',
      voters: [],
      txHash: null,
    },
  ],
}

describe('the live dashboard', () => {
  it('says when chain state is not being saved, and why', () => {
    const degraded = 'chain state not saved since 2027-01-15T08:00:00.000Z: could not save: ENOTDIR'
    const failing = { ...snap, nodes: { ...snap.nodes!, degraded } }
    const frame = renderToString(createElement(Dashboard, { snap: failing, now }), { columns: 80 })
    expect(frame).toContain('DEGRADED: chain state not saved since')
    expect(dashboardLine(failing)).toContain(`DEGRADED: ${degraded}`)
    expect(dashboardLine(snap)).not.toContain('DEGRADED')
  })

  it('shows heights, lanes with state and in-flight, latest messages with age, nodes and curses in 80 columns', () => {
    const frame = renderToString(createElement(Dashboard, { snap, now }), { columns: 80 })
    expect(frame).toContain('alpha #120')
    expect(frame).toMatch(/alpha → beta\s+1\.6\s+cursed\s+in flight 2\s+cursed on beta/)
    expect(frame).toMatch(/0xabababab… alpha → beta\s+COMMITTED\s+12s ago/)
    expect(frame).toContain('healthy · commit 1 · RMN 1 · exec 0 · rounds 15')
    expect(frame).toContain('rmn 1: refused to bless')
    expect(frame).toContain('alpha on beta by rmn-vote: root 0x12 cannot be reproduced')
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(80)
  })

  it('has a plain one-line form for non-terminals, and says when the stack is down', () => {
    expect(dashboardLine(snap)).toMatch(
      /alpha#120 beta#118 gamma#121 lanes=2 cursed=1 inFlight=2 nodes=ok latest=0xabababab…:COMMITTED/,
    )
    const down = renderToString(createElement(Dashboard, { snap: { ...snap, running: false }, now }), {
      columns: 80,
    })
    expect(down).toContain('not running')
  })
})
