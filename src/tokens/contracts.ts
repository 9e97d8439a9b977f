import { Interface } from 'ethers'
import { type CcipContract, ccipAbi } from '../chain/artifacts.js'
import { noAnswer } from '../chain/chain.js'
import type { ProfileChain } from '../chain/profile-chain.js'

/**
 * The contracts a token team talks to, through the shipped ABIs (token onboarding is no hot path:
 * ethers' encoder is worth its load here). Reads go through the one chain layer (ProfileChain).
 */

const interfaces = new Map<CcipContract, Interface>()

export function contractInterface(name: CcipContract): Interface {
  let iface = interfaces.get(name)
  if (iface === undefined) {
    iface = new Interface(ccipAbi(name))
    interfaces.set(name, iface)
  }
  return iface
}

/** Calldata of `fn(args)` on a contract of kind `name`. */
export const encodeCall = (name: CcipContract, fn: string, args: readonly unknown[]): string =>
  contractInterface(name).encodeFunctionData(fn, args)

/**
 * One view of a contract of kind `name`; its decoded results (one result unwrapped). REVERT
 * (noAnswer) when nothing answers; `orElse` instead, when given, for a revert or a missing function.
 */
export async function readView<T>(
  chain: ProfileChain,
  name: CcipContract,
  address: string,
  fn: string,
  args: readonly unknown[] = [],
  orElse?: { value: T },
): Promise<T> {
  const iface = contractInterface(name)
  const result = await chain.call(address, iface.encodeFunctionData(fn, args))
  if (result === undefined || result === '0x') {
    if (orElse !== undefined) return orElse.value
    throw noAnswer(fn, address)
  }
  const decoded = iface.decodeFunctionResult(fn, result)
  // CAST: the caller names the result's type, which the ABI fixes.
  return (decoded.length === 1 ? decoded[0] : decoded) as T
}
