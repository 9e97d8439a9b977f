import { Contract } from 'ethers'
import { ccipAbi } from '../chain/artifacts.js'
import { chainProvider } from '../chain/provider.js'
import { CcipError, ErrorCode, usageError } from '../errors.js'
import { resolveSigner } from '../profiles/wallet.js'
import { executeGasLimit } from '../protocol/v2/execute-gas.js'
import { type ManualExecParams, type ManualExecResult, manualExecError } from './manual-exec.js'
import { getMessageStatus, type MessageInspection } from './status.js'

/**
 * Execute a 2.0 message by hand: OffRamp.execute is permissionless, so anyone may call it with
 * the verifiers' results an indexer serves, for an untouched message (its executor is slow, or
 * it named none) or after a FAILURE. Every result is passed, as Chainlink's tools do: the OffRamp
 * takes the ones its quorum needs and ignores the rest.
 */
export async function manuallyExecuteV2(
  p: ManualExecParams,
  inspection: MessageInspection,
): Promise<ManualExecResult> {
  const { status, located, verifications } = inspection
  if (located?.sentV2 === undefined) throw new Error('unreachable: a 2.0 inspection without its send')
  const id = status.messageId
  const lane = `${status.sourceChain} → ${status.destChain}`
  if (status.state === 'SUCCESS') {
    throw new CcipError(ErrorCode.AlreadyExecuted, `Message ${id} was already executed (SUCCESS)`, {
      hint: `nothing to do; its phases: \`ccip status ${id}\``,
    })
  }
  if (verifications === undefined || verifications.length === 0) {
    const why = status.detail?.verificationUnknown
    throw new CcipError(
      ErrorCode.ManualExecNotAllowed,
      `Message ${id} is ${status.state}: ${why === undefined ? 'no indexer serves its verifier results yet' : `its verifier results cannot be read (${why})`}`,
      {
        hint: `the verifiers sign once the source is final; point at an indexer with --indexer URL, or follow it with \`ccip status ${id} --watch\``,
      },
    )
  }
  const message = located.sentV2.message
  const override = p.gasLimit ?? 0n
  if (override > 0n && override < BigInt(message.ccipReceiveGasLimit)) {
    throw usageError(
      `--gas-limit ${override} is below the message's own gas limit of ${message.ccipReceiveGasLimit}`,
      `the OffRamp only accepts a limit ≥ ${message.ccipReceiveGasLimit}; omit --gas-limit to keep it`,
    )
  }
  const dest = located.dest.profile
  const provider = chainProvider(located.dest, dest.chainId)
  try {
    const offRamp = located.offRamps[0]
    if (offRamp === undefined)
      throw new CcipError(ErrorCode.NotFound, `no OffRamp for ${lane}`, { hint: 'see `ccip lanes list`' })
    const signer = await resolveSigner(dest, p.signer, provider)
    const contract = new Contract(offRamp, ccipAbi('offRampV2'), signer)
    const args = [
      located.sentV2.encoded,
      verifications.map((v) => v.destAddress),
      verifications.map((v) => v.ccvData),
      override,
    ]
    const gas = executeGasLimit(message, override)
    // Whole-transaction reverts (a cursed lane, a retry that fails again) show here, before sending.
    await contract
      .getFunction('execute')
      .estimateGas(...args, { gasLimit: gas })
      .catch((error: unknown) => {
        throw manualExecError(error, lane, id, 'execute')
      })
    const tx = await contract.getFunction('execute').send(...args, { gasLimit: gas })
    p.onProgress?.({ step: 'sent', txHash: tx.hash, gas })
    const receipt = await tx.wait().catch((error: unknown) => {
      throw manualExecError(error, lane, id, 'execute')
    })
    const hint = {
      sourceChain: located.source.profile.name,
      destChain: dest.name,
      blockNumber: located.sent.blockNumber,
    }
    return { txHash: receipt?.hash ?? tx.hash, status: await getMessageStatus(p.ctx, id, { hint }) }
  } finally {
    provider.destroy()
  }
}
