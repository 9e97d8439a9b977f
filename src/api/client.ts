import type { SignerLike } from '../chain/signers.js'
import { type CcipContext, createContext } from '../context.js'
import { CcipError, ErrorCode, usageError } from '../errors.js'
import type { HistoryOptions } from '../history/history.js'
import type { HistoryFilter, HistoryMessage } from '../history/types.js'
import { ccipHome } from '../home.js'
import type { FeeQuoteDetails } from '../messages/fee.js'
import type { SendResult } from '../messages/send.js'
import type { MessageStatusResult, StatusOptions } from '../messages/status.js'
import type { LocalStackState, Overview, OverviewOptions } from '../operator/dashboard.js'
import type { Lane } from '../operator/lanes.js'
import type { ResolveSignerOptions } from '../profiles/wallet.js'
import { addressProblem } from '../protocol/address.js'
import type { StatsReport } from '../stats/types.js'
import type { Erc20Info } from '../tokens/erc20-info.js'
import { type CurseRequest, curseOrUncurse, type RateLimitRequest, setRateLimit } from './operator-actions.js'
import { internalRequest } from './request.js'
import {
  deployToken,
  planSetup,
  setupToken,
  type TokenDeployRequest,
  type TokenSetupRequest,
} from './token-actions.js'
import type { SendRequest, WaitOptions } from './types.js'

export interface ClientOptions {
  /** Where the chain profiles live (`ccip chains …`). Default: $CCIPKIT_HOME, else ~/.ccip. */
  home?: string
  /** A keystore to sign with; its password is asked for by `password` (never read from argv or a file). */
  keystore?: { path: string; password: () => Promise<string> }
  /** The signer for every action that sends (an ethers Signer, a viem account or WalletClient). */
  signer?: SignerLike
  /**
   * Leave the home's local stack out: only real networks' profiles are read (e.g. while the stack
   * is stopped); naming one of its chains is STACK_NOT_RUNNING.
   */
  skipLocal?: boolean
}

/**
 * The actions of `ccip` as functions returning data, over a set of chain profiles: the local
 * stack's (startLocalStack gives one) or real networks' (`ccip chains add`). Every failure is a
 * CcipError with a stable code and a hint, exactly as the CLI reports it.
 */
export class CcipClient {
  /** Profiles, chains and what this client found out (sends, commits, block times): its own, never shared. */
  protected readonly ctx: CcipContext

  constructor(private readonly options: ClientOptions = {}) {
    this.ctx = createContext(options.home ?? ccipHome(), { skipLocal: options.skipLocal === true })
  }

  /** Where this client's chain profiles live. */
  get home(): string {
    return this.ctx.home
  }

  /** Send a message; resolves once the send is mined, with its messageId. */
  async send(request: SendRequest): Promise<SendResult> {
    this.assertOpen()
    const { sendMessage } = await import('../messages/send.js')
    const { source, dest } = await this.endpoints(request)
    return sendMessage({
      source,
      dest,
      request: internalRequest(request),
      signer: this.signer(request),
      accountLocks: this.ctx.accountLocks,
    })
  }

  /** The fee `send` would pay for the same request. */
  async fee(request: SendRequest): Promise<FeeQuoteDetails> {
    this.assertOpen()
    const { getFeeQuote } = await import('../messages/fee.js')
    const { source, dest } = await this.endpoints(request)
    return getFeeQuote({
      source,
      dest,
      request: internalRequest(request),
      signer: this.signer(request),
    })
  }

