import type { ChainHandle } from '../chain/connect.js'
import { withGasMargin } from '../chain/gas.js'
import { decodeRevert, revertData } from '../chain/revert.js'
import { rpcUnreachable } from '../chain/rpc-errors.js'
import type { AccountSigner } from '../chain/signers.js'
import { CcipError, describeError, ErrorCode } from '../errors.js'
import type { SetupStep } from './setup-plan.js'

/**
 * One planned transaction of a token setup: simulated from the signer (a revert becomes REVERT
 * naming the step and the decoded CCIP error), then sent and waited for.
 */

export async function simulateStep(h: ChainHandle, wallet: AccountSigner, step: SetupStep): Promise<bigint> {
  const tx = { from: wallet.address, ...(step.to === null ? {} : { to: step.to }), data: step.data }
  try {
    return await h.provider.estimateGas(tx)
  } catch (error) {
    const decoded = decodeRevert(revertData(error))
    if (decoded === undefined && !isRevertLike(error)) throw rpcUnreachable(h.profile, error)
    throw new CcipError(
      ErrorCode.Revert,
      `${h.profile.name}: "${step.action}" would revert: ${decoded?.text ?? describeError(error)}`,
      {
        hint: 'nothing more was sent; `ccip token show` has the token as it is, `ccip token check` says what is wrong',
        cause: error,
      },
    )
  }
}

const isRevertLike = (error: unknown): boolean =>
  /revert|CALL_EXCEPTION|execution reverted/i.test(describeError(error))

export async function sendStep(
  h: ChainHandle,
  wallet: AccountSigner,
  step: SetupStep,
): Promise<{ txHash: string; contractAddress: string | null }> {
  const gas = await simulateStep(h, wallet, step)
  const sent = await wallet.sendTransaction({
    ...(step.to === null ? {} : { to: step.to }),
    data: step.data,
    gasLimit: withGasMargin(gas),
  })
  const receipt = await sent.wait()
  if (receipt?.status !== 1) throw new Error(`${h.profile.name}: "${step.action}" reverted (tx ${sent.hash})`)
  return { txHash: sent.hash, contractAddress: receipt.contractAddress }
}
