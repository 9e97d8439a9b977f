import { join } from 'node:path'
import { CcipError, ErrorCode, invalidArgument, usageError } from '../errors.js'
import { ccipHome } from '../home.js'
import type { ReaderPool } from '../messages/chain-reader.js'
import type { FeeQuoteDetails } from '../messages/fee.js'
import type { LocateOptions } from '../messages/find.js'
import type { SendResult } from '../messages/send.js'
import type { MessageMemos, MessageStatusResult } from '../messages/status.js'
import type { Lane } from '../operator/lanes.js'
import type { ResolveSignerOptions } from '../profiles/wallet.js'
import { internalRequest } from './request.js'
import type { SendRequest, WaitOptions } from './types.js'

export interface ClientOptions {
  /** Where the chain profiles live (`ccip chains …`). Default: $CCIPKIT_HOME, else ~/.ccip. */
  home?: string
  /** A keystore to sign with; its password is asked for by `password` (never read from argv or a file). */
  keystore?: { path: string; password: () => Promise<string> }
}

/** Which chains an RMN curse names (`subjects`, or the global subject) and where it is set (`on`). */
export interface CurseRequest {
  /** The remote chains whose lanes stop; omit with `global`. */
  subjects?: readonly string[]
  global?: boolean
  /** The chains whose RMNRemote takes the call. */
  on: readonly string[]
  reason?: string
}

/** A pool's rate limit toward (outbound) or from (inbound) one remote chain. */
export interface RateLimitRequest {
  chain: string
  remote: string
  /** The token's symbol or address. */
  token: string
  direction: 'outbound' | 'inbound'
  /** In the token's smallest unit: tokens the bucket holds, and tokens it refills per second (rate ≤ capacity). */
  capacity?: bigint
  rate?: bigint
  /** Switch the limit off (then no capacity or rate). */
  disable?: boolean
}

/**
 * The actions of `ccip` as functions returning data, over a set of chain profiles: the local
 * stack's (startLocalStack gives one) or real networks' (`ccip chains add`). Every failure is a
 * CcipError with a stable code and a hint, exactly as the CLI reports it.
 */
export class CcipClient {
  readonly home: string
  /** What this client found out about messages and chains (sends, commits, block times): its own, never shared. */
  protected readonly cache: { memos: MessageMemos; readers: ReaderPool } = {
    memos: new Map(),
    readers: new Map(),
  }
  /** Shared with every `ccip` command on the same home: parallel sends from one account take turns. */
  protected readonly accountLocks: string

  constructor(private readonly options: ClientOptions = {}) {
    this.home = options.home ?? ccipHome()
    this.accountLocks = join(this.home, 'locks')
  }

  /** Send a message; resolves once the send is mined, with its messageId. */
  async send(request: SendRequest): Promise<SendResult> {
    const { sendMessage } = await import('../messages/send.js')
    const { source, dest } = await this.endpoints(request)
    return sendMessage({
      source,
      dest,
      request: internalRequest(request),
      signer: this.signer(request.account),
      accountLocks: this.accountLocks,
    })
  }

  /** The fee `send` would pay for the same request. */
  async fee(request: SendRequest): Promise<FeeQuoteDetails> {
    const { getFeeQuote } = await import('../messages/fee.js')
    const { source, dest } = await this.endpoints(request)
    return getFeeQuote({
      source,
      dest,
      request: internalRequest(request),
      signer: this.signer(request.account),
    })
  }

  /** Where a message is now: every phase reached, with its transaction; state UNKNOWN when not found. */
  async status(messageId: string, where: LocateOptions = {}): Promise<MessageStatusResult> {
    const { getMessageStatus } = await import('../messages/status.js')
    return getMessageStatus(this.home, messageId, { ...where, ...this.cache })
  }

  /**
   * The message's final status (SUCCESS or FAILURE). Rejects with TIMEOUT, naming the state the
   * message is stuck in, when it does not get there in time.
   */
  async waitFor(messageId: string, options: WaitOptions = {}): Promise<MessageStatusResult> {
    const { waitForFinalState } = await import('../messages/wait.js')
    const timeoutMs = options.timeout ?? 60_000
    const { status, timedOut } = await waitForFinalState(() => this.status(messageId), {
      timeoutMs,
      pollMs: 25,
      ...(options.onState === undefined ? {} : { onState: options.onState }),
    })
    if (timedOut) {
      throw new CcipError(
        ErrorCode.Timeout,
        `message ${messageId} is still ${status.state} after ${timeoutMs / 1000} s`,
        {
          hint: stuckHint(status),
          details: { messageId, state: status.state, phases: status.phases.map((p) => p.state) },
        },
      )
    }
    return status
  }

  /** Every lane between the profiles, with its state, curses, sequence numbers and rate limits. */
  async lanes(filter: { from?: string; to?: string } = {}): Promise<Lane[]> {
    const [{ listLanes }, { readProfiles }] = await Promise.all([
      import('../operator/lanes.js'),
      import('../profiles/read.js'),
    ])
    const { profiles } = await readProfiles(this.home)
    return listLanes({ profiles, ...filter })
  }

