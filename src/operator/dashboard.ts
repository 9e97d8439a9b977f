import { rpcCall } from '../chain/rpc.js'
import type { CcipContext } from '../context.js'
import { CcipError, describeError } from '../errors.js'
import { listMessages, type MessageRow } from '../messages/list.js'
import type { Profile } from '../profiles/profile.js'
import { inspectStack } from '../stack/manifest.js'
import { stackPaths } from '../stack/paths.js'
import type { NodesStatus } from '../stack/status.js'
import { stackStatus } from '../stack/status.js'
import { type Lane, listLanes } from './lanes.js'
import type { CursedSubject } from './rmn.js'
import { rmnStatus } from './rmn-status.js'

/**
 * One frame of everything an operator watches, read from the chains and the nodes: `ccip watch`'s
 * dashboard and the explorer's header and /lanes page read the same one (CcipClient.overview).
 */
export interface Overview {
  takenAt: number
  /** The local stack's processes run (its chains, nodes and heights are shown). */
  running: boolean
  /** The local stack: running, stopped (its profiles remain, its chains do not answer), or none. */
  localStack: 'running' | 'stopped' | 'none'
  chains: { name: string; blockNumber: number | null; local: boolean }[]
  lanes: Lane[]
  /** The newest messages (as many as asked for; none by default). */
  messages: MessageRow[]
  /** The local stack's DON, RMN, verifier and executor nodes; null for other profiles. */
  nodes: NodesStatus | null
  curses: ({ chain: string } & CursedSubject)[]
  /** Chains that did not answer (skipped, not fatal): a real network's RPC can be down. */
  unreachable: { chain: string; message: string }[]
}

/** What the dashboard draws: the overview, lanes without their tokens. */
export type DashboardSnapshot = Omit<Overview, 'lanes' | 'localStack' | 'chains' | 'unreachable'> & {
  chains: { name: string; blockNumber: number | null }[]
  lanes: Pick<Lane, 'source' | 'dest' | 'version' | 'state' | 'cursedOn' | 'inFlight'>[]
}

export interface OverviewOptions {
  /** 'local': only the local stack's chains (`ccip watch`); 'all' (default): every profile with a Router. */
  scope?: 'local' | 'all'
  /** How many of the newest messages to include (default 0). */
  messages?: number
}

export type LocalStackState = Overview['localStack']

/**
 * Whether the profiles' local stack runs, from its files and process ids alone (no chain is
 * asked): a reader can refuse at once rather than wait out the retries of a closed RPC port.
 */
export async function localStackState(ctx: CcipContext): Promise<LocalStackState> {
  if (inspectStack(stackPaths(ctx.home)).liveness === 'running') return 'running'
  return (await ctx.profiles()).profiles.some((p) => p.local) ? 'stopped' : 'none'
}

/**
 * Gather a frame over the profiles, every read in parallel. A stopped local stack's profiles are
 * left out (their RPC ports are closed: asking them would only time out), and said so in
 * `localStack`; a real network's chain that does not answer is listed in `unreachable`.
 *
 * @example
 * const { lanes, curses, nodes } = await overview(ctx, { scope: 'local', messages: 6 })
 */
export async function overview(ctx: CcipContext, opts: OverviewOptions = {}): Promise<Overview> {
  const [status, { profiles }] = await Promise.all([stackStatus(stackPaths(ctx.home)), ctx.profiles()])
  const hasLocal = profiles.some((p) => p.local)
  const localStack = status.running ? 'running' : hasLocal ? 'stopped' : 'none'
  const shown = profiles.filter(
    (p) => p.router !== undefined && (p.local ? status.running : opts.scope !== 'local'),
  )
  const unreachable: Overview['unreachable'] = []
  const skip = (chain: string, error: unknown) => {
    if (!unreachable.some((u) => u.chain === chain))
      unreachable.push({ chain, message: describeError(error) })
  }
  const limit = opts.messages ?? 0
  const [chains, lanes, messages, curses] = await Promise.all([
    Promise.all(shown.map((p) => chainHeight(p, status.chains))),
    shown.length === 0 ? [] : listLanes({ profiles: shown, onSkip: skip }).catch(allDown(shown, skip)),
    limit === 0 || shown.length === 0 ? [] : listMessages(ctx, { limit }),
    Promise.all(shown.map((p) => cursesOn(p, profiles, skip))),
  ])
  return {
    takenAt: Date.now(),
    running: status.running,
    localStack,
    chains,
    lanes,
    messages,
    nodes: status.running ? status.nodes : null,
    curses: curses.flat(),
    unreachable,
  }
}

/** The local stack's heights come with its status; other chains are asked (a dead one: null). */
async function chainHeight(
  p: Profile,
  local: { name: string; blockNumber: number | null }[],
): Promise<Overview['chains'][number]> {
  const known = p.local ? local.find((c) => c.name === p.name) : undefined
  const blockNumber =
    known !== undefined
      ? known.blockNumber
      : await rpcCall<string>(p.rpcUrl, 'eth_blockNumber', []).then(Number, () => null)
  return { name: p.name, blockNumber, local: p.local }
}

/** listLanes throws when no chain answers at all: an overview shows that as unreachable chains. */
function allDown(shown: Profile[], skip: (chain: string, error: unknown) => void) {
  return (error: unknown): Lane[] => {
    if (!(error instanceof CcipError)) throw error
    for (const p of shown) skip(p.name, error)
    return []
  }
}

/** One chain's curses, its subjects named after every profile; a chain that fails is skipped. */
async function cursesOn(p: Profile, named: Profile[], skip: (chain: string, error: unknown) => void) {
  try {
    const [chain] = await rmnStatus([p], named)
    return (chain?.cursed ?? []).map((s) => ({ chain: p.name, ...s }))
  } catch (error) {
    skip(p.name, error)
    return []
  }
}
