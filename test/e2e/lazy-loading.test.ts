import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { packageRoot } from '../../src/package-root.js'
import { tempHome } from '../helpers/cli.js'

/** The module URLs a run of the built CLI loads (traced through a resolve hook on stderr). */
function modulesLoaded(args: string[]): string[] {
  const { home, cleanup } = tempHome('lazy')
  try {
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        join(packageRoot(), 'test/helpers/trace-loads.mjs'),
        join(packageRoot(), 'dist/bin/ccip.js'),
        ...args,
      ],
      { env: { ...process.env, CCIPKIT_HOME: home }, encoding: 'utf8' },
    )
    expect(run.status, run.stderr).toBe(0)
    return run.stderr.split('\n').filter((l) => l.startsWith('file:') || l.startsWith('node:'))
  } finally {
    cleanup()
  }
}

const heavy = (urls: string[]) => urls.filter((u) => /node_modules\/(ethers|ink|react|conf|ora)\//.test(u))

describe('commands load their implementation lazily', () => {
  it('`ccip --help` loads neither ethers, ink, react nor conf', () => {
    const urls = modulesLoaded(['--help'])
    expect(urls.some((u) => u.includes('commander'))).toBe(true)
    expect(heavy(urls)).toEqual([])
    // The top-level help lists groups by name: none of their subcommands' modules load.
    expect(urls.filter((u) => /dist\/commands\/[a-z]+\/(?!index)/.test(u))).toEqual([])
  })

  it('`ccip --version` loads no command module', () => {
    expect(modulesLoaded(['--version']).filter((u) => /dist\/commands\/(?!program|lazy)/.test(u))).toEqual([])
  })

  it('a subcommand run loads its own module only, not its siblings', () => {
    const commands = modulesLoaded(['chains', 'list', '--json']).filter((u) => u.includes('dist/commands/'))
    expect(commands.some((u) => u.endsWith('commands/chains/list.js'))).toBe(true)
    expect(commands.filter((u) => /commands\/chains\/(add|show|remove|use)\.js$/.test(u))).toEqual([])
    expect(commands.filter((u) => /commands\/(status|send|local\/)/.test(u))).toEqual([])
  })

  it('every command group help stays light', () => {
    for (const group of [
      ['local', '--help'],
      ['chains', 'add', '--help'],
      ['local', 'up', '--help'],
      ['send', '--help'],
      ['fee', '--help'],
      ['rmn', 'curse', '--help'],
      ['token', 'deploy', '--help'],
    ]) {
      expect(heavy(modulesLoaded(group)), group.join(' ')).toEqual([])
    }
  })

  it('`ccip chains list --json` does not load ethers', () => {
    const urls = modulesLoaded(['chains', 'list', '--json'])
    expect(urls.filter((u) => u.includes('node_modules/ethers/'))).toEqual([])
  })

  // Without profiles these list nothing and exit 0, having loaded their whole implementation
  // (its imports are static); lanes.test.ts traces `lanes list` against a running stack too.
  it('`ccip lanes list --json` and `ccip ratelimit show --json` do not load ethers', () => {
    for (const args of [
      ['lanes', 'list', '--json'],
      ['ratelimit', 'show', '--json'],
    ]) {
      const urls = modulesLoaded(args)
      expect(
        urls.some((u) => u.includes('/operator/pools.js')),
        args.join(' '),
      ).toBe(true)
      expect(
        urls.filter((u) => u.includes('node_modules/ethers/')),
        args.join(' '),
      ).toEqual([])
    }
  })
})
