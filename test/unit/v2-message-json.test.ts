import { describe, expect, it } from 'vitest'
import { messageFromJson, messageToJson, parseJsonExact, toJson } from '../../src/protocol/v2/message-json.js'
import { decodeMessageV1, encodeMessageV1, messageIdV1 } from '../../src/protocol/v2/message-v1.js'

/**
 * MessageV1 as the indexer's JSON, both ways: Chainlink's own example (chainlink-ccv
 * integration/pkg/api/v1/verifier_results_test.go, "with single result and no errors": field
 * names, hex bytes, lengths the reader ignores) and a message the shipped OffRamp 2.0 executed,
 * whose selectors are above 2^53.
 */
const CHAINLINK_EXAMPLE = `{
  "version": 1,
  "source_chain_selector": 100,
  "dest_chain_selector": 200,
  "sequence_number": 42,
  "on_ramp_address": "0x010203",
  "on_ramp_address_length": 0,
  "off_ramp_address": "0x040506",
  "off_ramp_address_length": 0,
  "finality": 10,
  "execution_gas_limit": 200000,
  "ccip_receive_gas_limit": 150000,
  "ccv_and_executor_hash": "0x0000000000000000000000000000000000000000000000000000000000000000",
  "sender": "0x070809",
  "sender_length": 0,
  "receiver": "0x0a0b0c",
  "receiver_length": 0,
  "dest_blob": "0x0d0e",
  "dest_blob_length": 0,
  "token_transfer": null,
  "token_transfer_length": 0,
  "data": "0x1011",
  "data_length": 0
}`

// The message of ccip-2.0-protocol.md §4.7 (also in v2-codecs.test.ts).
const EXECUTED =
  '0x012ee634951ef71b46b356733e229244f2000000000000000100077b6400030d4000000000573b68166ffab7f1ee396ca3288dd7a29c9bc5616397e1a75f046a43fd274ad920000000000000000000000000610178da211fef7d417bc0e6fed39f05609ad78814b7f8bc63bbcad18155201308c8f3540b07f84f5e20000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb9226614959922be3caee4b8cd9a407cc3ac1c251c2007b10000000000021234'

describe('MessageV1 as indexer JSON', () => {
  it("reads Chainlink's example field by field", () => {
    expect(messageFromJson(parseJsonExact(CHAINLINK_EXAMPLE))).toEqual({
      sourceChainSelector: 100n,
      destChainSelector: 200n,
      messageNumber: 42n,
      executionGasLimit: 200_000,
      ccipReceiveGasLimit: 150_000,
      finality: 10,
      ccvAndExecutorHash: `0x${'00'.repeat(32)}`,
      onRampAddress: '0x010203',
      offRampAddress: '0x040506',
      sender: '0x070809',
      receiver: '0x0a0b0c',
      destBlob: '0x0d0e',
      data: '0x1011',
    })
  })

  it('writes what it reads back to the same bytes and id, selectors above 2^53 exact', () => {
    const message = decodeMessageV1(EXECUTED)
    const text = toJson(messageToJson(message))
    expect(text).toContain(`"source_chain_selector":${message.sourceChainSelector}`)
    expect(Number(message.sourceChainSelector)).toBeGreaterThan(Number.MAX_SAFE_INTEGER)
    const back = messageFromJson(parseJsonExact(text))
    expect(back).toEqual(message)
    expect(messageIdV1(encodeMessageV1(back))).toBe(messageIdV1(EXECUTED))
  })

  it('round-trips a token transfer with an amount above 2^53', () => {
    const withToken = {
      ...decodeMessageV1(EXECUTED),
      tokenTransfer: {
        amount: 4_950_000_000_000_000_123n,
        sourcePoolAddress: `0x${'00'.repeat(12)}${'11'.repeat(20)}`,
        sourceTokenAddress: `0x${'00'.repeat(12)}${'22'.repeat(20)}`,
        destTokenAddress: `0x${'33'.repeat(20)}`,
        tokenReceiver: '0x',
        extraData: `0x${'00'.repeat(31)}12`,
      },
    }
    expect(messageFromJson(parseJsonExact(toJson(messageToJson(withToken))))).toEqual(withToken)
  })

  it('refuses a malformed message with the field it trips on', () => {
    const good = JSON.parse(CHAINLINK_EXAMPLE) as Record<string, unknown>
    expect(() => messageFromJson({ ...good, sender: 'abc' })).toThrow(/sender is not 0x-hex bytes/)
    expect(() => messageFromJson({ ...good, sequence_number: -1 })).toThrow(/sequence_number/)
    expect(() => messageFromJson({ ...good, dest_chain_selector: undefined })).toThrow(/dest_chain_selector/)
    expect(() => messageFromJson('x')).toThrow(/message is not an object/)
  })
})
