import { Contract, Interface, type JsonRpcProvider } from 'ethers'
import { ccipAbi, ownArtifact } from '../chain/artifacts.js'
import type { ChainHandle } from '../chain/connect.js'
import { withArchive } from '../chain/log-archive.js'
import { GLOBAL_SUBJECT } from '../protocol/rmn-subjects.js'

/**
 * RMN curse subjects and the on-chain parties that can curse. A lane subject is the remote
 * chain's selector as bytes16; the global subject curses everything on the chain.
 */

const authorityInterface = new Interface(ownArtifact('curseAuthority').abi)
const rmnInterface = new Interface(ccipAbi('rmnRemote'))

export interface CurseTarget {
  chain: string
  rmnRemote: string
  /** Our CurseAuthority when it owns the RMNRemote (local stacks); else the owner curses directly. */
  authority: string | undefined
  owner: string
}

/** RMNRemote of a chain: Router → RMN proxy (ARMProxy) → its ARM, the RMNRemote. */
export async function curseTarget(chain: ChainHandle): Promise<CurseTarget> {
  const router = new Contract(chain.router, ccipAbi('router'), chain.provider)
  const proxy = new Contract(
    String(await router.getFunction('getArmProxy')()),
    ccipAbi('rmnProxy'),
    chain.provider,
  )
  const rmnRemote = String(await proxy.getFunction('getARM')())
  const owner = String(
    await new Contract(rmnRemote, ccipAbi('rmnRemote'), chain.provider).getFunction('owner')(),
  )
  let authority: string | undefined
  if ((await chain.provider.getCode(owner)) !== '0x') {
    // A contract owner is our CurseAuthority if it answers rmnRemote() with this RMNRemote.
    const candidate = new Contract(owner, ownArtifact('curseAuthority').abi, chain.provider)
    const points = await candidate
      .getFunction('rmnRemote')()
      .catch(() => undefined)
    if (typeof points === 'string' && points.toLowerCase() === rmnRemote.toLowerCase()) authority = owner
  }
  return { chain: chain.profile.name, rmnRemote, authority, owner }
}

/** The call that curses (or lifts) `subjects` on a target, as `to` + calldata (for --dry-run too). */
export function curseCall(
  target: CurseTarget,
  subjects: string[],
  action: 'curse' | 'uncurse',
  reason: string,
): { to: string; fn: string; data: string } {
  if (target.authority !== undefined) {
    const fn = action === 'curse' ? 'curse(bytes16[],string)' : 'uncurse(bytes16[])'
    const args = action === 'curse' ? [subjects, reason] : [subjects]
    return {
      to: target.authority,
      fn: `CurseAuthority.${fn}`,
      data: authorityInterface.encodeFunctionData(fn, args),
    }
  }
  const fn = action === 'curse' ? 'curse(bytes16[])' : 'uncurse(bytes16[])'
  return {
    to: target.rmnRemote,
    fn: `RMNRemote.${fn}`,
    data: rmnInterface.encodeFunctionData(fn, [subjects]),
  }
}

export interface CursedSubject {
  subject: string
  /** Chain name for a lane subject, `global`, or the raw subject when unknown. */
  label: string
  by: 'operator' | 'rmn-vote' | 'owner' | 'unknown'
  reason: string | null
  voters: string[]
  txHash: string | null
}

type AuthorityLog = { topics: readonly string[]; data: string; transactionHash: string; blockNumber: number }

/** What is cursed on a chain and, where our authority recorded it, by whom and why. */
export async function cursedSubjects(
  target: CurseTarget,
  provider: JsonRpcProvider,
  names: Map<string, string>,
  logArchive?: string,
): Promise<CursedSubject[]> {
  const rmn = new Contract(target.rmnRemote, ccipAbi('rmnRemote'), provider)
  const subjects = ((await rmn.getFunction('getCursedSubjects')()) as string[]).map((s) => s.toLowerCase())
  if (subjects.length === 0) return []
  const label = (s: string) => (s === GLOBAL_SUBJECT ? 'global' : (names.get(s) ?? s))
  if (target.authority === undefined) {
    return subjects.map((s) => ({
      subject: s,
      label: label(s),
      by: 'owner',
      reason: null,
      voters: [],
      txHash: null,
    }))
  }
  const cursedTopic = authorityInterface.getEvent('SubjectCursed')!.topicHash
  const voteTopic = authorityInterface.getEvent('VotedToCurse')!.topicHash
  const query = { address: target.authority.toLowerCase(), topics: [[cursedTopic, voteTopic]] }
  const logs = await withArchive(
    logArchive,
    { ...query, fromBlock: 0 },
    async (fromBlock): Promise<AuthorityLog[]> => provider.getLogs({ ...query, fromBlock }),
    (l) => ({
      topics: l.topics,
      data: l.data,
      transactionHash: l.transactionHash,
      blockNumber: l.blockNumber,
    }),
  )
  return subjects.map((s) => {
    let last: CursedSubject = {
      subject: s,
      label: label(s),
      by: 'unknown',
      reason: null,
      voters: [],
      txHash: null,
    }
    let voters: string[] = []
    for (const log of logs) {
      const parsed = authorityInterface.parseLog(log)
      if (parsed === null || String(parsed.args.subject).toLowerCase() !== s) continue
      if (parsed.name === 'VotedToCurse') voters.push(String(parsed.args.voter))
      else {
        const byVote = Boolean(parsed.args.byVote)
        last = {
          ...last,
          by: byVote ? 'rmn-vote' : 'operator',
          reason: String(parsed.args.reason),
          voters: byVote ? voters : [],
          txHash: log.transactionHash,
        }
        voters = []
      }
    }
    return last
  })
}
