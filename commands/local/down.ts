import { Command } from 'commander'
import { action, examples } from '../../src/ui/command.js'

export function downCommand(): Command {
  return new Command('down')
    .description('stop every process of the local stack, saving chain state for the next `up`')
    .addHelpText('after', examples('ccip local down', 'ccip local down --json'))
    .action(
      action(async (ctx) => {
        const { stackPaths } = await import('../../src/stack/paths.js')
        const { stopStack } = await import('../../src/stack/stop.js')
        const result = await stopStack(stackPaths(ctx.home), { save: true })
        if (result.unusableManifest !== undefined) {
          ctx.out.warn(`${result.unusableManifest}; stopped this stack's processes without saving`)
        }
        if (result.saveError !== undefined) {
          // The stack is stopped either way; the next `up` resumes from the last complete cut.
          ctx.out.warn(
            `chain state NOT saved: ${result.saveError}; the next \`up\` resumes from the last saved cut`,
          )
          process.exitCode = 1
        }
        ctx.out.result(result, (r) =>
          r.stopped
            ? `Stopped the local stack${r.saved.length > 0 ? `; saved ${r.saved.join(', ')}` : ''}.`
            : 'The local stack is not running.',
        )
      }),
    )
}
