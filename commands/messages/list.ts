import { Command, Option } from 'commander'
import { action, examples } from '../../src/ui/command.js'
import { integerIn } from '../../src/ui/parse.js'

interface ListFlags {
  from?: string
  to?: string
  state?: 'SENT' | 'SOURCE_FINALIZED' | 'COMMITTED' | 'BLESSED' | 'SUCCESS' | 'FAILURE'
  limit: number
}

export function listCommand(): Command {
  return new Command('list')
    .description('recent messages, newest first, with their state (read from the chains)')
    .option('--from <chain>', 'only messages sent from this chain')
    .option('--to <chain>', 'only messages sent to this chain')
    .addOption(
      new Option('--state <state>', 'only messages in this state').choices([
        'SENT',
        'SOURCE_FINALIZED',
        'COMMITTED',
        'BLESSED',
        'SUCCESS',
        'FAILURE',
      ]),
    )
    .option('-n, --limit <n>', 'how many messages at most', integerIn(1, 1_000), 20)
    .addHelpText(
      'after',
      examples(
        'ccip messages list',
        'ccip messages list --from alpha --to beta --limit 50',
        'ccip messages list --state FAILURE --json | jq -r ".[].messageId"',
      ),
    )
    .action(
      action<ListFlags>(async (ctx, _args, flags) => {
        const { listMessages } = await import('../../src/messages/list.js')
        const { renderMessageList } = await import('../../src/ui/messages.js')
        const rows = await listMessages(ctx, {
          ...(flags.from === undefined ? {} : { from: flags.from }),
          ...(flags.to === undefined ? {} : { to: flags.to }),
          ...(flags.state === undefined ? {} : { state: flags.state }),
          limit: flags.limit,
        })
        ctx.out.result(rows, renderMessageList)
      }),
    )
}
