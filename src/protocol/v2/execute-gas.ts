import type { MessageV1 } from './message-v1.js'

/**
 * Gas for OffRamp.execute of a 2.0 message: the receiver's own limit (or the override) plus what
 * the OffRamp spends around it (decoding, the CCVs' signature checks, state, a token's release or
 * mint). eth_estimateGas is no guide: the OffRamp catches an inner out-of-gas as FAILURE, so the
 * estimate finds the cheapest *failing* run (ccip-2.0-protocol.md §6.3). Measured: 127–263k
 * around a 200k receiver; this leaves room above that.
 */
export function executeGasLimit(message: MessageV1, receiverGasOverride = 0n): bigint {
  const receiver = receiverGasOverride > 0n ? receiverGasOverride : BigInt(message.ccipReceiveGasLimit)
  return receiver + 250_000n + (message.tokenTransfer === undefined ? 0n : 200_000n)
}
