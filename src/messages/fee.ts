import { connectChain, disconnect } from '../chain/connect.js'
import type { CcipContext } from '../context.js'
import { usageError } from '../errors.js'
import type { Profile } from '../profiles/profile.js'
import { type ResolveSignerOptions, resolveSigner } from '../profiles/wallet.js'
import { type DestHandle, type MessageRequest, openDest, quoteMessage } from './quote.js'

/** The two chain profiles of a send: --from defaults to the default chain (`ccip chains use`). */
export async function resolveEndpoints(
  ctx: Pick<CcipContext, 'profiles'>,
  from: string | undefined,
  to: string,
): Promise<{ source: Profile; dest: Profile }> {
  const profiles = await ctx.profiles()
  const sourceName = from ?? profiles.current
  if (sourceName === undefined) {
    throw usageError(
      'No source chain',
      'pass --from <chain>, or set a default with `ccip chains use <chain>`',
    )
  }
  return { source: profiles.require(sourceName), dest: profiles.require(to) }
}

export interface FeeQuote {
  sourceChain: string
  destChain: string
  /** 'native' or the fee token's address. */
  feeToken: string
  fee: bigint
}

export interface FeeQuoteDetails extends FeeQuote {
  feeSymbol: string
  feeDecimals: number
  gasLimit: bigint
}

/**
 * Quote a message exactly as `sendMessage` would build it, without sending. The wallet is needed
 * only when --receiver is absent (the receiver then defaults to the sender's own address).
 *
 * @example
 * const quote = await getFeeQuote({ source, dest, request, signer: { env: process.env } })
 */
export async function getFeeQuote(params: {
  source: Profile
  dest: Profile
  request: MessageRequest
  signer: ResolveSignerOptions
}): Promise<FeeQuoteDetails> {
  const source = connectChain(params.source)
  let dest: DestHandle | undefined
  try {
    dest = openDest(params.dest)
    const sender =
      params.request.receiver === undefined
        ? (await resolveSigner(params.source, params.signer, source.provider)).address
        : undefined
    const quote = await quoteMessage(source, dest, params.request, sender)
    return {
      sourceChain: quote.sourceChain,
      destChain: quote.destChain,
      feeToken: quote.feeToken.native ? 'native' : quote.feeToken.address,
      fee: quote.fee,
      feeSymbol: quote.feeToken.symbol,
      feeDecimals: quote.feeToken.decimals,
      gasLimit: quote.gasLimit,
    }
  } finally {
    disconnect(source)
    dest?.provider.destroy()
  }
}
