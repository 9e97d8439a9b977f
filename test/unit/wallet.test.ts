import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { encryptKeystoreJsonSync, Wallet } from 'ethers'
import { afterAll, describe, expect, it } from 'vitest'
import { CcipError } from '../../src/errors.js'
import { devAccount, isDevAddress } from '../../src/profiles/dev-keys.js'
import { DEV_MNEMONIC } from '../../src/profiles/dev-mnemonic-addresses.js'
import type { Profile } from '../../src/profiles/profile.js'
import { resolveSigner } from '../../src/profiles/wallet.js'
import { MAINNET, offlineProvider } from '../helpers/profiles.js'

// A provider is only attached to the signer; nothing here sends a request.
const provider = offlineProvider()
const mainnet = MAINNET
const alpha: Profile = {
  name: 'alpha',
  chainId: '1337',
  selector: '3379446385462418246',
  rpcUrl: 'http://127.0.0.1:8545',
  local: true,
}
const dir = mkdtempSync(join(tmpdir(), 'ccip-test-wallet-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function keystoreFile(wallet: { address: string; privateKey: string }, password: string): string {
  const path = join(dir, `${wallet.address}.json`)
  // A cheap scrypt so the test stays fast; real keystores use the expensive default.
  writeFileSync(path, encryptKeystoreJsonSync(wallet, password, { scrypt: { N: 1024 } }))
  return path
}

async function rejection(promise: Promise<unknown>): Promise<CcipError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(CcipError)
  if (error instanceof CcipError) return error
  throw new Error('expected a CcipError')
}

describe('dev keys', () => {
  it('are anvil’s default accounts', () => {
    expect(DEV_MNEMONIC).toBe('test test test test test test test test test test test junk')
    expect(devAccount(0).address).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266')
    expect(devAccount(1).address).toBe('0x70997970C51812dc3A010C7d01b50e0d17dc79C8')
    expect(isDevAddress(devAccount(19).address)).toBe(true)
    expect(isDevAddress(Wallet.createRandom().address)).toBe(false)
  })
})

describe('resolveSigner', () => {
  const dev0 = devAccount(0)

  it('refuses dev account 0 from CCIPKIT_PRIVATE_KEY on chain id 1, without echoing the key', async () => {
    const error = await rejection(
      resolveSigner(mainnet, { env: { CCIPKIT_PRIVATE_KEY: dev0.privateKey } }, provider),
    )
    expect(error.code).toBe('DEV_KEY_REFUSED')
    expect(error.exitCode).toBe(1)
    expect(JSON.stringify(error.toJSON())).not.toContain(dev0.privateKey.slice(2))
  })

  it('accepts the same key for a local profile', async () => {
    const signer = await resolveSigner(alpha, { env: { CCIPKIT_PRIVATE_KEY: dev0.privateKey } }, provider)
    expect(signer.address).toBe(dev0.address)
    expect(signer.provider).toBe(provider)
  })

  it('defaults to dev account 0 on a local profile only', async () => {
    expect((await resolveSigner(alpha, { env: {} }, provider)).address).toBe(dev0.address)
    const error = await rejection(resolveSigner(mainnet, { env: {} }, provider))
    expect(error.code).toBe('WALLET')
    expect(error.hint).toContain('--keystore')
    expect(error.hint).toContain('CCIPKIT_PRIVATE_KEY')
  })

  it('refuses every one of the first 20 dev keys, even from a keystore', async () => {
    const env = { CCIPKIT_PRIVATE_KEY: devAccount(19).privateKey }
    expect((await rejection(resolveSigner(mainnet, { env }, provider))).code).toBe('DEV_KEY_REFUSED')
    const keystore = keystoreFile(devAccount(3), 'pw')
    const fromStore = resolveSigner(mainnet, { env: { CCIPKIT_PASSWORD: 'pw' }, keystore }, provider)
    expect((await rejection(fromStore)).code).toBe('DEV_KEY_REFUSED')
  })

  it('uses an own key from CCIPKIT_PRIVATE_KEY (with or without 0x) on a public chain', async () => {
    const own = Wallet.createRandom()
    expect(
      (await resolveSigner(mainnet, { env: { CCIPKIT_PRIVATE_KEY: own.privateKey } }, provider)).address,
    ).toBe(own.address)
    const bare = own.privateKey.slice(2)
    expect((await resolveSigner(mainnet, { env: { CCIPKIT_PRIVATE_KEY: bare } }, provider)).address).toBe(
      own.address,
    )
  })

  it('rejects a malformed CCIPKIT_PRIVATE_KEY without quoting it', async () => {
    const error = await rejection(
      resolveSigner(mainnet, { env: { CCIPKIT_PRIVATE_KEY: '0xdeadbeefcafe' } }, provider),
    )
    expect(error.code).toBe('WALLET')
    expect(error.shortMessage).not.toContain('deadbeef')
    expect(error.cause).toBeUndefined()
  })

  it('decrypts a keystore with CCIPKIT_PASSWORD or the prompt; --keystore beats the environment key', async () => {
    const own = Wallet.createRandom()
    const other = Wallet.createRandom()
    const keystore = keystoreFile(own, 'correct horse')
    const viaEnv = await resolveSigner(
      mainnet,
      { env: { CCIPKIT_PASSWORD: 'correct horse', CCIPKIT_PRIVATE_KEY: other.privateKey }, keystore },
      provider,
    )
    expect(viaEnv.address).toBe(own.address)
    const viaProfile = await resolveSigner(
      { ...mainnet, keystore },
      { env: {}, passwordPrompt: async () => 'correct horse' },
      provider,
    )
    expect(viaProfile.address).toBe(own.address)
  })

  it('explains a keystore without a password, with a wrong one, or missing', async () => {
    const keystore = keystoreFile(Wallet.createRandom(), 'pw')
    const noPassword = await rejection(resolveSigner(mainnet, { env: {}, keystore }, provider))
    expect(noPassword.code).toBe('WALLET')
    expect(noPassword.hint).toContain('CCIPKIT_PASSWORD')
    const wrong = await rejection(
      resolveSigner(mainnet, { env: { CCIPKIT_PASSWORD: 'nope' }, keystore }, provider),
    )
    expect(wrong.shortMessage).toContain('Could not decrypt')
    const missing = await rejection(
      resolveSigner(mainnet, { env: {}, keystore: join(dir, 'none.json') }, provider),
    )
    expect(missing.shortMessage).toContain('Cannot read keystore')
  })
})
