import {
  AbstractSigner,
  getAddress,
  type Provider,
  type Signer,
  type TransactionLike,
  type TransactionRequest,
  type TransactionResponse,
  type TypedDataDomain,
  type TypedDataField,
} from 'ethers'
import { invalidArgument } from '../errors.js'

/**
 * The signers the library takes besides dev accounts and keystores, described by shape so that
 * neither ethers nor viem is a type a caller must have:
 * - an ethers `Signer` (a Wallet, a JsonRpcSigner, …): `getAddress()` and `sendTransaction()`;
 * - a viem local account (`privateKeyToAccount`, `mnemonicToAccount`): `address` and
 *   `signTransaction()`;
 * - a viem `WalletClient` with an account: `account` and `sendTransaction()`.
 * Everything ccipkit sends goes through one ethers Signer (`AccountSigner`), so each is adapted.
 */
export type SignerLike = EthersSignerLike | ViemAccountLike | ViemWalletLike

interface EthersSignerLike {
  getAddress(): Promise<string>
  sendTransaction(tx: TransactionRequest): Promise<{ hash: string }>
  /** A Wallet has both; without a provider of its own it can only sign. */
  signTransaction?(tx: TransactionRequest): Promise<string>
  provider?: unknown
}

/** viem's transaction fields, as its accounts sign them. */
interface ViemTransaction {
  type: 'eip1559'
  chainId: number
  nonce: number
  to?: `0x${string}`
  data?: `0x${string}`
  value: bigint
  gas: bigint
  maxFeePerGas: bigint
  maxPriorityFeePerGas: bigint
}

interface ViemAccountLike {
  address: string
  signTransaction(tx: ViemTransaction): Promise<string>
}

interface ViemWalletLike {
  account?: { address: string }
  sendTransaction(
    args: Omit<ViemTransaction, 'type' | 'chainId'> & { account: unknown; chain: null },
  ): Promise<string>
}

/** An ethers Signer whose address is known without a round trip (what every sender here needs). */
export type AccountSigner = Signer & { readonly address: string }

/** `like` as an AccountSigner sending through `provider`. */
export async function accountSigner(like: SignerLike, provider: Provider): Promise<AccountSigner> {
  if ('getAddress' in like && typeof like.getAddress === 'function') {
    return new Adapted(getAddress(await like.getAddress()), provider, { ethers: like })
  }
  if ('signTransaction' in like && typeof like.signTransaction === 'function' && 'address' in like) {
    return new Adapted(getAddress(like.address), provider, { account: like })
  }
  if ('account' in like && like.account !== undefined && 'sendTransaction' in like) {
    return new Adapted(getAddress(like.account.address), provider, { wallet: like })
  }
  throw invalidArgument(
    'signer: not an ethers Signer, a viem account or a viem WalletClient with an account',
    'pass e.g. new Wallet(key), privateKeyToAccount(key), or createWalletClient({ account, … })',
  )
}

const hexOf = (value: unknown): `0x${string}` | undefined =>
  value === undefined || value === null ? undefined : (String(value) as `0x${string}`)

/**
 * The adapter: ethers fills in what a transaction lacks (nonce, gas, fees, chain id) from our
 * provider, then the caller's signer signs or sends it.
 */
class Adapted extends AbstractSigner implements AccountSigner {
  constructor(
    readonly address: string,
    provider: Provider,
    private readonly inner: { ethers?: EthersSignerLike; account?: ViemAccountLike; wallet?: ViemWalletLike },
  ) {
    super(provider)
  }

  override async getAddress(): Promise<string> {
    return this.address
  }

  override connect(provider: Provider | null): Signer {
    return new Adapted(this.address, provider ?? this.provider!, this.inner)
  }

  override async sendTransaction(tx: TransactionRequest): Promise<TransactionResponse> {
    // A signer that signs (a viem account, an ethers Wallet without a provider): fill in, sign
    // and broadcast here; one that sends (a JsonRpcSigner, a WalletClient): let it send.
    if (this.inner.account !== undefined || this.signsOnly()) return super.sendTransaction(tx)
    const filled = await this.populateTransaction(tx)
    const hash = this.inner.ethers
      ? (await this.inner.ethers.sendTransaction(filled)).hash
      : await this.inner.wallet!.sendTransaction({
          ...viemFields(filled),
          account: this.inner.wallet!.account,
          chain: null,
        })
    const response = await this.provider!.getTransaction(hash)
    if (response === null) throw new Error(`the node does not know the transaction ${hash} just sent`)
    return response
  }

  private signsOnly(): boolean {
    const inner = this.inner.ethers
    return (
      inner !== undefined &&
      (inner.provider === null || inner.provider === undefined) &&
      inner.signTransaction !== undefined
    )
  }

  override async signTransaction(tx: TransactionRequest): Promise<string> {
    if (this.signsOnly()) return this.inner.ethers!.signTransaction!(tx)
    if (this.inner.account === undefined)
      throw new Error('this signer sends transactions; it does not hand out signatures')
    // CAST: populateTransaction has resolved every field to a plain value.
    const filled = tx as TransactionLike<string>
    return this.inner.account.signTransaction({
      type: 'eip1559',
      chainId: Number(filled.chainId),
      ...viemFields(filled),
    })
  }

  override signMessage(): Promise<string> {
    throw new Error('ccipkit signs transactions only')
  }

  override signTypedData(
    _domain: TypedDataDomain,
    _types: Record<string, TypedDataField[]>,
    _value: Record<string, unknown>,
  ): Promise<string> {
    throw new Error('ccipkit signs transactions only')
  }
}

function viemFields(
  tx: TransactionLike<string> | TransactionRequest,
): Omit<ViemTransaction, 'type' | 'chainId'> {
  const to = hexOf(tx.to)
  const data = hexOf(tx.data)
  return {
    nonce: Number(tx.nonce),
    ...(to === undefined ? {} : { to }),
    ...(data === undefined ? {} : { data }),
    value: BigInt(tx.value ?? 0),
    gas: BigInt(tx.gasLimit ?? 0),
    maxFeePerGas: BigInt(tx.maxFeePerGas ?? 0),
    maxPriorityFeePerGas: BigInt(tx.maxPriorityFeePerGas ?? 0),
  }
}
