import {
  getCreateAddress,
  type HDNodeWallet,
  Interface,
  type InterfaceAbi,
  type JsonRpcProvider,
  Transaction,
  type TransactionReceipt,
} from 'ethers'
import type { Artifact } from '../../chain/artifacts.js'
import { decodeRevert, revertData } from '../../chain/revert.js'
import { CcipError, ErrorCode } from '../../errors.js'
import { sleep } from '../../time.js'

const DEPLOY_GAS = 8_000_000n
const CALL_GAS = 3_000_000n
const MAX_FEE = 5_000_000_000n // anvil starts at a 1 gwei base fee that only falls while idle

interface Pending {
  label: string
  hash: string
  to: string | null
  data: string
}

/**
 * Sends a deployer's transactions back to back with explicit nonces and gas limits: no gas
 * estimation and no waiting between them, so a whole chain deploys in a few hundred ms. Contract
 * addresses are known before sending (CREATE address from the nonce), which is what lets
 * configuration calls and other chains' wiring refer to them at once. `flush()` checks every
 * receipt and names the step that failed.
 */
export class TxPipeline {
  private nonce: number
  private readonly pending: Pending[] = []
  private readonly chainId: bigint

  constructor(
    readonly provider: JsonRpcProvider,
    private readonly wallet: HDNodeWallet,
    startNonce: number,
    chainId: number,
    readonly chainName: string,
  ) {
    this.nonce = startNonce
    this.chainId = BigInt(chainId)
  }

  get address(): string {
    return this.wallet.address
  }

  async deploy(label: string, artifact: Artifact, args: unknown[] = []): Promise<string> {
    const data = artifact.bytecode + new Interface(artifact.abi).encodeDeploy(args).slice(2)
    const address = getCreateAddress({ from: this.wallet.address, nonce: this.nonce })
    await this.send(label, { data, gasLimit: DEPLOY_GAS })
    return address
  }

  async call(
    label: string,
    to: string,
    abi: InterfaceAbi,
    fn: string,
    args: unknown[],
    value = 0n,
  ): Promise<void> {
    const data = new Interface(abi).encodeFunctionData(fn, args)
    await this.send(label, { to, data, gasLimit: CALL_GAS, value })
  }

  async sendNative(label: string, to: string, value: bigint): Promise<void> {
    await this.send(label, { to, value, gasLimit: 21_000n })
  }

  private async send(label: string, tx: { to?: string; data?: string; gasLimit: bigint; value?: bigint }) {
    const unsigned = Transaction.from({
      type: 2,
      chainId: this.chainId,
      nonce: this.nonce,
      maxFeePerGas: MAX_FEE,
      maxPriorityFeePerGas: 1n,
      gasLimit: tx.gasLimit,
      to: tx.to ?? null,
      data: tx.data ?? '0x',
      value: tx.value ?? 0n,
    })
    const signed = this.wallet.signingKey.sign(unsigned.unsignedHash)
    unsigned.signature = signed
    this.nonce += 1
    const hash = await this.provider.send('eth_sendRawTransaction', [unsigned.serialized])
    this.pending.push({ label, hash: String(hash), to: tx.to ?? null, data: tx.data ?? '0x' })
  }

  /** Wait for every sent transaction; throw DEPLOY_FAILED naming the first that reverted. */
  async flush(): Promise<void> {
    const batch = this.pending.splice(0)
    const receipts = await Promise.all(batch.map((p) => this.receipt(p.hash)))
    for (const [i, receipt] of receipts.entries()) {
      const step = batch[i]
      if (step !== undefined && (receipt === null || receipt.status !== 1)) {
        const reason = await this.replay(step, receipt)
        throw new CcipError(
          ErrorCode.DeployFailed,
          `${this.chainName}: step "${step.label}" failed${reason}`,
          {
            hint: 'run `ccip local up --fresh`; if it fails again, report it with the log in $CCIPKIT_HOME/local/logs',
            details: { tx: step.hash },
          },
        )
      }
    }
  }

  /**
   * Poll for a receipt. Not ethers' waitForTransaction: it waits for a *new* block event, and on an
   * automining chain with no further transactions that block may already have been mined before
   * it started listening, so it would hang until its timeout.
   */
  private async receipt(hash: string): Promise<TransactionReceipt | null> {
    const deadline = Date.now() + 60_000
    while (Date.now() < deadline) {
      const receipt = await this.provider.getTransactionReceipt(hash)
      if (receipt !== null) return receipt
      await sleep(10)
    }
    return null
  }

  /** Re-run a failed step as a call on the state just before it, to name the revert. */
  private async replay(step: Pending, receipt: TransactionReceipt | null): Promise<string> {
    if (receipt === null) return ' (not mined)'
    try {
      await this.provider.call({
        from: this.wallet.address,
        to: step.to,
        data: step.data,
        blockTag: receipt.blockNumber - 1,
      })
      return ' (out of gas?)'
    } catch (error) {
      const decoded = decodeRevert(revertData(error))
      return decoded === undefined ? '' : `: ${decoded.text}`
    }
  }
}
