import { Command, Option } from 'commander'
import { action, examples } from '../../src/ui/command.js'
import { type SignerFlags, signerFlags, signerOptions } from '../signer-options.js'

interface SetOptions extends SignerFlags {
  chain: string
  remote: string
  token: string
  outbound?: boolean
  inbound?: boolean
  capacity?: string
  rate?: string
  disable?: boolean
  yes?: boolean
  dryRun?: boolean
}

export function setCommand(): Command {
  return signerFlags(new Command('set'))
    .description(
      "change one direction of a token pool's rate limit for one remote chain (the other direction is kept); " +
        'amounts in token units, rate in tokens per second',
    )
    .requiredOption('--chain <chain>', 'the chain profile whose pool changes')
    .requiredOption('--remote <chain>', 'the remote chain of the lane (profile name or chain selector)')
    .requiredOption('--token <symbol|address>', 'the token whose pool changes, e.g. CCIP-BnM')
    .addOption(
      new Option('--outbound', 'change the limit on tokens leaving --chain for --remote').conflicts(
        'inbound',
      ),
    )
    .addOption(new Option('--inbound', 'change the limit on tokens arriving on --chain from --remote'))
    .addOption(new Option('--capacity <amount>', 'bucket size in token units').conflicts('disable'))
    .addOption(
      new Option('--rate <amount>', 'refill in token units per second (at most the capacity)').conflicts(
        'disable',
      ),
    )
    .option('--disable', 'turn the limit off (capacity and rate 0)')
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--dry-run', 'print the target, function and calldata; send nothing')
    .addHelpText(
      'after',
      `${examples(
        'ccip ratelimit set --chain alpha --remote beta --token CCIP-BnM --outbound --capacity 1000 --rate 10',
        'ccip ratelimit set --chain beta --remote alpha --token CCIP-BnM --inbound --disable --yes',
        'ccip ratelimit set --chain alpha --remote beta --token CCIP-LnM --outbound --capacity 5 --rate 0.5 --dry-run',
      )}\nRules (the pool's own): enabled needs rate ≤ capacity; --disable sets capacity = rate = 0.\n`,
    )
    .action(
      action<SetOptions>(async (ctx, _args, opts) => {
        const { parseLimitChange } = await import('../../src/operator/ratelimit-config.js')
        const change = parseLimitChange(opts)
        const rl = await import('../../src/operator/ratelimit-set.js')
        const ui = await import('../../src/ui/ratelimit.js')
        const profiles = await ctx.profiles()
        const chain = profiles.require(opts.chain)
        const remote = /^\d+$/.test(opts.remote)
          ? { name: opts.remote, selector: BigInt(opts.remote) }
          : { name: opts.remote, selector: BigInt(profiles.require(opts.remote).selector) }
        const plan = await rl.planRateLimitSet({ chain, remote, token: opts.token, change })
        if (opts.dryRun === true) return ctx.out.result(ui.dryRunJson(plan), () => ui.renderDryRun(plan))
        const { confirmDangerous } = await import('../../src/ui/confirm.js')
        const result = await rl.executeRateLimitSet(chain, plan, await signerOptions(ctx, opts), () =>
          confirmDangerous(ctx, {
            summary: ui.renderPlanSummary(plan),
            typeToConfirm: chain.name,
            yes: opts.yes,
          }),
        )
        ctx.out.result(ui.setResultJson(result), () => ui.renderSetResult(result))
      }),
    )
}
