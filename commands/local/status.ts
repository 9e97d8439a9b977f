import { Command } from 'commander'
import { action, examples } from '../../src/ui/command.js'

export function statusCommand(): Command {
  return new Command('status')
    .description('show whether the local stack runs, its chains, RPC URLs and contract addresses')
    .addHelpText(
      'after',
      examples('ccip local status', "ccip local status --json | jq '.chains[0].contracts.router'"),
    )
    .action(
      action(async (ctx) => {
        const { stackPaths } = await import('../../src/stack/paths.js')
        const { stackStatus } = await import('../../src/stack/status.js')
        const { renderStatus } = await import('../../src/ui/stack.js')
        const status = await stackStatus(stackPaths(ctx.home))
        const { stale: _stale, ...json } = status
        ctx.out.result(ctx.out.json ? json : status, () => renderStatus(status))
      }),
    )
}
