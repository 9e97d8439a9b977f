import { lengthPrefixed, PackedReader, strip, uintBytes } from './packed.js'

/**
 * GenericExtraArgsV3, the extraArgs of a CCIP 2.0 lane: tag, gas limit, requested finality, the
 * message's CCVs (each with its args), executor and executor args, a token receiver and the
 * pool's token args, tightly packed. An empty CCV list or executor means the lane's defaults.
 * Decoding is as strict as the contracts' ExtraArgsCodec: every byte used, addresses 0 or 20
 * bytes. test/unit/v2-codecs.test.ts checks it against Chainlink's vectors and the shipped
 * MessageHasher's encoder.
 */
export const EXTRA_ARGS_V3_TAG = '0xa69dd4aa'

/** The executor that means "no automated execution": the message waits for a manual execute. */
export const NO_EXECUTION_ADDRESS = '0xeba517d200000000000000000000000000000000'

/** Finality requests: 0 waits for finality; a block depth (1–65535); or the chain's `safe` tag. */
export const FINALITY = {
  finalized: 0,
  safe: 0x10000,
  blockDepth: (blocks: number): number => {
    if (!Number.isInteger(blocks) || blocks < 1 || blocks > 0xffff)
      throw new RangeError(`block depth ${blocks} is not 1–65535`)
    return blocks
  },
} as const

export interface ExtraArgsV3 {
  gasLimit: number
  finality: number
  /** CCV addresses; '' is a placeholder for the lane's defaults. */
  ccvs: { address: string; args: string }[]
  /** '' = the lane's default executor. */
  executor: string
  executorArgs: string
  /** Raw destination address ('' = the message's receiver). */
  tokenReceiver: string
  tokenArgs: string
}

const address = (a: string): string => {
  const body = strip(a)
  if (body !== '' && body.length !== 40)
    throw new RangeError(`an address is 0 or 20 bytes, not ${body.length / 2}`)
  return lengthPrefixed(body, 1)
}

export function encodeExtraArgsV3(args: ExtraArgsV3): string {
  if (args.ccvs.length > 0xff) throw new RangeError('at most 255 CCVs')
  return `${EXTRA_ARGS_V3_TAG}${[
    uintBytes(args.gasLimit, 4),
    uintBytes(args.finality, 4),
    uintBytes(args.ccvs.length, 1),
    ...args.ccvs.map((c) => address(c.address) + lengthPrefixed(c.args, 2)),
    address(args.executor),
    lengthPrefixed(args.executorArgs, 2),
    lengthPrefixed(args.tokenReceiver, 1),
    lengthPrefixed(args.tokenArgs, 2),
  ].join('')}`
}

/** undefined for extraArgs of another kind (V1, V2, empty): the caller decides what those mean. */
export function decodeExtraArgsV3(encoded: string): ExtraArgsV3 | undefined {
  if (!encoded.toLowerCase().startsWith(EXTRA_ARGS_V3_TAG)) return undefined
  const r = new PackedReader(encoded, 'GenericExtraArgsV3')
  r.bytes(4, 'tag')
  const gasLimit = Number(r.uint(4, 'gasLimit'))
  const finality = Number(r.uint(4, 'finality'))
  const ccvs = Array.from({ length: Number(r.uint(1, 'ccvs length')) }, (_, i) => ({
    address: checkedAddress(r.prefixed(1, `ccv ${i}`)),
    args: r.prefixed(2, `ccv ${i} args`),
  }))
  const executor = checkedAddress(r.prefixed(1, 'executor'))
  const executorArgs = r.prefixed(2, 'executorArgs')
  const tokenReceiver = r.prefixed(1, 'tokenReceiver')
  const tokenArgs = r.prefixed(2, 'tokenArgs')
  r.end()
  return { gasLimit, finality, ccvs, executor, executorArgs, tokenReceiver, tokenArgs }
}

function checkedAddress(bytes: string): string {
  const body = strip(bytes)
  if (body !== '' && body.length !== 40)
    throw new RangeError(`GenericExtraArgsV3: an address of ${body.length / 2} bytes`)
  return body === '' ? '' : `0x${body}`
}
