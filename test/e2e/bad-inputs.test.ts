import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { halfNode, makeHome, SECRET, treeHash } from '../helpers/bad-input-homes.js'
import { type CliRun, runCli } from '../helpers/cli.js'
import { type BadInput, CASES } from './bad-input-cases.js'

/**
 * Bad input over every command, run through the built CLI with --json: the documented exit code
 * and error code, one JSON error document on stderr (never INTERNAL, always a hint), stdout empty
 * or one JSON document, no RPC URL's secret anywhere, and the home byte-identical afterwards.
 * No stack: profiles point at ports where nothing listens. Runs 4 cases at a time.
 */
const CONCURRENCY = 4
/** Every case runs with --json; every fourth also without, for the text form of the error. */
const TEXT_EVERY = 4
const results = new Map<BadInput, { run: CliRun; same: boolean; text?: CliRun; sameText?: boolean }>()
let node: Awaited<ReturnType<typeof halfNode>> | undefined

async function runOnce(c: BadInput, json: boolean): Promise<{ run: CliRun; same: boolean }> {
  const { root, home } = makeHome(c.home ?? 'dead')
  const before = treeHash(root)
  // Secrets of the machine running the tests must not change what the cases see.
  const env = { CCIPKIT_PRIVATE_KEY: '', CCIPKIT_PASSWORD: '', ...c.env }
  const run = await runCli(json ? [...c.args, '--json'] : c.args, { home, env, timeoutMs: 30_000 })
  const same = treeHash(root) === before
  rmSync(root, { recursive: true, force: true })
  return { run, same }
}

beforeAll(async () => {
  node = await halfNode()
  const jobs = CASES.flatMap((c, i) => [
    async () => results.set(c, { ...results.get(c), ...(await runOnce(c, true)) }),
    ...(i % TEXT_EVERY === 0
      ? [
          async () => {
            const { run, same } = await runOnce(c, false)
            // CAST: the --json job of the same case may not have finished yet; merged when it does.
            results.set(c, {
              ...(results.get(c) as { run: CliRun; same: boolean }),
              text: run,
              sameText: same,
            })
          },
        ]
      : []),
  ])
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let job = jobs.shift(); job !== undefined; job = jobs.shift()) await job()
    }),
  )
}, 600_000)
afterAll(async () => {
  await node?.close()
})

const label = (c: BadInput) => `${c.home ?? 'dead'}: ccip ${c.args.join(' ')}`.slice(0, 160)

describe('bad input', () => {
  it('covers at least 100 cases over every command', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(100)
    const commands = new Set(
      CASES.map((c) =>
        ['chains', 'local', 'messages', 'lanes', 'ratelimit', 'rmn', 'token'].includes(c.args[0]!)
          ? c.args.slice(0, 2).join(' ')
          : c.args[0],
      ),
    )
    for (const command of [
      'local up',
      'local down',
      'local status',
      'local reset',
      'chains list',
      'chains show',
      'chains add',
      'chains remove',
      'chains use',
      'faucet',
      'send',
      'fee',
      'status',
      'watch',
      'explorer',
      'manual-exec',
      'messages list',
      'lanes list',
      'ratelimit show',
      'ratelimit set',
      'rmn status',
      'rmn curse',
      'rmn uncurse',
      'token deploy',
    ])
      expect(commands, command).toContain(command)
  })

  it.each(CASES.map((c) => [label(c), c] as const))('%s', (_label, c) => {
    const { run, same, text, sameText } = results.get(c)!
    const where = `exit ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`
    expect(run.code, where).toBe(c.exit)
    // stderr holds exactly the one error document; stdout nothing, or one JSON document.
    const body = JSON.parse(run.stderr) as { error: { code: string; message: string; hint?: string } }
    expect(Object.keys(body), where).toEqual(['error'])
    expect(body.error.code, where).toBe(c.code)
    expect(body.error.message.length, where).toBeGreaterThan(0)
    expect(body.error.hint?.length ?? 0, `no hint\n${where}`).toBeGreaterThan(0)
    if (run.stdout !== '') JSON.parse(run.stdout)
    expect(same, `the home changed\n${where}`).toBe(true)
    for (const out of [run.stdout, run.stderr]) expect(out).not.toContain(SECRET)
    if (text === undefined) return
    // The same without --json: one error line and a hint, the same exit code, never "a bug".
    expect(text.code, text.stderr).toBe(c.exit)
    expect(text.stderr, text.stderr).toMatch(/^error: .+\nhint: .+/)
    expect(text.stderr).not.toMatch(/looks like a bug/)
    expect(sameText, `the home changed\n${text.stderr}`).toBe(true)
    for (const out of [text.stdout, text.stderr]) expect(out).not.toContain(SECRET)
  })
})
