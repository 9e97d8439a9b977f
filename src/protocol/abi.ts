import { AbiCoder, ParamType, type Result } from 'ethers'

/**
 * ABI encoding with parsed types cached: ethers re-parses a type string on every encode/decode,
 * which showed up as a top cost in the nodes' hot loops (hashing, log decoding).
 */
const coder = AbiCoder.defaultAbiCoder()
const parsed = new Map<string, ParamType>()

function types(list: readonly string[]): ParamType[] {
  return list.map((type) => {
    let t = parsed.get(type)
    if (t === undefined) {
      t = ParamType.from(type)
      parsed.set(type, t)
    }
    return t
  })
}

export const abiEncode = (list: readonly string[], values: readonly unknown[]): string =>
  coder.encode(types(list), values)
export const abiDecode = (list: readonly string[], data: string): Result => coder.decode(types(list), data)
