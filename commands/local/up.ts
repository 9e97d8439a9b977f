import { Command, Option } from 'commander'
import { CCIP_MODES } from '../../src/stack/lane-plan.js'
import { DEFAULTS } from '../../src/stack/settings.js'
import { action, examples, handleInterruptGracefully } from '../../src/ui/command.js'
import { integerIn, oneOf, secondsIn } from '../../src/ui/parse.js'

export function upCommand(): Command {
  return new Command('up')
    .description('start the local stack (resumes saved state; deploys CCIP on first start)')
    .option(
      '--chains <n>',
      `number of chains, 2–8 (default ${DEFAULTS.chains}: alpha, beta, gamma)`,
      integerIn(2, 8),
    )
    .option(
      '--block-time <seconds>',
      `seconds between blocks, fractions allowed (default ${DEFAULTS.blockTime})`,
      secondsIn(0.1, 60),
    )
    .addOption(
      new Option(
        '--instant',
        'mine a block as soon as there is work (a send, its finality, a commit, an execution), else one a second: messages complete in ~0.15 s',
      ).conflicts('blockTime'),
    )
    .option(
      '--ccip <version>',
      'CCIP version of the lanes: 1.6, 2.0, or mixed (the lane between the i-th and j-th chain runs 2.0 when i + j is odd, else 1.6; default 1.6). A saved stack keeps its own',
      oneOf(CCIP_MODES),
    )
    .option(
      '--finality-depth <blocks>',
      `blocks before a message counts as final (default ${DEFAULTS.finalityDepth})`,
      integerIn(0, 1000),
    )
    .option(
      '--port-base <port>',
      `RPC port of the first chain; the others follow (default ${DEFAULTS.portBase})`,
      integerIn(1024, 65000),
    )
    .option('--detach', 'return once ready and leave the stack running in the background')
    .option('--fresh', 'discard saved chain state and deploy from scratch')
    .addHelpText(
      'after',
      examples(
        'ccip local up',
        'ccip local up --detach --chains 4',
        'ccip local up --detach --instant',
        'ccip local up --fresh --ccip 2.0',
        'ccip local up --fresh --ccip mixed --chains 4',
        'ccip local up --fresh --port-base 28545',
      ) +
        '\nEnvironment:\n' +
        `  CCIPKIT_CHAIN_MEMORY_MIB=N  restart a chain from its last saved cut once it holds N MiB\n` +
        `                              (default ${DEFAULTS.chainMemoryMiB}; 0 = never, e.g. for suites keeping evm_snapshot ids)\n`,
    )
    .action(
      action<import('./up-session.js').UpFlags>(async (ctx, _args, flags) => {
        const { runUp } = await import('./up-session.js')
        if (flags.detach !== true) handleInterruptGracefully()
        await runUp(ctx, flags)
      }),
    )
}
