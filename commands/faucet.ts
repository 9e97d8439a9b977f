import { Command } from 'commander'
import { action, examples } from '../src/ui/command.js'
import { address } from '../src/ui/parse.js'

export function faucetCommand(): Command {
  return new Command('faucet')
    .description('top up an address on the local chains with native, LINK, CCIP-BnM and CCIP-LnM')
    .option('--chain <name>', 'only this local chain (default: all)')
    .option('--to <address>', 'the address to fund (default: dev account 0)', address)
    .addHelpText(
      'after',
      examples('ccip faucet', 'ccip faucet --chain beta --to 0x70997970C51812dc3A010C7d01b50e0d17dc79C8'),
    )
    .action(
      action<{ chain?: string; to?: string }>(async (ctx, _args, flags) => {
        const { faucet } = await import('../src/stack/faucet.js')
        const { stackPaths } = await import('../src/stack/paths.js')
        const { devAccount } = await import('../src/profiles/dev-keys.js')
        const { renderFaucet } = await import('../src/ui/faucet.js')
        const to = flags.to ?? devAccount(0).address
        const grants = await faucet(stackPaths(ctx.home), {
          ...(flags.chain === undefined ? {} : { chain: flags.chain }),
          to,
        })
        ctx.out.result(grants, renderFaucet)
      }),
    )
}
