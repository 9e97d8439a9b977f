import { Command } from 'commander'
import type { Phase } from '../../src/tokens/setup-plan.js'
import { action, examples } from '../../src/ui/command.js'
import { address, oneOf } from '../../src/ui/parse.js'
import { type SignerFlags, signerFlags, signerOptions } from '../signer-options.js'

/**
 * `ccip token setup` and its steps alone (`pool deploy`, `register`, `grant`, `connect`): one
 * command shape over one planner, each limited to its phases. Every one reads the chains, plans
 * only what is missing, and prints the plan with --dry-run.
 */
interface StepOptions extends SignerFlags {
  token: string
  chains: string
  pool?: 'burn-mint' | 'lock-release'
  homeChain?: string
  poolVersion: '1.6' | '2.0'
  outbound?: string
  inbound?: string
  liquidity?: string
  registryModule?: string
  yes?: boolean
  dryRun?: boolean
}

export interface StepCommandSpec {
  name: string
  description: string
  phases: readonly Phase[]
  examples: string[]
}

export function stepCommand(spec: StepCommandSpec): Command {
  const has = (p: Phase) => spec.phases.includes(p)
  const command = signerFlags(new Command(spec.name))
    .description(spec.description)
    .requiredOption(
      '--token <token>',
      'SYMBOL (token book or CCIP registry), 0xADDRESS, or chain=0x…,chain=0x…',
    )
    .requiredOption('--chains <a,b,…>', 'the chain profiles, comma-separated')
  if (has('pool')) {
    command
      .option(
        '--pool <type>',
        'the pool type: burn-mint, or lock-release on the home chain',
        oneOf(['burn-mint', 'lock-release'] as const),
      )
      .option(
        '--home-chain <name>',
        'with --pool lock-release: the chain whose pool locks (default: the first of --chains)',
      )
      .option(
        '--pool-version <v>',
        'the token pool contracts: 1.6 or 2.0',
        oneOf(['1.6', '2.0'] as const),
        '1.6',
      )
  }
  if (has('connect')) {
    command
      .option(
        '--outbound <cap/rate>',
        'rate limit leaving each chain, in tokens and tokens/second (e.g. 1000/10), or off',
      )
      .option(
        '--inbound <cap/rate>',
        'rate limit arriving on each chain (Chainlink advises 5–10 % above outbound), or off',
      )
  }
  if (has('liquidity'))
    command.option('--liquidity <amount>', 'tokens the lock/release pool should hold (sent from the signer)')
  if (has('register'))
    command.option(
      '--registry-module <address>',
      'the RegistryModuleOwnerCustom (found on local chains; needed on real networks)',
      address,
    )
  return command
    .option('-y, --yes', 'do not ask for confirmation (asked on real networks only)')
    .option('--dry-run', 'print each transaction (chain, target, calldata); send nothing')
    .addHelpText('after', examples(...spec.examples))
    .action(
      action<StepOptions>(async (ctx, _args, opts) => {
        const [{ prepareTokenSetup, executeTokenSetup }, args, ui] = await Promise.all([
          import('../../src/tokens/setup.js'),
          import('../../src/tokens/args.js'),
          import('../../src/ui/token-setup.js'),
        ])
        const profiles = await ctx.profiles()
        const names = args.chainList(opts.chains)
        const chains = names.map((name) => profiles.require(name))
        const request = {
          chains,
          token: opts.token,
          goal: {
            poolTypes: args.poolTypes(names, opts.pool, opts.homeChain),
            poolVersion: opts.poolVersion ?? '1.6',
            outbound: opts.outbound === undefined ? undefined : args.limitPair('--outbound', opts.outbound),
            inbound: opts.inbound === undefined ? undefined : args.limitPair('--inbound', opts.inbound),
            liquidity: opts.liquidity,
            phases: spec.phases,
          },
          ...(opts.registryModule === undefined ? {} : { registryModule: opts.registryModule }),
        }
        const signer = await signerOptions(ctx, opts)
        const prepared = await prepareTokenSetup(ctx, request, signer)
        if (opts.dryRun === true) return ctx.out.result(ui.planJson(prepared), () => ui.renderPlan(prepared))
        const { confirmDangerous } = await import('../../src/ui/confirm.js')
        const yes = opts.yes === true || prepared.local
        for (const line of ui.progressLines(prepared)) ctx.out.info(line)
        const result = await executeTokenSetup(ctx, request, prepared, signer, () =>
          confirmDangerous(ctx, { summary: ui.renderPlan(prepared), typeToConfirm: prepared.symbol, yes }),
        )
        ctx.out.result(ui.resultJson(result), () => ui.renderResult(result))
      }),
    )
}
