import { Command } from 'commander'
import { examples } from '../../src/ui/command.js'
import { type LazyCommands, withSubcommands } from '../lazy.js'

const SUBCOMMANDS: LazyCommands = {
  list: async () => (await import('./list.js')).listCommand(),
  show: async () => (await import('./show.js')).showCommand(),
  add: async () => (await import('./add.js')).addCommand(),
  remove: async () => (await import('./remove.js')).removeCommand(),
  use: async () => (await import('./use.js')).defaultChainCommand(),
}

/** `ccip chains …`: the chain profiles (RPC URL, selector, Router) that other commands name. */
export async function chainsCommand(subcommand?: string | null): Promise<Command> {
  const group = new Command('chains')
    .description('manage chain profiles: an RPC URL plus the CCIP selector and Router of a chain')
    .addHelpText(
      'after',
      examples(
        'ccip chains list',
        'ccip chains add sepolia --rpc-url https://ethereum-sepolia-rpc.publicnode.com',
        'ccip chains use sepolia',
      ),
    )
  return withSubcommands(group, SUBCOMMANDS, subcommand)
}
