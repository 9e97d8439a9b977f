import { connectChain, disconnect } from '../chain/connect.js'
import { withGasMargin } from '../chain/gas.js'
import { decodeRevert, revertData } from '../chain/revert.js'
import { CcipError, describeError, ErrorCode, ExitCode } from '../errors.js'
import type { Profile } from '../profiles/profile.js'
import { type ResolveSignerOptions, resolveSigner } from '../profiles/wallet.js'
import { GLOBAL_SUBJECT, laneSubject } from '../protocol/rmn-subjects.js'
import { type CurseTarget, curseCall, curseTarget } from './rmn.js'

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
    throw new CcipError(ErrorCode.Usage, 'name the lanes with --chain <name>… or use --global (not both)', {
      hint: 'e.g. ccip rmn curse --chain alpha --on beta',
      exitCode: ExitCode.Usage,
    })
  }
  if (req.on.length === 0) {
    throw new CcipError(ErrorCode.Usage, 'say where to curse with --on <chain> or --all', {
      hint: 'a lane is usually cursed on both sides: --chain alpha --on beta, then --chain beta --on alpha',
      exitCode: ExitCode.Usage,
    })
  }
  for (const target of req.on) {
    if (req.subjects.some((s) => s.name === target.name)) {
      throw new CcipError(ErrorCode.Usage, `a chain cannot curse its own lane subject (${target.name})`, {
        hint: 'the subject names the remote chain: ccip rmn curse --chain alpha --on beta',
        exitCode: ExitCode.Usage,
      })
    }
  }
}

/** Work out, per target chain, the exact call; nothing is sent. */
export async function planCurse(req: CurseRequest): Promise<PlannedCall[]> {
  const subjects = req.global ? [GLOBAL_SUBJECT] : req.subjects.map((p) => laneSubject(BigInt(p.selector)))
  const handles = req.on.map((p) => connectChain(p))
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

/**
 * Send each planned call from the chain's signer (the operator / owner key). Every call is
 * simulated (eth_call from that signer) before any is sent, so a curse that would revert on one
 * chain changes none. A send that still fails (the chain moved, the node went away) is reported
 * with the chains already changed (message and details.changed) and those not attempted.
 */
export async function executeCurse(
  req: CurseRequest,
  plan: PlannedCall[],
  signer: ResolveSignerOptions,
): Promise<SentCall[]> {
  const handles = plan.map((call) => connectChain(req.on.find((p) => p.name === call.chain)!))
  try {
    const wallets = await Promise.all(handles.map((h) => resolveSigner(h.profile, signer, h.provider)))
    await Promise.all(
      plan.map(async (call, i) => {
        try {
          await handles[i]!.provider.call({ from: wallets[i]!.address, to: call.to, data: call.data })
        } catch (error) {
          if (error instanceof CcipError) throw error
          const decoded = decodeRevert(revertData(error))
          throw new CcipError(
            ErrorCode.Revert,
            `${call.chain}: ${call.fn} would revert: ${decoded?.text ?? 'unknown reason'}; nothing was sent`,
            { hint: hintFor(decoded?.name, req.action), details: { chain: call.chain, changed: [] } },
          )
        }
      }),
    )
    const sent: SentCall[] = []
    for (const [i, call] of plan.entries()) {
      try {
        const gas = await handles[i]!.provider.estimateGas({
          from: wallets[i]!.address,
          to: call.to,
          data: call.data,
        })
        const tx = await wallets[i]!.sendTransaction({
          to: call.to,
          data: call.data,
          gasLimit: withGasMargin(gas),
        })
        const receipt = await tx.wait()
        if (receipt?.status !== 1) throw new Error(`transaction ${tx.hash} reverted`)
        sent.push({ ...call, txHash: tx.hash })
      } catch (error) {
        throw partialFailure(req.action, call, sent, plan.slice(i + 1), error)
      }
    }
    return sent
  } finally {
    disconnect(...handles)
  }
}

/** A send failed after the simulations passed: say what already changed and what did not. */
function partialFailure(
  action: 'curse' | 'uncurse',
  failed: PlannedCall,
  changed: SentCall[],
  notSent: PlannedCall[],
  cause: unknown,
): CcipError {
  const done =
    changed.length === 0
      ? 'no chain was changed'
      : `already ${action}d on ${changed.map((c) => `${c.chain} (${c.txHash})`).join(', ')}`
  const code = cause instanceof CcipError ? cause.code : ErrorCode.Revert
  return new CcipError(code, `${action} failed on ${failed.chain}: ${describeError(cause)}; ${done}`, {
    hint:
      changed.length === 0
        ? 'see `ccip rmn status`, then run the command again'
        : `see \`ccip rmn status\`; run the command again for the rest with --on ${[failed, ...notSent].map((c) => c.chain).join(' ')}`,
    details: {
      failed: failed.chain,
      changed: changed.map((c) => ({ chain: c.chain, txHash: c.txHash })),
      notSent: notSent.map((c) => c.chain),
    },
    cause,
  })
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
