import { CcipError, ErrorCode, ExitCode } from '../errors.js'

/** The errors of the message commands (status, messages list, manual-exec), worded once. */

export function messageNotFound(messageId: string, filters: { from?: string; to?: string }): CcipError {
  const where =
    filters.from === undefined && filters.to === undefined
      ? 'on any chain profile with a CCIP Router'
      : `on ${filters.from ?? 'any source'} → ${filters.to ?? 'any destination'}`
  return new CcipError(ErrorCode.MessageNotFound, `No CCIP message ${messageId} ${where}`, {
    hint:
      'check the id (`ccip send` prints it); a message from another network needs its chains as profiles: ' +
      '`ccip chains list`, `ccip chains add`',
    exitCode: ExitCode.NotFound,
  })
}

export function messageFailed(messageId: string, destChain: string): CcipError {
  return new CcipError(ErrorCode.MessageFailed, `Message ${messageId} ended in FAILURE on ${destChain}`, {
    hint: `fix the receiver, then \`ccip manual-exec ${messageId}\` (with --gas-limit if it ran out of gas)`,
    exitCode: ExitCode.MessageFailed,
  })
}
