/** ABI type strings of the CCIP 1.6 structs, for encoding with ethers' AbiCoder. */
export const HEADER =
  'tuple(bytes32 messageId, uint64 sourceChainSelector, uint64 destChainSelector, uint64 sequenceNumber, uint64 nonce)'
export const EVM2ANY_TOKEN =
  'tuple(address sourcePoolAddress, bytes destTokenAddress, bytes extraData, uint256 amount, bytes destExecData)'
export const ANY2EVM_TOKEN =
  'tuple(bytes sourcePoolAddress, address destTokenAddress, uint32 destGasAmount, bytes extraData, uint256 amount)'
export const ANY2EVM_MESSAGE = `tuple(${HEADER} header, bytes sender, bytes data, address receiver, uint256 gasLimit, ${ANY2EVM_TOKEN}[] tokenAmounts)`
export const MERKLE_ROOT =
  'tuple(uint64 sourceChainSelector, bytes onRampAddress, uint64 minSeqNr, uint64 maxSeqNr, bytes32 merkleRoot)'
export const PRICE_UPDATES =
  'tuple(tuple(address sourceToken, uint224 usdPerToken)[] tokenPriceUpdates, tuple(uint64 destChainSelector, uint224 usdPerUnitGas)[] gasPriceUpdates)'
export const COMMIT_REPORT = `tuple(${PRICE_UPDATES} priceUpdates, ${MERKLE_ROOT}[] blessedMerkleRoots, ${MERKLE_ROOT}[] unblessedMerkleRoots, tuple(bytes32 r, bytes32 s)[] rmnSignatures)`
export const EXECUTION_REPORT = `tuple(uint64 sourceChainSelector, ${ANY2EVM_MESSAGE}[] messages, bytes[][] offchainTokenData, bytes32[] proofs, uint256 proofFlagBits)`
