import type { Command } from 'commander'
import type { MessageRequest } from '../src/messages/quote.js'
import { address, uint256 } from '../src/ui/parse.js'
import { type SignerFlags, signerFlags } from './signer-options.js'

/** The message flags shared by `ccip send` and `ccip fee` (declared once, parsed once). */
export interface MessageFlags extends SignerFlags {
  from?: string
  to: string
  receiver?: string
  data?: string
  token?: string[]
  feeToken?: string
  gasLimit?: bigint
  outOfOrder?: boolean
  finality?: string
  ccv?: string[]
  executor?: string
}

export function messageOptions(command: Command): Command {
  return signerFlags(command)
    .option('--from <chain>', 'source chain profile (default: the default chain, `ccip chains use`)')
    .requiredOption('--to <chain>', 'destination chain profile')
    .option('--receiver <address>', 'receiver on the destination (default: your own address)', address)
    .option('--data <text|0xhex>', 'payload: 0x… is raw bytes, anything else UTF-8 text')
    .option(
      '--token <SYMBOL:AMOUNT>',
      'a token to send, in token units (or 0xADDRESS:AMOUNT); repeat it for several tokens in one message',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--fee-token <native|LINK|address>', 'pay the fee in native (default), LINK or a fee token')
    .option(
      '--gas-limit <n>',
      "gas for the receiver's ccipReceive (default: 200000 with data or a contract receiver, else 0)",
      uint256('gas units'),
    )
    .option('--out-of-order', 'allow out-of-order execution (nonce 0; CCIP 1.6 lanes)')
    .option(
      '--finality <finalized|safe|N>',
      'CCIP 2.0 lanes: what the verifiers wait for before signing: finality (default), the safe head, or N blocks',
    )
    .option(
      '--ccv <address>',
      "CCIP 2.0 lanes: a verifier (CCV) the message requires, on the source; repeat for several (default: the lane's)",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option(
      '--executor <address|none>',
      "CCIP 2.0 lanes: the executor to pay (default: the lane's); none = no automatic execution (run `ccip manual-exec`)",
    )
}

/** Flags → the core's request; parse errors are usage errors (exit 2). Loads ethers lazily. */
export async function messageRequest(flags: MessageFlags): Promise<MessageRequest> {
  const args = await import('../src/messages/message-args.js')
  return {
    ...(flags.receiver === undefined ? {} : { receiver: flags.receiver }),
    data: args.parseData(flags.data),
    tokens: (flags.token ?? []).map(args.parseTokenArg),
    feeToken: args.parseFeeTokenArg(flags.feeToken),
    ...(flags.gasLimit === undefined ? {} : { gasLimit: flags.gasLimit }),
    outOfOrder: flags.outOfOrder === true,
    ...(flags.finality === undefined && flags.ccv === undefined && flags.executor === undefined
      ? {}
      : {
          v3: {
            ...(flags.finality === undefined ? {} : { finality: args.parseFinality(flags.finality) }),
            ...(flags.ccv === undefined ? {} : { ccvs: flags.ccv.map(args.parseCcv) }),
            ...(flags.executor === undefined ? {} : { executor: args.parseExecutor(flags.executor) }),
          },
        }),
  }
}
