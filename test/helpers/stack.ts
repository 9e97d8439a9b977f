import type { JsonRpcProvider } from 'ethers'
import { afterAll, beforeAll, expect } from 'vitest'
import type { StackStatus } from '../../src/stack/status.js'
import { makeProvider } from './chain.js'
import { type CliRun, jsonOf, runCli, stackLogTail, tempHome } from './cli.js'

/**
 * The shared end-to-end harness: one local stack per test file, started with the built `ccip` as
 * a user starts it, on free ports (so files run in parallel), stopped and removed afterwards.
 * Typed helpers run commands against it and open its chains.
 */
export interface TestStack {
  readonly home: string
  /** `ccip local up --json` as it answered. */
  readonly status: StackStatus
  /** Run `ccip …` against this stack's home. */
  cli(args: string[], options?: { env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<CliRun>
  /** Run `ccip … --json`, expect exit 0 and parse stdout. */
  json<T>(...args: string[]): Promise<T>
  chain(name: string): StackStatus['chains'][number]
  /** An ethers provider on `name` (kept for the file; destroyed at the end). */
  provider(name: string): JsonRpcProvider
}

export interface StackOptions {
  /** Extra `local up` flags (e.g. `--chains 2`, `--instant`). */
  up?: string[]
  env?: NodeJS.ProcessEnv
}

/** Free-port search space: below 32768 (Linux's client ports) and apart from the fixed ports of older files. */
const PORT_RANGE = { from: 10_000, to: 18_000 }
const ATTEMPTS = 5

/** Register the file's stack: started in beforeAll, stopped and removed in afterAll. */
export function fileStack(name: string, options: StackOptions = {}): TestStack {
  const { home, cleanup } = tempHome(name)
  const providers = new Map<string, JsonRpcProvider>()
  let status: StackStatus | undefined
  const cli: TestStack['cli'] = (args, run = {}) =>
    runCli(args, {
      home,
      env: { ...options.env, ...run.env },
      ...(run.timeoutMs ? { timeoutMs: run.timeoutMs } : {}),
    })
  const stack: TestStack = {
    home,
    get status() {
      if (status === undefined) throw new Error('the stack is not up yet (use it inside tests or hooks)')
      return status
    },
    cli,
    async json<T>(...args: string[]) {
      const run = await cli([...args, '--json'])
      expect(run.code, `ccip ${args.join(' ')}: ${run.stderr}`).toBe(0)
      return jsonOf<T>(run)
    },
    chain(chainName) {
      const chain = stack.status.chains.find((c) => c.name === chainName)
      if (chain === undefined) throw new Error(`no chain ${chainName} in the stack`)
      return chain
    },
    provider(chainName) {
      let provider = providers.get(chainName)
      if (provider === undefined) {
        const chain = stack.chain(chainName)
        provider = makeProvider(chain.rpcUrl ?? '', chain.chainId)
        providers.set(chainName, provider)
      }
      return provider
    },
  }
  beforeAll(async () => {
    let last: CliRun | undefined
    for (let attempt = 0; attempt < ATTEMPTS && status === undefined; attempt++) {
      const portBase = PORT_RANGE.from + Math.floor(Math.random() * (PORT_RANGE.to - PORT_RANGE.from))
      last = await cli([
        'local',
        'up',
        '--detach',
        '--json',
        '--port-base',
        String(portBase),
        ...(options.up ?? []),
      ])
      if (last.code === 0) status = jsonOf<StackStatus>(last)
      else if (!last.stdout.includes('PORT_BUSY') && !last.stderr.includes('PORT_BUSY')) break
    }
    if (status === undefined) throw new Error(`local up failed (exit ${last?.code}):\n${last?.stderr}`)
  }, 240_000)
  afterAll(async () => {
    for (const provider of providers.values()) provider.destroy()
    const down = await cli(['local', 'reset'])
    if (down.code !== 0) console.error(`local reset failed: ${down.stderr}\n${stackLogTail(home, 'nodes')}`)
    cleanup()
  }, 120_000)
  return stack
}
