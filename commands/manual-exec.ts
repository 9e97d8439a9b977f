import { Command, InvalidArgumentError } from 'commander'
import { action, examples } from '../src/ui/command.js'
import { type SignerFlags, signerFlags, signerOptions } from './signer-options.js'
import { indexerArg, messageIdArg } from './status.js'

interface ManualExecFlags extends SignerFlags {
  gasLimit?: bigint
  from?: string
  to?: string
  indexer?: string[]
}

function gasLimit(value: string): bigint {
  if (!/^[1-9]\d{0,9}$/.test(value))
    throw new InvalidArgumentError('expected a positive whole number of gas units')
  return BigInt(value)
}

export function manualExecCommand(): Command {
  return signerFlags(new Command('manual-exec'))
    .description(
      'execute a message by hand on its destination: after a FAILURE (once the receiver is fixed), or when nobody executed it (1.6: once committed and past the permissionless threshold; 2.0: once verified, with the verifier results from an indexer)',
    )
    .argument('<messageId>', 'the id `ccip send` printed (0x + 64 hex digits)', messageIdArg)
    .option(
      '--gas-limit <n>',
      "gas for the receiver's ccipReceive (≥ the message's own; default: the message's)",
      gasLimit,
    )
    .option('--from <chain>', 'look for the message only on this source chain')
    .option('--to <chain>', 'look for the message only on this destination chain')
    .option(
      '--indexer <url>',
      "2.0 lanes: an indexer serving the message's verifier results; repeat for several (default: the chain profile's, else Chainlink's public indexers)",
      indexerArg,
    )
    .addHelpText(
      'after',
      `${examples(
        'ccip manual-exec 0x4c1d…e9',
        'ccip manual-exec 0x4c1d…e9 --gas-limit 500000',
        'ccip manual-exec 0x4c1d…e9 --json | jq -r .state',
      )}\nExit codes: 0 executed, 1 not allowed or reverted, 3 not found, 4 it failed again.\n`,
    )
    .action(
      action<ManualExecFlags>(async (ctx, [messageId = ''], flags) => {
        const { manuallyExecute } = await import('../src/messages/manual-exec.js')
        const { messageFailed } = await import('../src/messages/errors.js')
        const ui = await import('../src/ui/manual-exec.js')
        const { txHash, status } = await manuallyExecute({
          ctx,
          messageId,
          ...(flags.from === undefined ? {} : { from: flags.from }),
          ...(flags.to === undefined ? {} : { to: flags.to }),
          ...(flags.gasLimit === undefined ? {} : { gasLimit: flags.gasLimit }),
          ...(flags.indexer === undefined ? {} : { indexers: flags.indexer }),
          signer: await signerOptions(ctx, flags),
          onProgress: ui.manualExecProgress(ctx.out),
        })
        ctx.out.result(ui.manualExecJson(txHash, status), () => ui.renderManualExec(txHash, status))
        if (status.state === 'FAILURE') throw messageFailed(status.messageId, status.destChain ?? '')
      }),
    )
}
