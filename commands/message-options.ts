import type { Command } from 'commander'
import type { MessageRequest } from '../src/messages/quote.js'
import type { ResolveSignerOptions } from '../src/profiles/wallet.js'
import type { CommandContext } from '../src/ui/command.js'
import { address, uint256 } from '../src/ui/parse.js'

/** The message flags shared by `ccip send` and `ccip fee` (declared once, parsed once). */
export interface MessageFlags {
  from?: string
  to: string
  receiver?: string
  data?: string
  token?: string
  feeToken?: string
  gasLimit?: bigint
  outOfOrder?: boolean
  keystore?: string
}

export function messageOptions(command: Command): Command {
  return command
    .option('--from <chain>', 'source chain profile (default: the default chain, `ccip chains use`)')
    .requiredOption('--to <chain>', 'destination chain profile')
    .option('--receiver <address>', 'receiver on the destination (default: your own address)', address)
    .option('--data <text|0xhex>', 'payload: 0x… is raw bytes, anything else UTF-8 text')
    .option('--token <SYMBOL:AMOUNT>', 'one token to send, in token units (or 0xADDRESS:AMOUNT)')
    .option('--fee-token <native|LINK|address>', 'pay the fee in native (default), LINK or a fee token')
    .option(
      '--gas-limit <n>',
      "gas for the receiver's ccipReceive (default: 200000 with data or a contract receiver, else 0)",
      uint256('gas units'),
    )
    .option('--out-of-order', 'allow out-of-order execution (nonce 0)')
    .option(
      '--keystore <path>',
      'sign with this encrypted JSON keystore (password: CCIPKIT_PASSWORD or a prompt)',
    )
}

/** Flags → the core's request; parse errors are usage errors (exit 2). Loads ethers lazily. */
export async function messageRequest(flags: MessageFlags): Promise<MessageRequest> {
  const args = await import('../src/messages/message-args.js')
  return {
    ...(flags.receiver === undefined ? {} : { receiver: flags.receiver }),
    data: args.parseData(flags.data),
    ...(flags.token === undefined ? {} : { token: args.parseTokenArg(flags.token) }),
    feeToken: args.parseFeeTokenArg(flags.feeToken),
    ...(flags.gasLimit === undefined ? {} : { gasLimit: flags.gasLimit }),
    outOfOrder: flags.outOfOrder === true,
  }
}

export async function signerOptions(ctx: CommandContext, flags: MessageFlags): Promise<ResolveSignerOptions> {
  const { promptPassword } = await import('../src/ui/password.js')
  return {
    env: ctx.env,
    ...(flags.keystore === undefined ? {} : { keystore: flags.keystore }),
    ...(ctx.interactive ? { passwordPrompt: () => promptPassword('Keystore password: ') } : {}),
  }
}
