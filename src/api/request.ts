import { invalidArgument } from '../errors.js'
import {
  parseCcv,
  parseData,
  parseExecutor,
  parseFeeTokenArg,
  parseFinality,
  type TokenArg,
} from '../messages/message-args.js'
import type { MessageRequest } from '../messages/quote.js'
import { addressProblem } from '../protocol/address.js'
import type { SendRequest, TokenAmount } from './types.js'

/**
 * An API request as the message core takes it, checked as the CLI checks its flags: bad input
 * is INVALID_ARGUMENT with the same wording and hints.
 */
export function internalRequest(request: SendRequest): MessageRequest {
  if (request.receiver !== undefined) {
    const problem = addressProblem(request.receiver)
    if (problem !== undefined)
      throw invalidArgument(`Invalid receiver address '${request.receiver}'`, problem)
  }
  if (request.gasLimit !== undefined && (typeof request.gasLimit !== 'bigint' || request.gasLimit < 0n)) {
    throw invalidArgument(
      `gasLimit must be a non-negative bigint, not ${String(request.gasLimit)}`,
      'e.g. gasLimit: 300_000n',
    )
  }
  return {
    ...(request.receiver === undefined ? {} : { receiver: request.receiver }),
    data: parseData(request.data),
    tokens: (request.tokens ?? []).map(tokenArg),
    feeToken: parseFeeTokenArg(request.feeToken),
    ...(request.gasLimit === undefined ? {} : { gasLimit: request.gasLimit }),
    outOfOrder: request.outOfOrder === true,
    ...v3Of(request),
  }
}

/** The 2.0 options, parsed as the CLI parses --finality, --ccv and --executor. */
function v3Of(request: SendRequest): Pick<MessageRequest, 'v3'> {
  const { finality, ccvs, executor } = request
  if (finality === undefined && ccvs === undefined && executor === undefined) return {}
  return {
    v3: {
      ...(finality === undefined ? {} : { finality: parseFinality(String(finality)) }),
      ...(ccvs === undefined ? {} : { ccvs: ccvs.map(parseCcv) }),
      ...(executor === undefined ? {} : { executor: parseExecutor(executor) }),
    },
  }
}

function tokenArg({ token, amount }: TokenAmount): TokenArg {
  if (typeof amount !== 'bigint' || amount <= 0n) {
    throw invalidArgument(
      `the amount of ${token} must be a positive bigint in its smallest unit, not ${String(amount)}`,
      "e.g. { token: 'CCIP-BnM', amount: 10n ** 18n } for one token of 18 decimals",
    )
  }
  if (!token.startsWith('0x')) return { kind: 'symbol', symbol: token, amount }
  const problem = addressProblem(token)
  if (problem !== undefined) throw invalidArgument(`Invalid token address '${token}'`, problem)
  return { kind: 'address', address: token, amount }
}
