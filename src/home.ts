import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

/** Where ccipkit keeps its state: $CCIPKIT_HOME, else ~/.ccip. Tests point it at a temp dir. */
export function ccipHome(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.CCIPKIT_HOME
  return fromEnv !== undefined && fromEnv !== '' ? resolve(fromEnv) : join(homedir(), '.ccip')
}
