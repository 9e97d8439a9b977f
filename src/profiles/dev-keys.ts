import { HDNodeWallet } from 'ethers'
import { DEV_MNEMONIC, DEV_MNEMONIC_ADDRESSES } from './dev-mnemonic-addresses.js'

/**
 * How many indexes of the dev mnemonic count as "well known": anvil and Hardhat print the first
 * 10-20, and the local stack's DON and RMN nodes sign with 100-123. Every one of the first 256 is
 * refused off local chains (the list is precomputed: dev-mnemonic-addresses.ts).
 */
export const DEV_ACCOUNT_COUNT = 256

let root: HDNodeWallet | undefined
let addresses: ReadonlySet<string> | undefined

function accountsRoot(): HDNodeWallet {
  // One PBKDF2 for the seed, then cheap child derivations along m/44'/60'/0'/0/i (anvil's path).
  root ??= HDNodeWallet.fromPhrase(DEV_MNEMONIC, '', "m/44'/60'/0'/0")
  return root
}

/** Dev account `index` (0 is anvil's first account, the local stack's deployer and default signer). */
export function devAccount(index: number): HDNodeWallet {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`dev account index ${index} is not valid`)
  return accountsRoot().deriveChild(index)
}

/** Whether `address` belongs to one of the first DEV_ACCOUNT_COUNT indexes of the dev mnemonic. */
export function isDevAddress(address: string): boolean {
  // Built once, on first use, from the precomputed list: deriving 256 keys would take seconds.
  addresses ??= new Set(
    Array.from({ length: DEV_ACCOUNT_COUNT }, (_, i) => DEV_MNEMONIC_ADDRESSES.slice(i * 40, i * 40 + 40)),
  )
  return addresses.has(address.toLowerCase().replace(/^0x/, ''))
}
