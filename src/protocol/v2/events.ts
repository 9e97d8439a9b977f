/**
 * topic0 of the CCIP 2.0 events a message's life is read from (signatures differ from 1.6's, so
 * the topics tell the versions apart). test/unit/v2-codecs.test.ts derives them from the shipped ABIs.
 */
export const EVENT_TOPICS_V2 = {
  /** OnRamp 2.0: CCIPMessageSent(uint64 indexed dest, address indexed sender, bytes32 indexed messageId, address feeToken, uint256, bytes encodedMessage, Receipt[], bytes[] verifierBlobs). */
  ccipMessageSent: '0x371bc2ff0a006f4ef863b1d27a065d4e9f938b6d883eb154572b4aea593b32cc',
  /** OffRamp 2.0: ExecutionStateChanged(uint64 indexed source, uint64 indexed messageNumber, bytes32 indexed messageId, uint8 state, bytes returnData). */
  executionStateChanged: '0x8c324ce1367b83031769f6a813e3bb4c117aba2185789d66b98b791405be6df2',
} as const
