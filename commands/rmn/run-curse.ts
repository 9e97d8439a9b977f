/** The body of `ccip rmn curse|uncurse`, loaded only when it runs. */
import { executeCurse, planCurse, validateCurseRequest } from '../../src/operator/curse-plan.js'
import type { CommandContext } from '../../src/ui/command.js'
import { confirmDangerous } from '../../src/ui/confirm.js'
import { renderPlan, renderSent } from '../../src/ui/rmn.js'
import { type SignerFlags, signerOptions } from '../signer-options.js'

export interface CurseFlags extends SignerFlags {
  chain?: string[]
  global?: boolean
  on?: string[]
  all?: boolean
  reason?: string
  yes?: boolean
  dryRun?: boolean
}

export async function runCurse(
  ctx: CommandContext,
  verb: 'curse' | 'uncurse',
  flags: CurseFlags,
): Promise<void> {
  const store = await ctx.profiles()
  const subjects = (flags.chain ?? []).map((name) => store.require(name))
  const on =
    flags.all === true
      ? store.profiles.filter((p) => p.router !== undefined && !subjects.some((s) => s.name === p.name))
      : (flags.on ?? []).map((name) => store.require(name))
  const request = {
    action: verb,
    subjects,
    global: flags.global === true,
    on,
    reason: flags.reason ?? 'operator',
  }
  validateCurseRequest(request)
  const plan = await planCurse(request)
  if (flags.dryRun === true) return ctx.out.result({ dryRun: true, calls: plan }, (r) => renderPlan(r.calls))
  const what = request.global ? 'the GLOBAL subject' : `lanes of ${subjects.map((s) => s.name).join(', ')}`
  await confirmDangerous(ctx, {
    summary: `${verb} ${what} on ${on.map((p) => p.name).join(', ')}:\n${renderPlan(plan)}`,
    typeToConfirm: on[0]!.name,
    yes: flags.yes === true,
  })
  const sent = await executeCurse(request, plan, await signerOptions(ctx, flags))
  ctx.out.result({ [verb === 'curse' ? 'cursed' : 'uncursed']: sent }, () => renderSent(sent, verb))
}
