import { CcipError, ErrorCode, ExitCode, invalidArgument } from '../errors.js'
import type { CcipVersion } from '../protocol/lane-version.js'
import type { MessageRequest } from './quote.js'

/**
 * The lane's version, once the request's options fit it: an option of the other version is a
 * usage error before anything is read or sent.
 */
export function checkLaneOptions(
  version: CcipVersion | undefined,
  request: MessageRequest,
  lane: string,
): CcipVersion {
  if (version === undefined) {
    throw new CcipError(ErrorCode.NotFound, `the lane ${lane} runs a CCIP version ccipkit does not speak`, {
      hint: 'ccipkit sends over 1.6 and 2.0 lanes; see `ccip lanes list`',
      exitCode: ExitCode.NotFound,
    })
  }
  if (version === '2.0' && request.outOfOrder) {
    throw invalidArgument(
      `--out-of-order is a CCIP 1.6 option; ${lane} runs 2.0`,
      '2.0 lanes execute every message unordered: drop --out-of-order',
    )
  }
  if (version === '1.6' && request.v3 !== undefined && Object.keys(request.v3).length > 0) {
    throw invalidArgument(
      `--finality, --ccv and --executor are CCIP 2.0 options; ${lane} runs 1.6`,
      "drop them for this lane (see `ccip lanes list` for each lane's version)",
    )
  }
  if (version === '2.0' && request.gasLimit !== undefined && request.gasLimit > 0xffffffffn) {
    throw invalidArgument(
      `--gas-limit ${request.gasLimit} does not fit a 2.0 message (uint32)`,
      'give at most 4294967295',
    )
  }
  if (version === '2.0' && request.tokens.length > 1) {
    throw invalidArgument(
      `a CCIP 2.0 message carries one token; ${lane} runs 2.0`,
      'send each token in its own message',
    )
  }
  return version
}
