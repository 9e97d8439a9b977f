import { Command } from 'commander'
import { examples } from '../../src/ui/command.js'
import { addCommand } from './add.js'
import { listCommand } from './list.js'
import { removeCommand } from './remove.js'
import { showCommand } from './show.js'
import { defaultChainCommand } from './use.js'

/** `ccip chains …`: the chain profiles (RPC URL, selector, Router) that other commands name. */
export function chainsCommand(): Command {
  return new Command('chains')
    .description('manage chain profiles: an RPC URL plus the CCIP selector and Router of a chain')
    .addHelpText(
      'after',
      examples(
        'ccip chains list',
        'ccip chains add sepolia --rpc-url https://ethereum-sepolia-rpc.publicnode.com',
        'ccip chains use sepolia',
      ),
    )
    .addCommand(listCommand())
    .addCommand(showCommand())
    .addCommand(addCommand())
    .addCommand(removeCommand())
    .addCommand(defaultChainCommand())
}
