import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { forgetChainState } from '../context.js'
import { CcipError, ErrorCode, invalidArgument } from '../errors.js'
import { DEV_ADDRESSES } from '../profiles/dev-addresses.js'
import { FUNDED_DEV_ACCOUNTS } from '../profiles/dev-mnemonic-addresses.js'
import type { Deployment } from '../stack/deployment.js'
import { cacheDir } from '../stack/deployment-cache.js'
import { isCcipMode } from '../stack/lane-plan.js'
import type { Manifest } from '../stack/manifest.js'
import { type StackPaths, stackPaths } from '../stack/paths.js'
import { CcipClient } from './client.js'
import type { LocalChain, LocalStackOptions } from './types.js'

/**
 * A running local CCIP stack: its chains, and every action of CcipClient on them. Made by
 * startLocalStack; `await using stack = await startLocalStack()` stops it at the end of the scope.
 */
export class LocalStack extends CcipClient {
  private stopped = false

  constructor(
    readonly chains: readonly LocalChain[],
    private readonly paths: StackPaths,
    /** The temporary home to remove on stop (none when the caller chose the home). */
    private readonly ownHome: string | undefined,
    home: string,
  ) {
    super({ home })
  }

  protected override assertOpen(): void {
    if (this.stopped) {
      throw new CcipError(ErrorCode.StackNotRunning, 'this local stack was stopped', {
        hint: 'start another one: startLocalStack()',
      })
    }
  }

  /** A chain by name; throws NOT_FOUND naming the stack's chains. */
  chain(name: string): LocalChain {
    const chain = this.chains.find((c) => c.name === name)
    if (chain === undefined) {
      throw new CcipError(ErrorCode.NotFound, `the local stack has no chain '${name}'`, {
        hint: `its chains: ${this.chains.map((c) => c.name).join(', ')}`,
      })
    }
    return chain
  }

  /**
   * Remember the whole stack as it is now (every chain at one moment); resolves to an id for
   * revert(). Typically in `beforeEach`, with revert() in `afterEach`.
   */
  async snapshot(): Promise<string> {
    this.assertOpen()
    const { controlCall } = await import('../stack/control.js')
    return (await controlCall<{ id: string }>(this.paths, '/snapshot')).id
  }

  /**
   * Put every chain back to snapshot `id` and start the nodes afresh on it: what was sent since
   * is gone, on every chain. The snapshot stays usable (revert to it again); later ones are gone.
   */
  async revert(id: string): Promise<void> {
    this.assertOpen()
    const { controlCall } = await import('../stack/control.js')
    await controlCall(this.paths, `/revert/${encodeURIComponent(id)}`)
    // The chains went back: what was read of them since is no longer true.
    forgetChainState(this.ctx)
    const { forgetNonces } = await import('../chain/account-nonces.js')
    forgetNonces(this.ctx.accountLocks)
  }

