import { Command } from 'commander'
import { examples } from '../../src/ui/command.js'
import { downCommand } from './down.js'
import { resetCommand } from './reset.js'
import { statusCommand } from './status.js'
import { upCommand } from './up.js'

export function localCommand(): Command {
  return new Command('local')
    .description('run the bundled local CCIP stack: anvil chains with CCIP 1.6 deployed and wired')
    .addCommand(upCommand())
    .addCommand(downCommand())
    .addCommand(statusCommand())
    .addCommand(resetCommand())
    .addHelpText('after', examples('ccip local up --detach', 'ccip local status --json', 'ccip local down'))
}
