import { type ChainHandle, connectChain, disconnect } from '../chain/connect.js'
import { decodeRevert, revertData } from '../chain/revert.js'
import { CliError, ErrorCode, ExitCode } from '../errors.js'
import type { Profile } from '../profiles/profile.js'
import { type ResolveSignerOptions, resolveSigner } from '../profiles/wallet.js'
import { type CurseTarget, chainSubject, curseCall, curseTarget, GLOBAL_SUBJECT } from './rmn.js'

export interface CurseRequest {
  action: 'curse' | 'uncurse'
  /** Chains whose lane subject is (un)cursed; empty with `global`. */
  subjects: Profile[]
  global: boolean
  /** Chains whose RMNRemote gets the call. */
  on: Profile[]
  reason: string
}

export interface PlannedCall {
  chain: string
  to: string
  fn: string
  data: string
  subjects: string[]
}

export function validateCurseRequest(req: CurseRequest): void {
  if (req.global === req.subjects.length > 0) {
    throw new CliError(ErrorCode.Usage, 'name the lanes with --chain <name>… or use --global (not both)', {
      hint: 'e.g. ccip rmn curse --chain alpha --on beta',
      exitCode: ExitCode.Usage,
    })
  }
  if (req.on.length === 0) {
    throw new CliError(ErrorCode.Usage, 'say where to curse with --on <chain> or --all', {
      hint: 'a lane is usually cursed on both sides: --chain alpha --on beta, then --chain beta --on alpha',
      exitCode: ExitCode.Usage,
    })
  }
  for (const target of req.on) {
    if (req.subjects.some((s) => s.name === target.name)) {
      throw new CliError(ErrorCode.Usage, `a chain cannot curse its own lane subject (${target.name})`, {
        hint: 'the subject names the remote chain: ccip rmn curse --chain alpha --on beta',
        exitCode: ExitCode.Usage,
      })
    }
  }
}

/** Work out, per target chain, the exact call; nothing is sent. */
export async function planCurse(req: CurseRequest): Promise<PlannedCall[]> {
  const subjects = req.global ? [GLOBAL_SUBJECT] : req.subjects.map((p) => chainSubject(BigInt(p.selector)))
  const handles = req.on.map(connectChain)
  try {
    const targets = await Promise.all(handles.map(curseTarget))
    return targets.map((t) => ({
      chain: t.chain,
      subjects,
      ...curseCall(t, subjects, req.action, req.reason),
    }))
  } finally {
    disconnect(...handles)
  }
}

export interface SentCall extends PlannedCall {
  txHash: string
}

/** Send each planned call from the chain's signer (the operator / owner key). */
export async function executeCurse(
  req: CurseRequest,
  plan: PlannedCall[],
  signer: ResolveSignerOptions,
): Promise<SentCall[]> {
  const sent: SentCall[] = []
  for (const call of plan) {
    const profile = req.on.find((p) => p.name === call.chain)!
    const chain: ChainHandle = connectChain(profile)
    try {
      const wallet = await resolveSigner(profile, signer, chain.provider)
      try {
        await chain.provider.call({ from: wallet.address, to: call.to, data: call.data })
      } catch (error) {
        const decoded = decodeRevert(revertData(error))
        throw new CliError(
          ErrorCode.Revert,
          `${call.chain}: ${call.fn} would revert: ${decoded?.text ?? 'unknown reason'}`,
          {
            hint: hintFor(decoded?.name, req.action),
          },
        )
      }
      const tx = await wallet.sendTransaction({ to: call.to, data: call.data })
      await tx.wait()
      sent.push({ ...call, txHash: tx.hash })
    } finally {
      disconnect(chain)
    }
  }
  return sent
}

function hintFor(name: string | undefined, action: 'curse' | 'uncurse'): string {
  if (name === 'AlreadyCursed') return 'it is already cursed; see `ccip rmn status`'
  if (name === 'NotCursed') return 'it is not cursed; see `ccip rmn status`'
  if (name === 'NotOperator' || name === 'OnlyCallableByOwner') {
    return `only the RMNRemote owner (the stack's operator, dev account 0 on local chains) can ${action}`
  }
  return 'see `ccip rmn status`'
}

export type { CurseTarget }
