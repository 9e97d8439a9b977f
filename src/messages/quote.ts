import { Contract, isError, type JsonRpcProvider } from 'ethers'
import { ccipAbi } from '../chain/artifacts.js'
import { type ChainHandle, onRampFor } from '../chain/connect.js'
import { chainOf } from '../chain/profile-chain.js'
import { chainProvider } from '../chain/provider.js'
import { decodeRevert, revertData } from '../chain/revert.js'
import { CcipError, ErrorCode, ExitCode, usageError } from '../errors.js'
import type { Profile } from '../profiles/profile.js'
import { checkLaneOptions } from './lane-options.js'
import {
  buildMessage,
  byteLength,
  defaultGasLimit,
  type FeeTokenArg,
  parseAmount,
  type RouterMessage,
  type TokenArg,
  type V3Options,
} from './message-args.js'
import { type SendErrorContext, sendRevertError, unknownRevertError } from './send-errors.js'
import {
  type FeeTokenInfo,
  type LaneContracts,
  laneContracts,
  resolveFeeToken,
  resolveToken,
  type TokenInfo,
} from './tokens.js'

/** What `ccip send` and `ccip fee` are asked for, parsed but not yet resolved on chain. */
export interface MessageRequest {
  receiver?: string
  /** 0x-hex bytes ('0x' for none). */
  data: string
  /** Tokens to transfer, in message order (several per message, as CCIP allows). */
  tokens: readonly TokenArg[]
  feeToken: FeeTokenArg
  gasLimit?: bigint
  /** 1.6 lanes only: allowOutOfOrderExecution (2.0 lanes are always unordered). */
  outOfOrder: boolean
  /** 2.0 lanes only: finality, CCVs and executor (extraArgs V3). */
  v3?: V3Options
}

/**
 * The destination as a send needs it: its selector, and a provider only to see whether the
 * receiver is a contract. Unlike a ChainHandle it needs no Router in the profile.
 */
export interface DestHandle {
  profile: Profile
  provider: JsonRpcProvider
  selector: bigint
}

export function openDest(profile: Profile): DestHandle {
  return {
    profile,
    provider: chainProvider(chainOf(profile), profile.chainId),
    selector: BigInt(profile.selector),
  }
}

/** A message resolved against the live source chain, with its fee quoted by the Router. */
export interface QuotedMessage {
  sourceChain: string
  destChain: string
  destSelector: bigint
  router: string
  lane: LaneContracts
  receiver: string
  tokens: (TokenInfo & { amount: bigint })[]
  feeToken: FeeTokenInfo
  gasLimit: bigint
  message: RouterMessage
  fee: bigint
  /** For turning a later revert (the ccipSend simulation) into a message with a hint. */
  errorContext: SendErrorContext
}

/**
 * Resolve symbols and the fee token on the source chain, pick the gas limit, build the message and
 * quote it with Router.getFee. A getFee revert (curse, no lane, size or gas limits) becomes a
 * CcipError naming the CCIP error, with a hint.
 *
 * @example
 * const quote = await quoteMessage(alpha, beta, { data: '0x', feeToken: { kind: 'native' }, outOfOrder: false }, me)
 */
