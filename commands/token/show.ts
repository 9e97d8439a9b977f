import { Command } from 'commander'
import { action, examples } from '../../src/ui/command.js'

interface ShowOptions {
  chains?: string
}

const TOKEN_ARG = 'SYMBOL (token book or CCIP registry), 0xADDRESS, or chain=0x…,chain=0x…'
const CHAINS_HELP =
  'the chain profiles (default: the token book’s chains for a symbol, else every chain with a Router)'

export function showCommand(): Command {
  return new Command('show')
    .description('the token on each chain: token, CCIP admin, pool, remote chains and rate limits')
    .argument('<token>', TOKEN_ARG)
    .option('--chains <a,b,…>', CHAINS_HELP)
    .addHelpText(
      'after',
      examples('ccip token show MYT', 'ccip token show CCIP-BnM --chains alpha,beta --json'),
    )
    .action(
      action<ShowOptions>(async (ctx, [token], opts) => {
        const [{ showToken }, ui] = await Promise.all([
          import('../../src/tokens/show.js'),
          import('../../src/ui/token-show.js'),
        ])
        const show = await showToken(ctx, token!, opts.chains)
        ctx.out.result(ui.showJson(show), () => ui.renderShow(show))
      }),
    )
}

export function checkCommand(): Command {
  return new Command('check')
    .description(
      'the doctor: find what would make transfers of the token fail or strand funds, each with the command that fixes it (exit 1 with findings)',
    )
    .argument('<token>', TOKEN_ARG)
    .option('--chains <a,b,…>', CHAINS_HELP)
    .addHelpText('after', examples('ccip token check MYT', 'ccip token check MYT --chains alpha,beta --json'))
    .action(
      action<ShowOptions>(async (ctx, [token], opts) => {
        const [{ checkTokenSetup }, ui] = await Promise.all([
          import('../../src/tokens/show.js'),
          import('../../src/ui/token-show.js'),
        ])
        const check = await checkTokenSetup(ctx, token!, opts.chains)
        ctx.out.result(ui.checkJson(check), () => ui.renderCheck(check))
        // Findings that break or risk transfers fail the command (scripts and CI gate on it); notes do not.
        if (check.findings.some((f) => f.severity !== 'info')) process.exitCode = 1
      }),
    )
}
