import { JsonRpcProvider } from 'ethers'
import { expect } from 'vitest'
import { CcipError } from '../../src/errors.js'
import type { Profile } from '../../src/profiles/profile.js'

/** A real network's profile (chain id 1), for checks that must refuse what only local chains allow. */
export const MAINNET: Profile = {
  name: 'mainnet',
  chainId: '1',
  selector: '5009297550715157269',
  rpcUrl: 'https://rpc.example/eth',
  local: false,
}

/** A provider only attached to signers: nothing sends it a request (nothing listens on port 1). */
export const offlineProvider = (): JsonRpcProvider =>
  new JsonRpcProvider('http://127.0.0.1:1', 1, { staticNetwork: true })

/** Run `fn` and return the CcipError it throws (failing the test when it doesn't). */
export function cliError(fn: () => unknown): CcipError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(CcipError)
    if (error instanceof CcipError) return error
  }
  throw new Error('expected a CcipError')
}
