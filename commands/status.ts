import { Command, InvalidArgumentError } from 'commander'
import { action, examples } from '../src/ui/command.js'

interface StatusFlags {
  watch?: boolean
  from?: string
  to?: string
  indexer?: string[]
}

/** `--indexer URL` (repeatable): where 2.0 verifier results are read; replaces the defaults. */
export function indexerArg(value: string, previous: string[] = []): string[] {
  if (!/^https?:\/\/\S+$/.test(value)) throw new InvalidArgumentError('expected an http(s) URL')
  return [...previous, value]
}

/** A message id: 0x + 64 hex digits (a malformed one is a usage error, exit 2). */
export function messageIdArg(value: string): string {
  if (!/^0x[0-9a-fA-F]{64}$/.test(value)) {
    throw new InvalidArgumentError('expected a message id: 0x followed by 64 hex digits')
  }
  return value.toLowerCase()
}

export function statusCommand(): Command {
  return new Command('status')
    .description(
      'where a message is, read from the chains: SENT → SOURCE_FINALIZED → COMMITTED → BLESSED → SUCCESS or FAILURE on a 1.6 lane; SENT → SOURCE_FINALIZED → VERIFIED (from an indexer) → SUCCESS or FAILURE on a 2.0 lane',
    )
    .argument('<messageId>', 'the id `ccip send` printed (0x + 64 hex digits)', messageIdArg)
    .option('-w, --watch', 'follow it live until SUCCESS or FAILURE')
    .option('--from <chain>', 'look for it only on this source chain')
    .option('--to <chain>', 'look for it only on this destination chain')
    .option(
      '--indexer <url>',
      "2.0 lanes: an indexer to read VERIFIED from; repeat for several (default: the chain profile's, else Chainlink's public indexers)",
      indexerArg,
    )
    .addHelpText(
      'after',
      `${examples(
        'ccip status 0x4c1d…e9 --watch',
        'ccip status 0x4c1d…e9 --json | jq -r .state',
        'ccip status 0x4c1d…e9 --from alpha --to beta',
        'ccip status 0x4c1d…e9 --indexer https://indexer-1.testnet.ccip.chain.link',
      )}\nExit codes: 0 found, 3 not found, 4 the message ended in FAILURE.\n`,
    )
    .action(
      action<StatusFlags>(async (ctx, [messageId = ''], flags) => {
        // One loader pass for all three module trees, not three in a row.
        const [{ getMessageStatus }, { messageNotFound, messageFailed }, ui] = await Promise.all([
          import('../src/messages/status.js'),
          import('../src/messages/errors.js'),
          import('../src/ui/status.js'),
        ])
        const filters = {
          ...(flags.from === undefined ? {} : { from: flags.from }),
          ...(flags.to === undefined ? {} : { to: flags.to }),
        }
        const indexers = flags.indexer === undefined ? {} : { indexers: flags.indexer }
        // Every read of this command shares ctx: the send and the commit are found once.
        let status = await getMessageStatus(ctx, messageId, { ...filters, ...indexers })
        if (status.state === 'UNKNOWN') throw messageNotFound(messageId, filters)
        if (flags.watch === true) {
          const { watchStatus } = await import('../src/ui/status-watch.js')
          const hint = {
            sourceChain: status.sourceChain ?? '',
            destChain: status.destChain ?? '',
            blockNumber: status.phases[0]?.blockNumber ?? 0,
          }
          status = await watchStatus(status, () => getMessageStatus(ctx, messageId, { hint, ...indexers }), {
            live: ctx.out.isTTY,
            signal: ctx.signal,
          })
        }
        const final = status
        ctx.out.result(ui.statusJson(final), () => ui.renderStatus(final))
        if (final.state === 'FAILURE') throw messageFailed(final.messageId, final.destChain ?? '')
      }),
    )
}
