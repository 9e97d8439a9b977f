import { Command } from 'commander'
import { action, examples } from '../src/ui/command.js'
import { type MessageFlags, messageOptions, messageRequest } from './message-options.js'
import { signerOptions } from './signer-options.js'

export function feeCommand(): Command {
  return messageOptions(
    new Command('fee').description(
      'quote the fee of a CCIP message (same arguments as `ccip send`, nothing is sent)',
    ),
  )
    .addHelpText(
      'after',
      examples(
        'ccip fee --from alpha --to beta --data "hello"',
        'ccip fee --to beta --token CCIP-BnM:10 --fee-token LINK --json',
      ),
    )
    .action(
      action<MessageFlags>(async (ctx, _args, flags) => {
        const { getFeeQuote, resolveEndpoints } = await import('../src/messages/fee.js')
        const { feeJson, renderFee } = await import('../src/ui/send.js')
        const request = await messageRequest(flags)
        const { source, dest } = await resolveEndpoints(ctx, flags.from, flags.to)
        const quote = await getFeeQuote({ source, dest, request, signer: await signerOptions(ctx, flags) })
        ctx.out.result(feeJson(quote), () => renderFee(quote))
      }),
    )
}