  /** Where a message is now: every phase reached, with its transaction; state UNKNOWN when not found. */
  async status(messageId: string, where: StatusOptions = {}): Promise<MessageStatusResult> {
    this.assertOpen()
    const { getMessageStatus } = await import('../messages/status.js')
    return getMessageStatus(this.ctx, messageId, where)
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

  /**
   * Every message on the lanes between the profiles (`ccip stats` and the explorer read it), newest
   * first: state, sender, fee, tokens and the transactions and times of its phases. Filter by lane,
   * time window (unix seconds), sender or state; `verify` asks 2.0 lanes' indexers which
   * unexecuted messages are VERIFIED. Local chains are read from their first block, real networks
   * from `since` (default: the last 24 hours); a second call reads only blocks mined since.
   */
  async messageHistory(options: HistoryOptions & { limit?: number } = {}): Promise<HistoryMessage[]> {
    this.assertOpen()
    const { messageHistory } = await import('../history/history.js')
    return messageHistory(this.ctx, options)
  }

  /** `ccip stats`: per lane and in total, outcomes, token volume, fees, latency, failures and pool holdings. */
  async stats(filter: HistoryFilter = {}): Promise<StatsReport> {
    this.assertOpen()
    const { laneStats } = await import('../stats/stats.js')
    return laneStats(this.ctx, filter)
  }

  /**
   * A token's symbol and decimals on one of the profiles' chains (to show an amount in whole
   * tokens); null when the contract does not answer both.
   */
  async tokenInfo(chain: string, token: string): Promise<Erc20Info | null> {
    this.assertOpen()
    const problem = addressProblem(token)
    if (problem !== undefined)
      throw usageError(`token ${token}: ${problem}`, 'give the token contract address')
    const profile = (await this.ctx.profiles()).require(chain)
    const [{ chainOf }, { erc20Info }] = await Promise.all([
      import('../chain/profile-chain.js'),
      import('../tokens/erc20-info.js'),
    ])
    return (await erc20Info(chainOf(profile, this.ctx.chains), token)) ?? null
  }

  /** Every lane between the profiles, with its state, curses, sequence numbers and rate limits. */
  async lanes(filter: { from?: string; to?: string } = {}): Promise<Lane[]> {
    this.assertOpen()
    const { listLanes } = await import('../operator/lanes.js')
    const { profiles } = await this.ctx.profiles()
    return listLanes({ profiles, ...filter })
  }

  /**
   * Everything an operator watches, in one read (`ccip watch` and the explorer show it): chains
   * and heights, lanes with curses and rate limits, who cursed what and why, and, when the
   * profiles are the local stack's, its nodes' health. Works on any profile set; a stopped local
   * stack is said so (`localStack: 'stopped'`) and a chain that does not answer is listed.
   */
  async overview(options: OverviewOptions = {}): Promise<Overview> {
    this.assertOpen()
    const { overview } = await import('../operator/dashboard.js')
    return overview(this.ctx, options)
  }

  /**
   * The local stack of these profiles: 'running', 'stopped' (its profiles remain; its chains do
   * not answer) or 'none' (no local profiles). Reads files only: instant.
   */
  async localStack(): Promise<LocalStackState> {
    const { localStackState } = await import('../operator/dashboard.js')
    return localStackState(this.ctx)
  }

  /**
   * Execute a message by hand on its destination (after a FAILURE, or past the permissionless
   * threshold), with a proof rebuilt from the source; `gasLimit` raises the receiver's gas.
   */
  async manualExec(
    messageId: string,
    options: { gasLimit?: bigint; account?: number; signer?: SignerLike; indexers?: readonly string[] } = {},
  ) {
    this.assertOpen()
    const { manuallyExecute } = await import('../messages/manual-exec.js')
    const result = await manuallyExecute({
      ctx: this.ctx,
      messageId,
      ...(options.gasLimit === undefined ? {} : { gasLimit: options.gasLimit }),
      ...(options.indexers === undefined ? {} : { indexers: options.indexers }),
      signer: this.signer(options),
    })
    this.ctx.memos.clear()
    return result
  }

  /** Set a token pool's rate limit (the pool owner signs: dev account 0 on the local stack). */
  async setRateLimit(request: RateLimitRequest) {
    this.assertOpen()
    return setRateLimit(this.ctx, request, this.signer({}))
  }

  /**
   * Deploy your own burn/mint ERC-20 on each of `chains` (`ccip token deploy`); resolves with each
   * chain's address and transaction. The signer owns the contracts.
   */
  async deployToken(request: TokenDeployRequest) {
    this.assertOpen()
    return deployToken(this.ctx, request, this.signer(request))
  }

  /**
   * Make a token cross-chain (`ccip token setup`, or one step of it with `steps`): pools,
   * registration, mint/burn rights, remote chains with limits, liquidity. Sends only what is
   * missing: calling it again after a failure finishes the rest.
   */
  async setupToken(request: TokenSetupRequest) {
    this.assertOpen()
    return setupToken(this.ctx, request, this.signer(request))
  }

  /** What setupToken would send, without sending: each chain's token and pool, every transaction. */
  async planTokenSetup(request: TokenSetupRequest) {
    this.assertOpen()
    return (await planSetup(this.ctx, request, this.signer(request))).plan
  }

  /** The token on each chain (`ccip token show`): token, registry entry, pool, remotes, limits. */
  async showToken(token: string, options: { chains?: readonly string[] } = {}) {
    this.assertOpen()
    const { showToken } = await import('../tokens/show.js')
    return showToken(this.ctx, token, options.chains?.join(','))
  }

  /** The doctor (`ccip token check`): every finding with its severity, what breaks and the fix. */
  async checkToken(token: string, options: { chains?: readonly string[] } = {}) {
    this.assertOpen()
    const { checkTokenSetup } = await import('../tokens/show.js')
    return checkTokenSetup(this.ctx, token, options.chains?.join(','))
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
    this.assertOpen()
    return curseOrUncurse(this.ctx, action, request, this.signer({}))
  }

  /** Throws when the client can no longer act (a stopped local stack says so). */
  protected assertOpen(): void {}

  private async endpoints(request: SendRequest) {
    if (typeof request.from !== 'string' || typeof request.to !== 'string') {
      throw usageError('a request names its chains: { from, to }', "e.g. { from: 'alpha', to: 'beta' }")
    }
    const { resolveEndpoints } = await import('../messages/fee.js')
    return resolveEndpoints(this.ctx, request.from, request.to)
  }

  /** Signing options as the CLI builds them, minus the process environment: an API caller passes keys explicitly. */
  private signer(who: { account?: number; signer?: SignerLike }): ResolveSignerOptions {
    const keystore = this.options.keystore
    const signer = who.signer ?? (who.account === undefined ? this.options.signer : undefined)
    return {
      env: {},
      ...(who.account === undefined ? {} : { account: who.account }),
      ...(signer === undefined ? {} : { signer }),
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