  /**
   * Stop every process of the stack. With a home of your own the chains are saved first (the
   * next start resumes them); a temporary home is removed. Safe to call twice.
   */
  async stop(): Promise<void> {
    if (this.stopped) return
    this.stopped = true
    const { stopStack } = await import('../stack/stop.js')
    try {
      await stopStack(this.paths, { save: this.ownHome === undefined })
      const { forgetChain } = await import('../chain/chain-restarts.js')
      for (const chain of this.chains) forgetChain(chain.rpcUrl)
    } finally {
      if (this.ownHome !== undefined) rmSync(this.ownHome, { recursive: true, force: true })
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop()
  }
}

/** Ports below Linux's client-socket range (32768–60999) and above well-known services. */
const AUTO_PORTS = { from: 10_000, to: 18_000 } as const
const PORT_ATTEMPTS = 8

/**
 * Start a local CCIP stack (anvil chains with the production CCIP 1.6 contracts, the commit and
 * execution DON and the RMN) for a test suite. By default in its own temporary home on free
 * ports, so several test files may each start one at once.
 *
 * @example
 * await using stack = await startLocalStack()
 * const sent = await stack.send({ from: 'alpha', to: 'beta', data: '0x01' })
 * const final = await stack.waitFor(sent.messageId)  // final.state === 'SUCCESS'
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  checkOptions(options)
  const ownHome = options.home === undefined ? mkdtempSync(join(tmpdir(), 'ccipkit-')) : undefined
  const home = options.home ?? ownHome!
  const paths = stackPaths(home)
  const { startStack } = await import('../stack/start.js')
  try {
    for (let attempt = 1; ; attempt++) {
      const portBase = options.portBase ?? randomPortBase(options.chains ?? 3)
      try {
        const started = await startStack(home, paths, {
          ...(options.chains === undefined ? {} : { chains: options.chains }),
          ...(options.blockTime === undefined ? {} : { blockTime: options.blockTime }),
          instant: options.mining === 'instant',
          ...(options.ccip === undefined ? {} : { ccip: options.ccip }),
          ...(options.finalityDepth === undefined ? {} : { finalityDepth: options.finalityDepth }),
          ...(options.onStep === undefined ? {} : { onStep: options.onStep }),
          portBase,
          fresh: options.fresh === true,
          owner: { pid: process.pid, temporaryHome: ownHome !== undefined },
          nodeThreads: options.nodeThreads === true,
          ...(options.deploymentCache === false
            ? {}
            : { deploymentCache: options.deploymentCache ?? cacheDir() }),
        })
        return new LocalStack(localChains(started.manifest, started.deployment), paths, ownHome, home)
      } catch (error) {
        // Another process may take a port between our check and anvil's bind: try other ports.
        const busy = error instanceof CcipError && error.code === ErrorCode.PortBusy
        if (!busy || options.portBase !== undefined || attempt >= PORT_ATTEMPTS) throw error
      }
    }
  } catch (error) {
    if (ownHome !== undefined) rmSync(ownHome, { recursive: true, force: true })
    throw error
  }
}

function randomPortBase(chains: number): number {
  const span = AUTO_PORTS.to - AUTO_PORTS.from - chains
  return AUTO_PORTS.from + Math.floor(Math.random() * span)
}

function checkOptions(options: LocalStackOptions): void {
  const positive = (name: keyof LocalStackOptions, integer: boolean) => {
    const value = options[name]
    if (value === undefined) return
    if (typeof value !== 'number' || !(value >= 0) || (integer && !Number.isInteger(value))) {
      throw invalidArgument(
        `startLocalStack: ${name} must be a non-negative ${integer ? 'integer' : 'number'}, not ${String(value)}`,
        'see LocalStackOptions in the API reference',
      )
    }
  }
  if (options.mining !== undefined && options.mining !== 'interval' && options.mining !== 'instant') {
    throw invalidArgument(
      `startLocalStack: mining must be 'interval' or 'instant', not ${String(options.mining)}`,
      "e.g. { mining: 'instant' }",
    )
  }
  if (options.ccip !== undefined && !isCcipMode(options.ccip)) {
    throw invalidArgument(
      `startLocalStack: ccip must be '1.6', '2.0' or 'mixed', not ${String(options.ccip)}`,
      "e.g. { ccip: '2.0' }",
    )
  }
  positive('chains', true)
  positive('blockTime', false)
  positive('finalityDepth', true)
  positive('portBase', true)
}

function localChains(manifest: Manifest, deployment: Deployment): LocalChain[] {
  // The funded ones (anvil --accounts), checksummed as ethers and viem print them.
  const accounts = DEV_ADDRESSES.slice(0, FUNDED_DEV_ACCOUNTS)
  return manifest.chains.map((chain) => {
    const deployed = deployment.chains.find((d) => d.name === chain.name)!
    return {
      name: chain.name,
      chainId: chain.chainId,
      selector: BigInt(deployed.selector),
      rpcUrl: chain.rpcUrl,
      contracts: deployed.contracts,
      accounts,
    }
  })
}
