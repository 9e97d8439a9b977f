import { Command } from 'commander'
import { action, examples } from '../../src/ui/command.js'
import { address, integerIn } from '../../src/ui/parse.js'
import { type SignerFlags, signerFlags, signerOptions } from '../signer-options.js'

interface DeployOptions extends SignerFlags {
  chains: string
  name: string
  symbol: string
  decimals: number
  maxSupply?: string
  preMint?: string
  admin?: string
  yes?: boolean
  dryRun?: boolean
}

export function deployCommand(): Command {
  return signerFlags(new Command('deploy'))
    .description(
      "deploy a new burn/mint ERC-20 (the CCIP package's FactoryBurnMintERC20) on each chain, owned by the signer",
    )
    .requiredOption('--chains <a,b,…>', 'the chain profiles to deploy on, comma-separated')
    .requiredOption('--name <name>', 'the token name, e.g. "My Token"')
    .requiredOption('--symbol <symbol>', 'the token symbol, e.g. MYT')
    .option(
      '--decimals <n>',
      'decimals (the same on every chain avoids rounding on transfers)',
      integerIn(0, 36),
      18,
    )
    .option('--max-supply <amount>', 'maximum supply in token units (default: unlimited)')
    .option('--pre-mint <amount>', 'tokens minted to the CCIP admin at deployment, on each chain')
    .option(
      '--admin <address>',
      "the token's CCIP admin, who registers it with CCIP (default: the signer, who owns the contract)",
      address,
    )
    .option('-y, --yes', 'do not ask for confirmation (asked on real networks only)')
    .option('--dry-run', 'print the deployment (its data and each chain’s expected address); send nothing')
    .addHelpText(
      'after',
      examples(
        'ccip token deploy --chains alpha,beta,gamma --name "My Token" --symbol MYT',
        'ccip token deploy --chains alpha,beta --name Stable --symbol STB --decimals 6 --max-supply 1000000 --pre-mint 1000',
        'ccip token deploy --chains sepolia,fuji --name "My Token" --symbol MYT --keystore key.json --dry-run --json',
      ),
    )
    .action(
      action<DeployOptions>(async (ctx, _args, opts) => {
        const { planTokenDeploy, executeTokenDeploy, tokenSpec } = await import('../../src/tokens/deploy.js')
        const { parseTokenUnits, chainList } = await import('../../src/tokens/args.js')
        const ui = await import('../../src/ui/token-deploy.js')
        const profiles = await ctx.profiles()
        const chains = chainList(opts.chains).map((name) => profiles.require(name))
        const spec = tokenSpec({
          name: opts.name,
          symbol: opts.symbol,
          decimals: opts.decimals,
          maxSupply:
            opts.maxSupply === undefined
              ? 0n
              : parseTokenUnits(opts.maxSupply, opts.decimals, '--max-supply'),
          preMint:
            opts.preMint === undefined ? 0n : parseTokenUnits(opts.preMint, opts.decimals, '--pre-mint'),
        })
        const signer = await signerOptions(ctx, opts)
        const plan = await planTokenDeploy(chains, spec, signer, opts.admin)
        if (opts.dryRun === true) return ctx.out.result(ui.planJson(plan), () => ui.renderPlan(plan))
        const { confirmDangerous } = await import('../../src/ui/confirm.js')
        // New contracts on the local stack's chains need no confirmation; on real networks they cost gas.
        const yes = opts.yes === true || chains.every((c) => c.local)
        const result = await executeTokenDeploy(
          chains,
          plan,
          signer,
          () =>
            confirmDangerous(ctx, { summary: ui.renderPlanSummary(plan), typeToConfirm: spec.symbol, yes }),
          ctx.home,
        )
        ctx.out.result(ui.resultJson(result), () => ui.renderResult(result))
      }),
    )
}
