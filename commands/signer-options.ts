import { type Command, Option } from 'commander'
import { FUNDED_DEV_ACCOUNTS } from '../src/profiles/dev-mnemonic-addresses.js'
import type { ResolveSignerOptions } from '../src/profiles/wallet.js'
import type { CommandContext } from '../src/ui/command.js'
import { integerIn } from '../src/ui/parse.js'

/** The flags that choose who signs, declared once for every command that sends a transaction. */
export interface SignerFlags {
  keystore?: string
  account?: number
}

export function signerFlags(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--keystore <path>',
        'sign with this encrypted JSON keystore (password: CCIPKIT_PASSWORD or a prompt)',
      ),
    )
    .addOption(
      new Option('--account <n>', `sign with dev account N of the local stack (0–${FUNDED_DEV_ACCOUNTS - 1})`)
        .argParser(integerIn(0, FUNDED_DEV_ACCOUNTS - 1))
        .conflicts('keystore'),
    )
}

/** The flags as the library's signer options (the password prompt only with a terminal). Loads nothing heavy. */
export async function signerOptions(ctx: CommandContext, flags: SignerFlags): Promise<ResolveSignerOptions> {
  const { promptPassword } = await import('../src/ui/password.js')
  return {
    env: ctx.env,
    ...(flags.keystore === undefined ? {} : { keystore: flags.keystore }),
    ...(flags.account === undefined ? {} : { account: flags.account }),
    ...(ctx.interactive ? { passwordPrompt: () => promptPassword('Keystore password: ') } : {}),
  }
}
