import { HDNodeWallet } from 'ethers'
import { describe, expect, it } from 'vitest'
import { CcipError, ErrorCode } from '../../src/errors.js'
import { DEV_ACCOUNT_COUNT, isDevAddress } from '../../src/profiles/dev-keys.js'
import { DEV_MNEMONIC, DEV_MNEMONIC_ADDRESSES } from '../../src/profiles/dev-mnemonic-addresses.js'
import { resolveSigner } from '../../src/profiles/wallet.js'
import { MAINNET, offlineProvider } from '../helpers/profiles.js'

/** Every key of the public dev mnemonic is refused off local chains, the nodes' keys included. */
const root = HDNodeWallet.fromPhrase(DEV_MNEMONIC, '', "m/44'/60'/0'/0")
const provider = offlineProvider()
const mainnet = MAINNET

describe('dev mnemonic keys', () => {
  it('the precomputed list is exactly the first 256 addresses of m/44/60/0/0/i', () => {
    expect(DEV_ACCOUNT_COUNT).toBe(256)
    expect(DEV_MNEMONIC_ADDRESSES).toHaveLength(256 * 40)
    for (let i = 0; i < DEV_ACCOUNT_COUNT; i++) {
      const address = root.deriveChild(i).address
      expect(DEV_MNEMONIC_ADDRESSES.slice(i * 40, i * 40 + 40), `index ${i}`).toBe(
        address.slice(2).toLowerCase(),
      )
      expect(isDevAddress(address)).toBe(true)
    }
  }, 60_000)

  // The local DON and RMN nodes sign with 100… (commit), 105… (transmit), 110… (exec), 120… (RMN).
  it.each([100, 103, 105, 110, 113, 120, 122, 199, 255])(
    'refuses index %i from CCIPKIT_PRIVATE_KEY on chain id 1',
    async (index) => {
      const key = root.deriveChild(index).privateKey
      const error = await resolveSigner(mainnet, { env: { CCIPKIT_PRIVATE_KEY: key } }, provider).catch(
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(CcipError)
      expect((error as CcipError).code).toBe(ErrorCode.DevKeyRefused)
      expect(JSON.stringify((error as CcipError).toJSON())).not.toContain(key.slice(2))
    },
  )
})
