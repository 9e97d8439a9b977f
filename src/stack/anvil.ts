import { type ChildProcess, spawn } from 'node:child_process'
import { closeSync, openSync } from 'node:fs'
import { createRequire } from 'node:module'
import { rpcCall } from '../chain/rpc.js'
import { CcipError, ErrorCode } from '../errors.js'
import { FUNDED_DEV_ACCOUNTS } from '../profiles/dev-mnemonic-addresses.js'
import { sleep } from '../time.js'
import { childEnv } from './child-env.js'

/** npm ships anvil per platform as an optional dependency; we spawn the binary, not its wrapper. */
const PLATFORM_PACKAGES: Record<string, string> = {
  'linux-x64': '@foundry-rs/anvil-linux-amd64/bin/anvil',
  'linux-arm64': '@foundry-rs/anvil-linux-arm64/bin/anvil',
  'darwin-x64': '@foundry-rs/anvil-darwin-amd64/bin/anvil',
  'darwin-arm64': '@foundry-rs/anvil-darwin-arm64/bin/anvil',
  'win32-x64': '@foundry-rs/anvil-win32-amd64/bin/anvil.exe',
}

export function anvilBinary(): string {
  const key = `${process.platform}-${process.arch}`
  const entry = PLATFORM_PACKAGES[key]
  if (entry === undefined) {
    throw new CcipError(ErrorCode.AnvilFailed, `No anvil build for ${key}`, {
      hint: 'the local stack runs on linux and macOS (x64, arm64) and windows x64',
    })
  }
  try {
    return createRequire(import.meta.url).resolve(entry)
  } catch (cause) {
    throw new CcipError(ErrorCode.AnvilFailed, `anvil binary not installed (${entry})`, {
      hint: 'reinstall with `npm ci` and do not omit optional dependencies',
      cause,
    })
  }
}

export interface AnvilOptions {
  chainId: number
  port: number
  /**
   * How blocks come: 'auto' one per transaction (deploying), 'manual' only on evm_mine (the
   * stack's chains: the node process mines them, see nodes/miner.ts), or every `blockTime` s.
   */
  mining: 'auto' | 'manual' | { blockTime: number }
  /** Bounded history (the stack's chains): see DEFAULTS.keepBlocks and keptStates. */
  history?: { keepBlocks: number; keptStates: number }
  /** Chain state to start from (a file written by `anvil_dumpState`, un-gzipped). */
  loadState?: string
  /** Where anvil's own stdout/stderr go. */
  logFile: string
  /** Keep running after this CLI process exits (own process group, no inherited stdio). */
  detached: boolean
  /** The CCIPKIT_HOME whose stack this chain belongs to (tags the process, see childEnv). */
  home?: string
  /** Called as soon as the process exists, before it answers: a caller that dies meanwhile can still stop it. */
  onSpawn?: (pid: number) => void
}

export interface AnvilProcess {
  readonly pid: number
  readonly rpcUrl: string
  readonly child: ChildProcess
}

/**
 * anvil's allocator (jemalloc, configured through this variable) keeps freed pages for reuse
 * until more allocations come by; every cut makes anvil build a dump of tens of MB and free it.
 * Returning free pages after 1 s from a background thread: an anvil after three dumps held 64 MiB
 * instead of 90 (measured on anvil 1.7.1), so chains reach their memory budget (settings.ts)
 * less often.
 */
const ALLOCATOR = 'background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:0'

/** The part of anvil's command line that identifies one of our chains (see isOurProcess). */
export const anvilMarker = (port: number, chainId: number): string => `--port ${port} --chain-id ${chainId}`

export function anvilArgs(opts: AnvilOptions): string[] {
  const args = ['--host', '127.0.0.1', '--port', String(opts.port), '--chain-id', String(opts.chainId)]
  // The CCIP bytecode fits EIP-170, but the receivers users deploy while iterating may not.
  args.push('--disable-code-size-limit', '--accounts', String(FUNDED_DEV_ACCOUNTS), '--balance', '10000')
  if (opts.mining === 'manual') args.push('--no-mining')
  else if (opts.mining !== 'auto') args.push('--block-time', String(opts.mining.blockTime))
  if (opts.history !== undefined) {
    args.push('--transaction-block-keeper', String(opts.history.keepBlocks))
    args.push('--prune-history', String(opts.history.keptStates))
  }
  if (opts.loadState !== undefined) args.push('--load-state', opts.loadState)
  return args
}

/** Spawn anvil and wait until it answers eth_chainId; fails with anvil's own words if it dies. */
export async function startAnvil(opts: AnvilOptions, timeoutMs = 15_000): Promise<AnvilProcess> {
  const log = openSync(opts.logFile, 'a')
  const child = spawn(anvilBinary(), anvilArgs(opts), {
    detached: opts.detached,
    stdio: ['ignore', log, log],
    // Never the caller's secrets: see childEnv.
    env: { ...childEnv(opts.home), _RJEM_MALLOC_CONF: ALLOCATOR },
  })
  closeSync(log)
  if (child.pid !== undefined) opts.onSpawn?.(child.pid)
  if (opts.detached) child.unref()
  let exited: string | undefined
  child.once('exit', (code, signal) => {
    exited = `anvil exited (${signal ?? `code ${code}`}); see ${opts.logFile}`
  })
  child.once('error', (error) => {
    exited = `anvil could not start: ${error.message}`
  })
  const rpcUrl = `http://127.0.0.1:${opts.port}`
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (exited !== undefined) throw new CcipError(ErrorCode.AnvilFailed, exited)
    try {
      const id = await rpcCall<string>(rpcUrl, 'eth_chainId', [], 500)
      if (Number(id) === opts.chainId) break
      throw new CcipError(ErrorCode.PortBusy, `port ${opts.port} answers as chain ${Number(id)}`, {
        hint: 'another node holds the port; choose other ports with --port-base',
      })
    } catch (error) {
      if (error instanceof CcipError) throw error
      if (Date.now() > deadline) {
        child.kill('SIGKILL')
        throw new CcipError(ErrorCode.AnvilFailed, `anvil on port ${opts.port} did not answer in time`, {
          hint: `see ${opts.logFile}`,
        })
      }
      await sleep(15)
    }
  }
  if (child.pid === undefined) throw new CcipError(ErrorCode.AnvilFailed, 'anvil started without a pid')
  return { pid: child.pid, rpcUrl, child }
}
