import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ccipHome } from '../../src/home.js'
import { packageRoot } from '../../src/package-root.js'

/**
 * Chainlink's own `ccip-cli` reads every CCIP_* environment variable as one of its options and
 * exits on any it does not know: ours must never use that prefix, or a user who exported one of
 * ours could no longer run Chainlink's tool.
 */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(ts|tsx|mjs)$/.test(name) ? [path] : []
  })
}

describe('environment variables', () => {
  it('are read under CCIPKIT_, never CCIP_', () => {
    const root = packageRoot()
    const offenders = ['src', 'commands', 'bin', 'test']
      .flatMap((dir) => sourceFiles(join(root, dir)))
      .filter((file) =>
        /env(\.|\[['"])CCIP_|env\??\.CCIP_|['"`]CCIP_[A-Z_]+['"`]\s*[:\]]/.test(readFileSync(file, 'utf8')),
      )
    expect(offenders).toEqual([])
  })

  it('takes the home from CCIPKIT_HOME and ignores CCIP_HOME', () => {
    expect(ccipHome({ CCIPKIT_HOME: '/tmp/kit' })).toBe('/tmp/kit')
    expect(ccipHome({ CCIP_HOME: '/tmp/old' })).not.toBe('/tmp/old')
  })
})
