import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { type BaseWallet, decryptKeystoreJson, isKeystoreJson, type Provider, Wallet } from 'ethers'
import { type AccountSigner, accountSigner, type SignerLike } from '../chain/signers.js'
import { CcipError, ErrorCode, ExitCode } from '../errors.js'
import { devAccount, isDevAddress } from './dev-keys.js'
import { FUNDED_DEV_ACCOUNTS } from './dev-mnemonic-addresses.js'
import type { Profile } from './profile.js'
import { LOCAL_CHAIN_IDS } from './selectors.js'

export interface ResolveSignerOptions {
  /** Where CCIPKIT_PRIVATE_KEY and CCIPKIT_PASSWORD come from. */
  env: NodeJS.ProcessEnv
  /** The --keystore flag: a path to an encrypted JSON keystore. */
  keystore?: string
  /** The --account flag: dev account N, on local chains only (0 … FUNDED_DEV_ACCOUNTS-1 are funded). */
  account?: number
  /** A signer of the library's caller (an ethers Signer, a viem account or WalletClient): first of all. */
  signer?: SignerLike
  /** Asks for a keystore password. Pass it only when a terminal is attached (ctx.interactive). */
  passwordPrompt?: () => Promise<string>
}

const WALLET_HINT =
  'pass --keystore <file> (an encrypted JSON keystore; password from CCIPKIT_PASSWORD or a prompt) ' +
  'or set CCIPKIT_PRIVATE_KEY in the environment'

/**
 * The signer for a chain, by precedence flag > environment > profile > default: --keystore or
 * --account, then CCIPKIT_PRIVATE_KEY, then the profile's keystore, then (local profiles only) dev account 0.
 * The well-known dev keys are refused on any chain id outside LOCAL_CHAIN_IDS, however they
 * arrive. Keys never appear in errors: no cause is attached where one could carry key material.
 *
 * @example
 * const signer = await resolveSigner(profile, { env: process.env }, provider)
 */
export async function resolveSigner(
  profile: Profile,
  opts: ResolveSignerOptions,
  provider: Provider,
): Promise<AccountSigner> {
  // Both connected to `provider`: the caller's signer through its adapter, ours directly.
  const wallet =
    opts.signer === undefined
      ? (await pickWallet(profile, opts)).connect(provider)
      : await accountSigner(opts.signer, provider)
  if (!LOCAL_CHAIN_IDS.has(BigInt(profile.chainId)) && isDevAddress(wallet.address)) {
    throw new CcipError(
      ErrorCode.DevKeyRefused,
      `Refusing to sign on chain ${profile.chainId} (${profile.name}) with a well-known dev key (${wallet.address})`,
      {
        hint: `the "test … junk" dev keys are public and only allowed on local chains; ${WALLET_HINT} with your own key`,
      },
    )
  }
  return wallet
}

async function pickWallet(profile: Profile, opts: ResolveSignerOptions): Promise<BaseWallet> {
  if (opts.keystore !== undefined) return fromKeystore(resolve(opts.keystore), opts)
  if (opts.account !== undefined) return fromDevAccount(profile, opts.account)
  const rawKey = opts.env.CCIPKIT_PRIVATE_KEY?.trim()
  if (rawKey !== undefined && rawKey !== '') return fromPrivateKey(rawKey)
  if (profile.keystore !== undefined) return fromKeystore(profile.keystore, opts)
  if (profile.local) return devAccount(0)
  throw new CcipError(ErrorCode.Wallet, `No wallet to sign on '${profile.name}'`, { hint: WALLET_HINT })
}

function fromDevAccount(profile: Profile, index: number): BaseWallet {
  if (!profile.local) {
    throw new CcipError(
      ErrorCode.Wallet,
      `--account ${index} names a dev account; '${profile.name}' is not a local chain`,
      {
        hint: `dev accounts sign only on the local stack's chains; ${WALLET_HINT}`,
        exitCode: ExitCode.Usage,
      },
    )
  }
  if (!Number.isInteger(index) || index < 0 || index >= FUNDED_DEV_ACCOUNTS) {
    throw new CcipError(ErrorCode.InvalidArgument, `there is no funded dev account ${index}`, {
      hint: `use an index from 0 to ${FUNDED_DEV_ACCOUNTS - 1}`,
      exitCode: ExitCode.Usage,
    })
  }
  return devAccount(index)
}

function fromPrivateKey(rawKey: string): BaseWallet {
  try {
    return new Wallet(rawKey.startsWith('0x') ? rawKey : `0x${rawKey}`)
  } catch {
    // Deliberately no cause: ethers' error text may quote the value.
    throw new CcipError(ErrorCode.Wallet, 'CCIPKIT_PRIVATE_KEY is not a valid private key', {
      hint: 'expected 32 bytes of hex (64 hex digits, optionally prefixed with 0x)',
    })
  }
}

async function fromKeystore(path: string, opts: ResolveSignerOptions): Promise<BaseWallet> {
  let json: string
  try {
    json = await readFile(path, 'utf8')
  } catch (cause) {
    throw new CcipError(ErrorCode.Wallet, `Cannot read keystore ${path}`, {
      hint: 'check the --keystore path (or the keystore set on the chain profile)',
      cause,
    })
  }
  if (!isKeystoreJson(json)) {
    throw new CcipError(ErrorCode.Wallet, `${path} is not an encrypted JSON keystore`, {
      hint: 'create one with `cast wallet import <name> --interactive` (Foundry keeps them in ~/.foundry/keystores)',
    })
  }
  const password =
    opts.env.CCIPKIT_PASSWORD ?? (opts.passwordPrompt === undefined ? undefined : await opts.passwordPrompt())
  if (password === undefined) {
    throw new CcipError(ErrorCode.Wallet, `Keystore ${path} needs a password`, {
      hint: 'set CCIPKIT_PASSWORD, or run the command in a terminal to be asked for it',
    })
  }
  try {
    // Not Wallet.fromEncryptedJson: it console.logs (on stdout) when a stored mnemonic disagrees
    // with the key, and the key is all we sign with.
    const account = await decryptKeystoreJson(json, password)
    return new Wallet(account.privateKey)
  } catch {
    throw new CcipError(ErrorCode.Wallet, `Could not decrypt keystore ${path}`, {
      hint: 'wrong password? It comes from CCIPKIT_PASSWORD when set, else from the prompt',
    })
  }
}
