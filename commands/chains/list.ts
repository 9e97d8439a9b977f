import { Command } from 'commander'
import { action, examples } from '../../src/ui/command.js'

export function listCommand(): Command {
  return new Command('list')
    .description('list the chain profiles (* marks the default chain)')
    .addHelpText('after', examples('ccip chains list', 'ccip chains list --json | jq -r ".[].name"'))
    .action(
      action(async (ctx) => {
        const { readProfiles } = await import('../../src/profiles/read.js')
        const { profileSummary } = await import('../../src/profiles/profile.js')
        const { renderProfileList } = await import('../../src/ui/profiles.js')
        const { profiles, current } = await readProfiles(ctx.home)
        const rows = profiles.map(profileSummary)
        ctx.out.result(rows, (data) => renderProfileList(data, current))
      }),
    )
}
