import { HDNodeWallet } from 'ethers'

/**
 * anvil's default mnemonic. Its accounts are funded on every local chain and their keys are
 * public knowledge, which is exactly why they are refused anywhere else (see wallet.ts).
 */
export const DEV_MNEMONIC = 'test test test test test test test test test test test junk'

/** How many dev accounts count as "well known": anvil, Hardhat and friends print the first 10-20. */
export const DEV_ACCOUNT_COUNT = 20

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

/** Whether `address` belongs to one of the first DEV_ACCOUNT_COUNT dev accounts. */
export function isDevAddress(address: string): boolean {
  addresses ??= new Set(
    Array.from({ length: DEV_ACCOUNT_COUNT }, (_, i) => devAccount(i).address.toLowerCase()),
  )
  return addresses.has(address.toLowerCase())
}
