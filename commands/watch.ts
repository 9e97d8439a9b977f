import { Command } from 'commander'
import { action, examples, handleInterruptGracefully } from '../src/ui/command.js'

export function watchCommand(): Command {
  return new Command('watch')
    .description('live dashboard of the running local stack: heights, lanes, latest messages, nodes, curses')
    .addHelpText(
      'after',
      examples('ccip watch', 'ccip watch 2>&1 | tee stack.log   # plain lines when not a terminal'),
    )
    .action(
      action(async (ctx) => {
        handleInterruptGracefully()
        const { startDashboard } = await import('./dashboard-session.js')
        const stop = await startDashboard(ctx)
        await new Promise<void>((resolve) =>
          ctx.signal.addEventListener('abort', () => resolve(), { once: true }),
        )
        stop()
      }),
    )
}
