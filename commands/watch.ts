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
        const { CcipError, ErrorCode } = await import('../src/errors.js')
        const { inspectStack } = await import('../src/stack/manifest.js')
        const { stackPaths } = await import('../src/stack/paths.js')
        const notRunning = () =>
          new CcipError(ErrorCode.StackNotRunning, 'the local stack is not running', {
            hint: 'start it with `ccip local up --detach`, then run `ccip watch` again',
          })
        // Before loading the dashboard (ink, React): a watch of nothing ends at once.
        if (inspectStack(stackPaths(ctx.home)).liveness !== 'running') throw notRunning()
        const { startDashboard } = await import('./dashboard-session.js')
        let stop = () => {}
        // Ends at Ctrl-C, or with STACK_NOT_RUNNING when the stack stops: a watch of nothing must
        // not wait forever, least of all with --json, where it would print nothing.
        await new Promise<void>((resolve, reject) => {
          ctx.signal.addEventListener('abort', () => resolve(), { once: true })
          const gone = () => reject(notRunning())
          startDashboard(ctx, { onStackGone: gone }).then((s) => {
            stop = s
          }, reject)
        }).finally(() => stop())
      }),
    )
}
