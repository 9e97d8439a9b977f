import { Command } from 'commander'
import { action, examples, handleInterruptGracefully } from '../src/ui/command.js'
import { integerIn } from '../src/ui/parse.js'

interface ExplorerFlags {
  port: number
  open?: boolean
}

export function explorerCommand(): Command {
  return new Command('explorer')
    .description(
      'a local web page over your chain profiles: live message list, each message with its phases, lanes with curses and rate limits, nodes, stats (served on 127.0.0.1 only)',
    )
    .option('-p, --port <port>', 'the port to serve on (0: any free port)', integerIn(0, 65_535), 8547)
    .option('--open', 'open the page in the system browser')
    .addHelpText(
      'after',
      examples(
        'ccip explorer                 # then open http://127.0.0.1:8547/',
        'ccip explorer --port 0 --open # any free port, in your browser',
        'ccip explorer --json | jq -r .url',
      ),
    )
    .action(
      action<ExplorerFlags>(async (ctx, _args, flags) => {
        handleInterruptGracefully()
        const { startExplorer } = await import('../src/web/server.js')
        const { describeError } = await import('../src/errors.js')
        const explorer = await startExplorer({
          home: ctx.home,
          port: flags.port,
          onInternalError: (error) => ctx.out.warn(`explorer: ${describeError(error)}`),
        })
        ctx.out.result({ url: explorer.url }, () => '')
        ctx.out.info(`ccip explorer on ${explorer.url} (Ctrl-C stops it)`)
        if (flags.open === true) {
          const { openBrowser } = await import('../src/web/open.js')
          const opened = await openBrowser(explorer.url)
          if (!opened) ctx.out.warn(`no xdg-open or open here: open ${explorer.url} yourself`)
        }
        // Serves until Ctrl-C or SIGTERM (a service manager's stop), then closes its connections.
        await new Promise<void>((resolve) => {
          ctx.signal.addEventListener('abort', () => resolve(), { once: true })
          process.once('SIGTERM', () => resolve())
        })
        await explorer.close()
      }),
    )
}
