import { Command, Option } from 'commander'
import { action, examples } from '../src/ui/command.js'
import { secondsIn } from '../src/ui/parse.js'
import { type MessageFlags, messageOptions, messageRequest } from './message-options.js'
import { signerOptions } from './signer-options.js'

type SendFlags = MessageFlags & { wait?: boolean; async?: boolean; timeout?: number }

export function sendCommand(): Command {
  return messageOptions(
    new Command('send').description(
      'send a CCIP message (data and/or tokens); approvals are exact and automatic, nothing is sent if the simulation fails',
    ),
  )
    .addOption(new Option('--wait', 'follow the message to SUCCESS or FAILURE (exit 4 on FAILURE)'))
    .addOption(new Option('--async', 'print only the messageId (once the send is mined)').conflicts('wait'))
    .option('--timeout <seconds>', 'how long --wait waits (default: 300)', secondsIn(1, 86_400))
    .addHelpText(
      'after',
      examples(
        'ccip send --from alpha --to beta --data "hello"',
        'ccip send --to beta --token CCIP-BnM:1.5 --fee-token LINK --receiver 0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
        'ccip send --from alpha --to beta --token CCIP-BnM:1 --token CCIP-LnM:0.5 --account 3',
        'id=$(ccip send --from alpha --to beta --data 0x1234 --out-of-order --async)',
        'ccip send --from alpha --to beta --data ping --wait --json',
        'ccip send --from alpha --to beta --data hi --finality 5 --executor none   # a CCIP 2.0 lane',
      ),
    )
    .action(
      action<SendFlags>(async (ctx, _args, flags) => {
        // Without --wait nothing waits: a timeout there is a mistake, not a no-op.
        if (flags.timeout !== undefined && flags.wait !== true) {
          const { usageError } = await import('../src/errors.js')
          throw usageError('--timeout applies only with --wait', 'add --wait, or drop --timeout')
        }
        const { resolveEndpoints } = await import('../src/messages/fee.js')
        const { sendMessage } = await import('../src/messages/send.js')
        const ui = await import('../src/ui/send.js')
        const request = await messageRequest(flags)
        const { source, dest } = await resolveEndpoints(ctx, flags.from, flags.to)
        const sent = await sendMessage({
          source,
          dest,
          request,
          signer: await signerOptions(ctx, flags),
          signal: ctx.signal,
          accountLocks: ctx.accountLocks,
          onProgress: ui.sendProgress(ctx.out),
        })
        if (flags.async === true) return ctx.out.result(sent.messageId, (id) => id)
        if (flags.wait !== true) return ctx.out.result(ui.sendJson(sent), () => ui.renderSent(sent))
        const { getMessageStatus } = await import('../src/messages/status.js')
        const { waitForFinalState, waitOutcomeError } = await import('../src/messages/wait.js')
        const timeoutMs = (flags.timeout ?? 300) * 1000
        const progress = await ui.waitProgress(ctx.out, sent.messageId)
        const hint = { sourceChain: source.name, destChain: dest.name, blockNumber: sent.blockNumber }
        const { status } = await waitForFinalState(() => getMessageStatus(ctx, sent.messageId, { hint }), {
          timeoutMs,
          // A local stack answers in a millisecond and may finish in 0.15 s (--instant).
          pollMs: source.local ? 100 : 500,
          signal: ctx.signal,
          onState: progress.onState,
        }).finally(progress.stop)
        ctx.out.result(ui.sendJson(sent, status.state), () => ui.renderSent(sent, status.state))
        const failure = waitOutcomeError(sent.messageId, status.state, timeoutMs)
        if (failure !== undefined) throw failure
      }),
    )
}
