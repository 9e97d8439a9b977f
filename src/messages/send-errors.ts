import { formatUnits } from 'ethers'
import type { DecodedRevert } from '../chain/revert.js'
import { CcipError, ErrorCode, ExitCode } from '../errors.js'

/**
 * Turn a decoded `getFee` / `ccipSend` revert into one line saying what is wrong with this
 * message on this lane, plus a hint saying what to do. Pure: the caller gathers the context.
 */
export interface SendErrorContext {
  source: string
  dest: string
  /** The tokens being sent, to show rate-limit numbers in token units. */
  tokens: readonly { address: string; symbol: string; decimals: number; amount: bigint }[]
  gasLimit: bigint
  dataBytes: number
  /** The lane's FeeQuoter limits, when they could be read. */
  limits?: { maxDataBytes: number; maxPerMsgGasLimit: number; maxNumberOfTokensPerMsg: number }
}

const n = (v: unknown): bigint => BigInt(String(v))
const grouped = (v: bigint | number): string => BigInt(v).toLocaleString('en-US')

export function sendRevertError(revert: DecodedRevert, ctx: SendErrorContext): CcipError {
  const lane = `${ctx.source} → ${ctx.dest}`
  const [a0, a1, a2] = Object.values(revert.args)
  // The rate-limit errors name the token third; with one token sent it can only be that one.
  const token =
    ctx.tokens.find((t) => t.address.toLowerCase() === String(a2).toLowerCase()) ??
    (ctx.tokens.length === 1 ? ctx.tokens[0] : undefined)
  const units = (v: unknown) =>
    token === undefined ? String(v) : `${formatUnits(n(v), token.decimals)} ${token.symbol}`
  const fail = (code: ErrorCode, message: string, hint: string) =>
    new CcipError(code, `${message} (${revert.name})`, { hint, details: { revert: revert.text } })
  switch (revert.name) {
    case 'UnsupportedDestinationChain':
    case 'DestinationChainNotEnabled':
      return new CcipError(ErrorCode.NotFound, `No CCIP lane ${lane} (${revert.name})`, {
        hint: 'the source Router or FeeQuoter does not serve that destination; see `ccip lanes list`',
        exitCode: ExitCode.NotFound,
      })
    case 'CursedByRMN':
      return fail(
        ErrorCode.LaneCursed,
        `The lane ${lane} is cursed by the RMN`,
        'nothing can be sent while the curse holds; see `ccip rmn status` (an operator lifts it with `ccip rmn uncurse`)',
      )
    case 'BadARMSignal':
      return fail(
        ErrorCode.LaneCursed,
        `${ctx.source} is under a global RMN curse`,
        'the Router refuses every message while the chain is cursed; see `ccip rmn status`',
      )
    case 'UnsupportedToken':
    case 'TokenNotSupported':
      return fail(
        ErrorCode.UnsupportedToken,
        `Token ${String(a0)} cannot be sent on ${lane}`,
        'it has no token pool for this lane; use a token registered in the TokenAdminRegistry',
      )
    case 'FeeTokenNotSupported':
      return fail(
        ErrorCode.UnsupportedToken,
        `${String(a0)} is not a fee token on ${ctx.source}`,
        'pay with --fee-token native or --fee-token LINK',
      )
    case 'TokenMaxCapacityExceeded':
      return fail(
        ErrorCode.RateLimited,
        `Requested ${units(a1)} is above the outbound rate-limit capacity of ${units(a0)} on ${lane}`,
        `send at most ${units(a0)} per message, or raise the limit (\`ccip ratelimit set\`)`,
      )
    case 'TokenRateLimitReached':
      return fail(
        ErrorCode.RateLimited,
        `Outbound rate limit reached on ${lane}: ${units(a1)} available now, wait at least ${n(a0)} s`,
        `retry in ${n(a0)} s, send at most ${units(a1)} now, or see \`ccip ratelimit show\``,
      )
    case 'MessageTooLarge':
    case 'InvalidDataLength':
      return fail(
        ErrorCode.MessageLimit,
        `The data is ${grouped(n(a1))} bytes; the lane ${lane} allows at most ${grouped(n(a0))}`,
        `shorten --data to ${grouped(n(a0))} bytes or less (30,000 on CCIP EVM lanes)`,
      )
    case 'MessageGasLimitTooHigh': {
      const max = ctx.limits?.maxPerMsgGasLimit ?? 3_000_000
      return fail(
        ErrorCode.MessageLimit,
        `--gas-limit ${grouped(ctx.gasLimit)} is above the lane's maximum of ${grouped(max)}`,
        `use --gas-limit ${grouped(max)} or less`,
      )
    }
    case 'UnsupportedNumberOfTokens':
      return fail(
        ErrorCode.MessageLimit,
        `${n(a0)} tokens in one message; the lane ${lane} allows ${n(a1)}`,
        `split the tokens over messages of at most ${n(a1)} each`,
      )
    case 'ExtraArgOutOfOrderExecutionMustBeTrue':
      return fail(ErrorCode.Revert, `The lane ${lane} only takes out-of-order messages`, 'add --out-of-order')
    case 'StaleGasPrice':
      return fail(
        ErrorCode.Revert,
        `The FeeQuoter on ${ctx.source} has no fresh gas price for ${ctx.dest}`,
        'prices are pushed by the commit DON; on the local stack check `ccip local status`, elsewhere retry later',
      )
    case 'MessageFeeTooHigh':
      return fail(
        ErrorCode.MessageLimit,
        `The fee is above the lane's maximum per message`,
        'lower --gas-limit or the data size',
      )
    case 'SenderNotAllowed':
      return fail(ErrorCode.Revert, `The sender is not on the lane's allowlist`, 'ask the lane owner')
    case 'CannotSendZeroTokens':
      return fail(ErrorCode.Revert, 'The token amount is zero', 'send a positive amount')
    default:
      return fail(
        ErrorCode.Revert,
        `ccipSend on ${lane} would revert: ${revert.text}`,
        'nothing was sent; re-run with --verbose for details',
      )
  }
}

/** A revert whose data matched no known error (or had none). */
export function unknownRevertError(what: string, lane: string, cause: unknown, data?: string): CcipError {
  return new CcipError(
    ErrorCode.Revert,
    `${what} on ${lane} reverted${data ? ` with ${data.slice(0, 10)}…` : ''}`,
    {
      hint: 'nothing was sent; re-run with --verbose for the node error',
      cause,
    },
  )
}
