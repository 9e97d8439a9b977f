import { Command } from 'commander'
import { action, examples } from '../../src/ui/command.js'

interface ShowOptions {
  chains?: string
}

export function showCommand(): Command {
  return new Command('show')
    .description('the token on each chain: token, CCIP admin, pool, remote chains and rate limits')
    .argument('<token>', 'SYMBOL (token book or CCIP registry), 0xADDRESS, or chain=0x…,chain=0x…')
    .option(
      '--chains <a,b,…>',
      'the chain profiles (default: the token book’s chains for a symbol, else every chain with a Router)',
    )
    .addHelpText(
      'after',
      examples('ccip token show MYT', 'ccip token show CCIP-BnM --chains alpha,beta --json'),
    )
    .action(
      action<ShowOptions>(async (ctx, [token], opts) => {
        const [{ showToken }, { chainList }, { bookEntries }, ui] = await Promise.all([
          import('../../src/tokens/show.js'),
          import('../../src/tokens/args.js'),
          import('../../src/tokens/book.js'),
          import('../../src/ui/token-show.js'),
        ])
        const profiles = await ctx.profiles()
        const inBook = Object.keys(bookEntries(ctx.home, token!) ?? {}).filter(
          (n) => profiles.get(n) !== undefined,
        )
        const names =
          opts.chains !== undefined
            ? chainList(opts.chains)
            : inBook.length > 0
              ? inBook
              : profiles.profiles.filter((p) => p.router !== undefined).map((p) => p.name)
        const show = await showToken(
          ctx,
          token!,
          names.map((n) => profiles.require(n)),
        )
        ctx.out.result(ui.showJson(show), () => ui.renderShow(show))
      }),
    )
}
