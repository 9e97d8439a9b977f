import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { isCcipError } from '../../src/errors.js'
import { readJson, writeFileAtomic } from '../../src/fs-atomic.js'
import { childEnv, STACK_HOME_VAR } from '../../src/stack/child-env.js'

const dir = mkdtempSync(join(tmpdir(), 'ccip-test-state-files-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const thrown = (fn: () => unknown): unknown => {
  try {
    fn()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

describe('readJson: the one reader of the stack files', () => {
  it('names the file and says what is wrong with a truncated one (STACK_STATE, not a bare SyntaxError)', () => {
    const file = join(dir, 'deployment.json')
    writeFileSync(file, '{"version":1,"chains":[{"name":"al')
    const error = thrown(() => readJson(file))
    expect(isCcipError(error) && error.code).toBe('STACK_STATE')
    expect((error as Error).message).toContain(file)
    expect((error as Error).message).toMatch(/not valid JSON/)
  })

  it('an empty file is named too; a missing one is simply absent', () => {
    const file = join(dir, 'manifest.json')
    writeFileSync(file, '')
    expect((thrown(() => readJson(file)) as Error).message).toBe(`${file} is unusable: it is empty`)
    expect(readJson(join(dir, 'nope.json'))).toBeUndefined()
  })
})

describe('atomic writes leave no temp file when they fail', () => {
  it('a failed rename (the target is a directory) throws its own error and removes the temp file', async () => {
    const target = join(dir, 'occupied')
    mkdirSync(join(target, 'inside'), { recursive: true })
    expect((thrown(() => writeFileAtomic(target, 'x')) as NodeJS.ErrnoException).code).toMatch(
      /EISDIR|ENOTEMPTY|EEXIST/,
    )
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })
})

describe('childEnv: what the stack processes inherit', () => {
  const env = {
    PATH: '/usr/bin',
    HOME: '/home/u',
    LANG: 'C.UTF-8',
    CCIPKIT_SNAPSHOT_MS: '500',
    CCIPKIT_PRIVATE_KEY: '0xabc',
    CCIPKIT_PASSWORD: 'pw',
    CCIPKIT_RPC_URL: 'https://x.example/v2/apikey',
    ETHERSCAN_API_KEY: 'k',
    GITHUB_TOKEN: 't',
    NODE_OPTIONS: '--inspect',
    Path: 'C:\\Windows',
  }

  it('keeps only the allow-list, never a secret-looking name, and tags the home', () => {
    expect(childEnv('/h', env)).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/u',
      LANG: 'C.UTF-8',
      CCIPKIT_SNAPSHOT_MS: '500',
      Path: 'C:\\Windows',
      CCIPKIT_HOME: '/h',
      [STACK_HOME_VAR]: '/h',
    })
  })
})
