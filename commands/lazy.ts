import type { Command } from 'commander'

/**
 * Command factories by name, in help order, each importing its module only when called: a run
 * loads the module tree of the one command it runs, not the other 30 (Node's start-up and module
 * loading are most of what a quick command like `ccip status` costs).
 */
export type LazyCommands = Record<string, (subcommand?: string | null) => Promise<Command>>

/**
 * The commands a run needs: only the one `word` names; none when `word` is null (listing a group
 * among its siblings shows only the group's own name and description); else all of them (the
 * group's help, or a typo that wants suggestions).
 */
export async function loadCommands(
  commands: LazyCommands,
  word: string | null | undefined,
  next?: string | null,
): Promise<Command[]> {
  if (word === null) return []
  if (word !== undefined && Object.hasOwn(commands, word)) return [await commands[word]!(next)]
  return Promise.all(Object.values(commands).map((load) => load(null)))
}

/** `group` with the subcommands a run needs (see loadCommands). */
export async function withSubcommands(
  group: Command,
  subcommands: LazyCommands,
  subcommand: string | null | undefined,
): Promise<Command> {
  for (const command of await loadCommands(subcommands, subcommand)) group.addCommand(command)
  return group
}
