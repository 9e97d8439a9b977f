import { Command, Option } from 'commander'
import { action, examples } from '../../src/ui/command.js'
import { signerFlags } from '../signer-options.js'
import type { CurseFlags } from './run-curse.js'

export function curseCommand(verb: 'curse' | 'uncurse'): Command {
  return signerFlags(
    new Command(verb)
      .description(
        verb === 'curse'
          ? 'curse lanes: the RMNRemote of each --on chain refuses messages to/from the --chain subjects'
          : 'lift a curse (held messages then complete)',
      )
      .option('--chain <names...>', 'lane subject(s): the remote chain(s) whose lanes stop')
      // Each pair names the same thing two ways: taking one and ignoring the other would curse
      // more (or other) chains than the operator asked for.
      .addOption(
        new Option('--global', 'the global subject: everything on the --on chains').conflicts('chain'),
      )
      .option('--on <names...>', 'chain(s) whose RMNRemote takes the call')
      .addOption(
        new Option('--all', 'every chain profile with a router (except the subjects themselves)').conflicts(
          'on',
        ),
      )
      .option('--reason <text>', 'recorded on chain with the curse', 'operator')
      .option('--yes', 'do not ask for confirmation')
      .option('--dry-run', 'print target and calldata; send nothing')
      .addHelpText(
        'after',
        examples(
          `ccip rmn ${verb} --chain alpha --on beta`,
          `ccip rmn ${verb} --chain alpha --all --yes`,
          `ccip rmn ${verb} --global --on gamma --dry-run`,
        ),
      )
      .action(
        action<CurseFlags>(async (ctx, _args, flags) => {
          const { runCurse } = await import('./run-curse.js')
          await runCurse(ctx, verb, flags)
        }),
      ),
  )
}
