import type { CcipContext } from '../context.js'
import { listMessages, type MessageRow } from '../messages/list.js'
import { stackPaths } from '../stack/paths.js'
import type { NodesStatus } from '../stack/status.js'
import { stackStatus } from '../stack/status.js'
import { type Lane, listLanes } from './lanes.js'
import type { CursedSubject } from './rmn.js'
import { rmnStatus } from './rmn-status.js'

/** One frame of data for the live dashboard: everything read from the chains and the nodes. */
export interface DashboardSnapshot {
  takenAt: number
  running: boolean
  chains: { name: string; blockNumber: number | null }[]
  lanes: Pick<Lane, 'source' | 'dest' | 'version' | 'state' | 'cursedOn' | 'inFlight'>[]
  messages: MessageRow[]
  nodes: NodesStatus | null
  curses: ({ chain: string } & CursedSubject)[]
}

/** Gather a dashboard frame for the local stack (the chains' profiles), in parallel. */
export async function dashboardSnapshot(ctx: CcipContext, messageLimit = 6): Promise<DashboardSnapshot> {
  const status = await stackStatus(stackPaths(ctx.home))
  if (!status.running) {
    return {
      takenAt: Date.now(),
      running: false,
      chains: [],
      lanes: [],
      messages: [],
      nodes: null,
      curses: [],
    }
  }
  const { profiles } = await ctx.profiles()
  const local = profiles.filter((p) => p.local)
  const [lanes, messages, curses] = await Promise.all([
    listLanes({ profiles: local }),
    listMessages(ctx, { limit: messageLimit }),
    rmnStatus(local),
  ])
  return {
    takenAt: Date.now(),
    running: true,
    chains: status.chains.map((c) => ({ name: c.name, blockNumber: c.blockNumber })),
    lanes: lanes.map((l) => ({
      source: l.source,
      dest: l.dest,
      version: l.version,
      state: l.state,
      cursedOn: l.cursedOn,
      inFlight: l.inFlight,
    })),
    messages,
    nodes: status.nodes,
    curses: curses.flatMap((c) => c.cursed.map((s) => ({ chain: c.chain, ...s }))),
  }
}
