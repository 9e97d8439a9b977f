import { checksumAddress } from './keccak.js'

/**
 * Why `value` is not a usable address, or undefined when it is. Mixed case is a checksum (EIP-55):
 * one that does not match is a mistyped address, refused rather than sent to someone else.
 */
export function addressProblem(value: string): string | undefined {
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) return 'expected a 0x-prefixed 20-byte address'
  const digits = value.slice(2)
  const mixed = digits !== digits.toLowerCase() && digits !== digits.toUpperCase()
  if (mixed && checksumAddress(value) !== value)
    return 'the mixed-case address has a wrong EIP-55 checksum (a typo?); check it, or give it all lower case'
  return undefined
}