export async function quoteMessage(
  source: ChainHandle,
  dest: DestHandle,
  request: MessageRequest,
  sender: string | undefined,
): Promise<QuotedMessage> {
  const [sourceChain, destChain] = [source.profile.name, dest.profile.name]
  if (source.selector === dest.selector) {
    throw usageError(`--from and --to are the same chain (${sourceChain})`, 'CCIP sends between two chains')
  }
  const onRamp = await onRampFor(source, dest.selector, destChain)
  const version = checkLaneOptions(
    (await source.chain.laneVersion(dest.selector))?.ccip,
    request,
    `${sourceChain} → ${destChain}`,
  )
  const lane = await laneContracts(source.provider, onRamp, version)
  const tokens: QuotedMessage['tokens'] = []
  for (const arg of request.tokens) {
    const info = await resolveToken(source, lane, arg, sourceChain)
    const amount =
      typeof arg.amount === 'bigint' ? arg.amount : parseAmount(arg.amount, info.decimals, info.symbol)
    if (tokens.some((t) => t.address === info.address)) {
      throw usageError(
        `${info.symbol} appears twice in one message`,
        'name each token once, with the sum of the amounts',
      )
    }
    tokens.push({ ...info, amount })
  }
  const feeToken = await resolveFeeToken(source.provider, lane, request.feeToken)
  const receiver = request.receiver ?? sender
  if (receiver === undefined) {
    throw usageError('No receiver', 'pass --receiver 0xADDRESS (it defaults to your own address)')
  }
  const hasData = byteLength(request.data) > 0
  const gasLimit =
    request.gasLimit ?? defaultGasLimit(hasData, !hasData && (await isContract(dest, receiver)))
  const message = buildMessage({
    receiver,
    data: request.data,
    tokens,
    feeToken: feeToken.address,
    gasLimit,
    version,
    outOfOrder: request.outOfOrder,
    ...(request.v3 === undefined ? {} : { v3: request.v3 }),
  })
  const limits = await laneLimits(source, lane, dest.selector)
  const errorContext: SendErrorContext = {
    source: sourceChain,
    dest: destChain,
    tokens,
    gasLimit,
    dataBytes: byteLength(request.data),
    ...(limits === undefined ? {} : { limits }),
  }
  const router = new Contract(source.router, ccipAbi('router'), source.provider)
  let fee: bigint
  try {
    fee = BigInt(await router.getFunction('getFee')(dest.selector, message))
  } catch (error) {
    throw revertToError(error, 'Router.getFee', errorContext)
  }
  return {
    sourceChain,
    destChain,
    destSelector: dest.selector,
    router: source.router,
    lane,
    receiver,
    tokens,
    feeToken,
    gasLimit,
    message,
    fee,
    errorContext,
  }
}

/** A CALL_EXCEPTION from getFee/ccipSend as a CcipError; anything else (network…) passes through. */
export function revertToError(error: unknown, what: string, ctx: SendErrorContext): unknown {
  if (!isError(error, 'CALL_EXCEPTION')) return error
  return revertDataToError(revertData(error), what, ctx, error)
}

/** Revert data (from eth_call or eth_simulateV1) as a CcipError naming the CCIP error. */
export function revertDataToError(
  data: string | undefined,
  what: string,
  ctx: SendErrorContext,
  cause: unknown,
): CcipError {
  const decoded = decodeRevert(data)
  return decoded === undefined
    ? unknownRevertError(what, `${ctx.source} → ${ctx.dest}`, cause, data)
    : sendRevertError(decoded, ctx)
}

/**
 * Whether the receiver has code on the destination. Read only for messages without data (it
 * decides between gas limit 0 and 200,000); an unreachable destination counts as a contract,
 * the safe side.
 */
async function isContract(dest: DestHandle, address: string): Promise<boolean> {
  try {
    return (await dest.provider.getCode(address)) !== '0x'
  } catch {
    return true
  }
}

async function laneLimits(
  source: ChainHandle,
  lane: LaneContracts,
  destSelector: bigint,
): Promise<SendErrorContext['limits']> {
  try {
    const v2 = lane.version === '2.0'
    const quoter = new Contract(lane.feeQuoter, ccipAbi(v2 ? 'feeQuoterV2' : 'feeQuoter'), source.provider)
    // CAST: the FeeQuoter's DestChainConfig, read by field name (2.0 has no token count: one per message).
    const config = (await quoter.getFunction('getDestChainConfig')(destSelector)) as {
      maxDataBytes: bigint
      maxPerMsgGasLimit: bigint
      maxNumberOfTokensPerMsg?: bigint
    }
    return {
      maxDataBytes: Number(config.maxDataBytes),
      maxPerMsgGasLimit: Number(config.maxPerMsgGasLimit),
      maxNumberOfTokensPerMsg: v2 ? 1 : Number(config.maxNumberOfTokensPerMsg),
    }
  } catch {
    return undefined // only used to word error hints
  }
}

export const insufficientBalance = (what: string, chain: string, need: string, have: string): CcipError =>
  new CcipError(ErrorCode.InsufficientBalance, `Not enough ${what} on ${chain}: need ${need}, have ${have}`, {
    hint: `top up the sender (on the local stack: ccip faucet --chain ${chain}) or send less`,
    exitCode: ExitCode.Failed,
  })
