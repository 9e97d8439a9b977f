/**
 * CCIP 1.6 message shapes as the contracts define them (Internal.sol, MIT). Addresses and byte
 * strings are 0x-hex; integers are bigint.
 */
export interface RampMessageHeader {
  messageId: string
  sourceChainSelector: bigint
  destChainSelector: bigint
  sequenceNumber: bigint
  nonce: bigint
}

export interface EVM2AnyTokenTransfer {
  sourcePoolAddress: string
  destTokenAddress: string
  extraData: string
  amount: bigint
  destExecData: string
}

/** What the source OnRamp emits in CCIPMessageSent. */
export interface EVM2AnyRampMessage {
  header: RampMessageHeader
  sender: string
  data: string
  receiver: string
  extraArgs: string
  feeToken: string
  feeTokenAmount: bigint
  feeValueJuels: bigint
  tokenAmounts: EVM2AnyTokenTransfer[]
}

export interface Any2EVMTokenTransfer {
  sourcePoolAddress: string
  destTokenAddress: string
  destGasAmount: bigint
  extraData: string
  amount: bigint
}

/** What the destination OffRamp executes (and what the Merkle leaves hash). */
export interface Any2EVMRampMessage {
  header: RampMessageHeader
  sender: string
  data: string
  receiver: string
  gasLimit: bigint
  tokenAmounts: Any2EVMTokenTransfer[]
}

export interface MerkleRoot {
  sourceChainSelector: bigint
  /** The on-ramp as configured on the OffRamp: 32-byte left-padded address bytes. */
  onRampAddress: string
  minSeqNr: bigint
  maxSeqNr: bigint
  merkleRoot: string
}

export interface PriceUpdates {
  tokenPriceUpdates: { sourceToken: string; usdPerToken: bigint }[]
  gasPriceUpdates: { destChainSelector: bigint; usdPerUnitGas: bigint }[]
}

export interface Signature {
  r: string
  s: string
}

export interface CommitReport {
  priceUpdates: PriceUpdates
  blessedMerkleRoots: MerkleRoot[]
  unblessedMerkleRoots: MerkleRoot[]
  rmnSignatures: Signature[]
}

export interface ExecutionReport {
  sourceChainSelector: bigint
  messages: Any2EVMRampMessage[]
  /** Per message, per token: attestation data ("0x" for every non-USDC token). */
  offchainTokenData: string[][]
  proofs: string[]
  proofFlagBits: bigint
}

export const ExecutionState = { UNTOUCHED: 0, IN_PROGRESS: 1, SUCCESS: 2, FAILURE: 3 } as const
export type ExecutionState = (typeof ExecutionState)[keyof typeof ExecutionState]
