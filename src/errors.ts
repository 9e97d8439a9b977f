/**
 * The one error type of ccipkit. Every failure a user can cause or meet is a CcipError with a
 * stable code, a one-line message, a hint saying what to do, and the documented exit code.
 * Deliberately free of heavy imports: bin/ loads it before any command runs.
 */

export const ExitCode = {
  Ok: 0,
  Failed: 1,
  Usage: 2,
  NotFound: 3,
  MessageFailed: 4,
  Aborted: 130,
} as const
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

export const ErrorCode = {
  Usage: 'USAGE',
  InvalidArgument: 'INVALID_ARGUMENT',
  NotFound: 'NOT_FOUND',
  ProfileExists: 'PROFILE_EXISTS',
  ProfileNotFound: 'PROFILE_NOT_FOUND',
  ProfileStore: 'PROFILE_STORE',
  UnknownChainId: 'UNKNOWN_CHAIN_ID',
  RpcUnreachable: 'RPC_UNREACHABLE',
  NotARouter: 'NOT_A_ROUTER',
  Wallet: 'WALLET',
  DevKeyRefused: 'DEV_KEY_REFUSED',
  PortBusy: 'PORT_BUSY',
  StackRunning: 'STACK_RUNNING',
  StackNotRunning: 'STACK_NOT_RUNNING',
  StackState: 'STACK_STATE',
  StateSave: 'STATE_SAVE_FAILED',
  AnvilFailed: 'ANVIL_FAILED',
  DeployFailed: 'DEPLOY_FAILED',
  Revert: 'REVERT',
  /** The step is another account's to take (a token's owner or admin, a pool's owner). */
  Unauthorized: 'UNAUTHORIZED',
  TokenNotFound: 'TOKEN_NOT_FOUND',
  UnsupportedToken: 'UNSUPPORTED_TOKEN',
  InsufficientBalance: 'INSUFFICIENT_BALANCE',
  LaneCursed: 'LANE_CURSED',
  RateLimited: 'RATE_LIMITED',
  MessageLimit: 'MESSAGE_LIMIT',
  MessageFailed: 'MESSAGE_FAILED',
  MessageNotFound: 'MESSAGE_NOT_FOUND',
  AlreadyExecuted: 'ALREADY_EXECUTED',
  ManualExecNotAllowed: 'MANUAL_EXEC_NOT_ALLOWED',
  ProofMismatch: 'PROOF_MISMATCH',
  ConfirmationRequired: 'CONFIRMATION_REQUIRED',
  NotConfirmed: 'NOT_CONFIRMED',
  Timeout: 'TIMEOUT',
  Aborted: 'ABORTED',
  Internal: 'INTERNAL',
} as const
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

export interface CcipErrorMeta {
  hint?: string
  exitCode?: ExitCode
  details?: Record<string, unknown>
  cause?: unknown
}

export class CcipError extends Error {
  override name = 'CcipError'
  readonly hint: string | undefined
  readonly exitCode: ExitCode
  readonly details: Record<string, unknown> | undefined

  constructor(
    readonly code: ErrorCode,
    readonly shortMessage: string,
    meta: CcipErrorMeta = {},
  ) {
    super(shortMessage, meta.cause === undefined ? undefined : { cause: meta.cause })
    this.hint = meta.hint
    this.exitCode = meta.exitCode ?? ExitCode.Failed
    this.details = meta.details
  }

  toJSON(): { code: ErrorCode; message: string; hint?: string; details?: Record<string, unknown> } {
    return {
      code: this.code,
      message: this.shortMessage,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(this.details === undefined ? {} : { details: this.details }),
    }
  }
}

export const usageError = (message: string, hint: string): CcipError =>
  new CcipError(ErrorCode.Usage, message, { hint, exitCode: ExitCode.Usage })

export const invalidArgument = (message: string, hint: string): CcipError =>
  new CcipError(ErrorCode.InvalidArgument, message, { hint, exitCode: ExitCode.Usage })

export const isCcipError = (error: unknown): error is CcipError => error instanceof CcipError

/** Short text of any thrown value: ethers' shortMessage when present, never a stack. */
export function describeError(error: unknown): string {
  if (error instanceof CcipError) return error.shortMessage
  if (typeof error === 'object' && error !== null) {
    const short = (error as { shortMessage?: unknown }).shortMessage
    if (typeof short === 'string') return short
    const message = (error as { message?: unknown }).message
    if (typeof message === 'string') return message.split('\n')[0] ?? message
  }
  return String(error)
}