  /**
   * Execute a message by hand on its destination (after a FAILURE, or past the permissionless
   * threshold), with a proof rebuilt from the source; `gasLimit` raises the receiver's gas.
   */
  async manualExec(messageId: string, options: { gasLimit?: bigint; account?: number } = {}) {
    const { manuallyExecute } = await import('../messages/manual-exec.js')
    const result = await manuallyExecute({
      home: this.home,
      messageId,
      ...(options.gasLimit === undefined ? {} : { gasLimit: options.gasLimit }),
      signer: this.signer(options.account),
    })
    this.cache.memos.clear()
    return result
  }

  /** Set a token pool's rate limit (the pool owner signs: dev account 0 on the local stack). */
  async setRateLimit(request: RateLimitRequest) {
    const [{ parseLimitChange }, rl, { readProfiles }] = await Promise.all([
      import('../operator/ratelimit-config.js'),
      import('../operator/ratelimit-set.js'),
      import('../profiles/read.js'),
    ])
    const amount = (name: string, value: bigint | undefined) => {
      if (value !== undefined && (typeof value !== 'bigint' || value < 0n)) {
        throw invalidArgument(
          `setRateLimit: ${name} must be a non-negative bigint, not ${String(value)}`,
          "amounts are in the token's smallest unit, e.g. 10n ** 18n",
        )
      }
      return value === undefined ? undefined : String(value)
    }
    const capacity = amount('capacity', request.capacity)
    const rate = amount('rate', request.rate)
    const change = parseLimitChange({
      outbound: request.direction === 'outbound',
      inbound: request.direction === 'inbound',
      ...(capacity === undefined ? {} : { capacity }),
      ...(rate === undefined ? {} : { rate }),
      disable: request.disable === true,
    })
    const profiles = await readProfiles(this.home)
    const chain = profiles.require(request.chain)
    const remote = { name: request.remote, selector: BigInt(profiles.require(request.remote).selector) }
    const plan = await rl.planRateLimitSet({
      chain,
      remote,
      token: request.token,
      change: change.disable ? change : { ...change, smallestUnit: true },
    })
    return rl.executeRateLimitSet(chain, plan, this.signer(undefined), async () => undefined)
  }

  /** Curse lanes (RMNRemote.curse on each `on` chain); resolves with one transaction per chain. */
  curse(request: CurseRequest) {
    return this.curseCall('curse', request)
  }

  /** Lift a curse; messages held by it then complete. */
  uncurse(request: CurseRequest) {
    return this.curseCall('uncurse', request)
  }

  private async curseCall(action: 'curse' | 'uncurse', request: CurseRequest) {
    const [plan, { readProfiles }] = await Promise.all([
      import('../operator/curse-plan.js'),
      import('../profiles/read.js'),
    ])
    const store = await readProfiles(this.home)
    const curse = {
      action,
      subjects: (request.subjects ?? []).map((name) => store.require(name)),
      global: request.global === true,
      on: request.on.map((name) => store.require(name)),
      reason: request.reason ?? 'operator',
    }
    plan.validateCurseRequest(curse)
    return plan.executeCurse(curse, await plan.planCurse(curse), this.signer(undefined))
  }

  private async endpoints(request: SendRequest) {
    if (typeof request.from !== 'string' || typeof request.to !== 'string') {
      throw usageError('a request names its chains: { from, to }', "e.g. { from: 'alpha', to: 'beta' }")
    }
    const { resolveEndpoints } = await import('../messages/fee.js')
    return resolveEndpoints(this.home, request.from, request.to)
  }

  /** Signing options as the CLI builds them, minus the process environment: an API caller passes keys explicitly. */
  private signer(account: number | undefined): ResolveSignerOptions {
    const keystore = this.options.keystore
    return {
      env: {},
      ...(account === undefined ? {} : { account }),
      ...(keystore === undefined ? {} : { keystore: keystore.path, passwordPrompt: keystore.password }),
    }
  }
}

/** Where to look when a message does not get on. */
function stuckHint(status: MessageStatusResult): string {
  switch (status.state) {
    case 'UNKNOWN':
      return 'no chain has this message: check the id, and that the send was mined'
    case 'SENT':
      return 'the source block is not final yet: are the source chain and the stack still running?'
    case 'SOURCE_FINALIZED':
      return 'no commit covers it yet: is the lane cursed (lanes()), or are the nodes down?'
    case 'COMMITTED':
      return 'the commit is not blessed yet: is the lane cursed, or the RMN down?'
    default:
      return 'not executed yet: a rate limit, a curse, or out-of-order nonces can hold it; see lanes()'
  }
}

/** A client over the chain profiles in `home` (default: $CCIPKIT_HOME, else ~/.ccip). */
export function createClient(options: ClientOptions = {}): CcipClient {
  return new CcipClient(options)
}
