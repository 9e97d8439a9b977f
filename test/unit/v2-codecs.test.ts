import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { AbiCoder, computeAddress, Interface, SigningKey } from 'ethers'
import { describe, expect, it } from 'vitest'
import { packageRoot } from '../../src/package-root.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import { keccak256 } from '../../src/protocol/keccak.js'
import {
  COMMITTEE_VERSION_TAG,
  committeeSignedHash,
  decodeVerifierResults,
  encodeVerifierResults,
} from '../../src/protocol/v2/committee.js'
import { EVENT_TOPICS_V2, executionWordsV2, sentHeaderV2 } from '../../src/protocol/v2/events.js'
import {
  decodeExtraArgsV3,
  EXTRA_ARGS_V3_TAG,
  encodeExtraArgsV3,
  FINALITY,
  NO_EXECUTION_ADDRESS,
} from '../../src/protocol/v2/extra-args-v3.js'
import {
  ccvAndExecutorHash,
  decodeMessageV1,
  encodeMessageV1,
  type MessageV1,
  messageIdV1,
} from '../../src/protocol/v2/message-v1.js'
import { decodeSentV2 } from '../../src/protocol/v2/sent-event.js'

/**
 * The CCIP 2.0 codecs against facts from outside this project: the golden MessageV1 vectors and
 * the ExtraArgsCodec vectors Chainlink's SDK (ccip-tools-ts) publishes, a message the shipped
 * OffRamp 2.0 executed (ccip-2.0-protocol.md §4.7: bytes, id, CCV hash, signed hash and the
 * verifierResults it accepted), and the shipped ABIs.
 */
const coder = AbiCoder.defaultAbiCoder()
// A message the shipped OnRamp 2.0 emitted and the shipped OffRamp 2.0 executed (§4.7).
const EXECUTED =
  '0x012ee634951ef71b46b356733e229244f2000000000000000100077b6400030d4000000000573b68166ffab7f1ee396ca3288dd7a29c9bc5616397e1a75f046a43fd274ad920000000000000000000000000610178da211fef7d417bc0e6fed39f05609ad78814b7f8bc63bbcad18155201308c8f3540b07f84f5e20000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb9226614959922be3caee4b8cd9a407cc3ac1c251c2007b10000000000021234'

describe('MessageV1', () => {
  // Chainlink SDK golden vectors (ccip-sdk/src/evm/messageCodec.test.ts): Sepolia → Fuji, "hello-preflight".
  const ENC0 =
    '0x01de41ba4fc9d91ad9ccf0a31a221f3c9b00000000000000000000000000030d4000000000000000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000000014e60c1d654283252623e448f53f648663a701cd7b20000000000000000000000000000000000000000000000000000000000000000014161d23c30b5ae2899c3d4d969ba2b82026f3954a00000000000f68656c6c6f2d707265666c69676874'
  const ENC2 =
    '0x01de41ba4fc9d91ad9ccf0a31a221f3c9b00000000000000000000000000030d4000000002000000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000000014e60c1d654283252623e448f53f648663a701cd7b20000000000000000000000000000000000000000000000000000000000000000014161d23c30b5ae2899c3d4d969ba2b82026f3954a00000000000f68656c6c6f2d707265666c69676874'
  const zero32 = `0x${'00'.repeat(32)}`
  const candidate: MessageV1 = {
    sourceChainSelector: 16015286601757825753n,
    destChainSelector: 14767482510784806043n,
    messageNumber: 0n,
    executionGasLimit: 0,
    ccipReceiveGasLimit: 200_000,
    finality: 0,
    ccvAndExecutorHash: zero32,
    onRampAddress: zero32,
    offRampAddress: '0xe60c1d654283252623e448f53f648663a701cd7b',
    sender: zero32,
    receiver: '0x161d23c30b5ae2899c3d4d969ba2b82026f3954a',
    destBlob: '0x',
    data: '0x68656c6c6f2d707265666c69676874',
  }

  it("encodes Chainlink's golden vectors byte for byte and decodes them back", () => {
    expect(encodeMessageV1(candidate)).toBe(ENC0)
    expect(encodeMessageV1({ ...candidate, finality: 2 })).toBe(ENC2)
    expect(decodeMessageV1(ENC0)).toEqual(candidate)
    expect(decodeMessageV1(ENC2).finality).toBe(2)
  })

  const RESOLVER = '0x0DCd1Bf9A1b36cE34237eEaFef220932846BCD82'
  const EXECUTOR_PROXY = '0x0B306BF915C4d645ff596e518fAf3F9669b97016'

  it('reads an executed message: fields, id, and the CCV/executor hash', () => {
    const m = decodeMessageV1(EXECUTED)
    expect(m).toMatchObject({
      sourceChainSelector: 3379446385462418246n,
      destChainSelector: 12922642891491394802n,
      messageNumber: 1n,
      executionGasLimit: 490_340,
      ccipReceiveGasLimit: 200_000,
      finality: 0,
      onRampAddress: coder.encode(['address'], ['0x610178dA211FEF7D417bC0e6FeD39F05609AD788']),
      offRampAddress: '0xb7f8bc63bbcad18155201308c8f3540b07f84f5e',
      sender: coder.encode(['address'], ['0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266']).toLowerCase(),
      receiver: '0x959922be3caee4b8cd9a407cc3ac1c251c2007b1',
      data: '0x1234',
    })
    expect(m.tokenTransfer).toBeUndefined()
    expect(encodeMessageV1(m)).toBe(EXECUTED)
    expect(messageIdV1(EXECUTED)).toBe('0x74e097074934c04f5b7c617459e63bb3e4feaa68e61b76fc85e6a1c57cf3b5ff')
    expect(ccvAndExecutorHash([RESOLVER], EXECUTOR_PROXY)).toBe(m.ccvAndExecutorHash)
  })

  it('round-trips a token transfer, and refuses what the OffRamp refuses', () => {
    const withToken: MessageV1 = {
      ...candidate,
      tokenTransfer: {
        amount: 4_950_000_000_000_000_000n,
        sourcePoolAddress: coder.encode(['address'], ['0x1111111111111111111111111111111111111111']),
        sourceTokenAddress: coder.encode(['address'], ['0x2222222222222222222222222222222222222222']),
        destTokenAddress: '0x3333333333333333333333333333333333333333',
        tokenReceiver: '0x',
        extraData: coder.encode(['uint256'], [18]),
      },
    }
    const encoded = encodeMessageV1(withToken)
    expect(decodeMessageV1(encoded)).toEqual(withToken)
    expect(() => decodeMessageV1(`${encoded}00`)).toThrow(/left over/)
    expect(() => decodeMessageV1(encoded.slice(0, -2))).toThrow(/past the end/)
    expect(() => decodeMessageV1(`0x02${encoded.slice(4)}`)).toThrow(/version 2/)
  })
})

describe('GenericExtraArgsV3', () => {
  // Chainlink SDK's canonical vectors, produced by the on-chain ExtraArgsCodec (ccip-sdk/src/extra-args.test.ts).
  const vectors = {
    minimal: '0xa69dd4aa00030d400000000100000000000000',
    max: '0xa69dd4aaffffffff0000ffff00000000000000',
    executor: '0xa69dd4aa00061a800000000500149fca2fa95be0944a4ad731474dd3cdb1b704f9c6000464617461000000',
    twoCcvs:
      '0xa69dd4aa000493e00000000a021497cb3391ea73689a81b6853deb104dd078538f6b0005617267733114a0b7e3c01fcd94560317638a6b01f81846dee14400056172677332000000000000',
    full: '0xa69dd4aa00030d400000000c021497cb3391ea73689a81b6853deb104dd078538f6b0005617267733114a0b7e3c01fcd94560317638a6b01f81846dee14400056172677332149fca2fa95be0944a4ad731474dd3cdb1b704f9c60008657865634172677314c9f66ef22b2e26c2af10fcf8847ac4a920ab3eaa0009746f6b656e41726773',
    placeholders:
      '0xa69dd4aa0000e86b000000220200000000000014123456789012345678901234567890123456789000283332383233383934323839333538373233353938373233393538383537393238333932373335323528333238323338393432383933353837323335393837323332393338353739323833373237333532350000',
  }

  it('decodes the canonical vectors and encodes them back byte for byte', () => {
    for (const hex of Object.values(vectors)) expect(encodeExtraArgsV3(decodeExtraArgsV3(hex)!)).toBe(hex)
    expect(decodeExtraArgsV3(vectors.minimal)).toEqual({
      gasLimit: 200_000,
      finality: 1,
      ccvs: [],
      executor: '',
      executorArgs: '0x',
      tokenReceiver: '0x',
      tokenArgs: '0x',
    })
    expect(decodeExtraArgsV3(vectors.max)).toMatchObject({ gasLimit: 0xffffffff, finality: 0xffff })
    expect(decodeExtraArgsV3(vectors.full)).toEqual({
      gasLimit: 200_000,
      finality: 12,
      ccvs: [
        { address: '0x97cb3391ea73689a81b6853deb104dd078538f6b', args: '0x6172677331' },
        { address: '0xa0b7e3c01fcd94560317638a6b01f81846dee144', args: '0x6172677332' },
      ],
      executor: '0x9fca2fa95be0944a4ad731474dd3cdb1b704f9c6',
      executorArgs: '0x6578656341726773',
      tokenReceiver: '0xc9f66ef22b2e26c2af10fcf8847ac4a920ab3eaa',
      tokenArgs: '0x746f6b656e41726773',
    })
    const placeholders = decodeExtraArgsV3(vectors.placeholders)!
    expect(placeholders.ccvs).toEqual([
      { address: '', args: '0x' },
      { address: '', args: '0x' },
    ])
    expect(placeholders).toMatchObject({ gasLimit: 59_499, finality: 34 })
  })

  it('is strict where ExtraArgsCodec is, and leaves other kinds of extraArgs to the caller', () => {
    expect(() => decodeExtraArgsV3(`${vectors.minimal}00`)).toThrow(/left over/)
    expect(() => decodeExtraArgsV3(vectors.minimal.slice(0, -2))).toThrow(/past the end/)
    expect(decodeExtraArgsV3('0x181dcf10')).toBeUndefined()
    expect(decodeExtraArgsV3('0x')).toBeUndefined()
    expect(EXTRA_ARGS_V3_TAG).toBe(
      keccak256(`0x${Buffer.from('CCIP GenericExtraArgsV3').toString('hex')}`).slice(0, 10),
    )
    expect(NO_EXECUTION_ADDRESS.slice(0, 10)).toBe(
      keccak256(`0x${Buffer.from('NO_EXECUTION_TAG').toString('hex')}`).slice(0, 10),
    )
    expect([FINALITY.finalized, FINALITY.safe, FINALITY.blockDepth(5)]).toEqual([0, 0x10000, 5])
    expect(() => FINALITY.blockDepth(0x10000)).toThrow(/1–65535/)
  })
})

describe('committee verification', () => {
  const EXECUTED_ID = '0x74e097074934c04f5b7c617459e63bb3e4feaa68e61b76fc85e6a1c57cf3b5ff'
  // The results the shipped OffRamp accepted: anvil's dev accounts 7 and 8 (threshold 2), RFC 6979 signatures.
  const ACCEPTED =
    '0xe9a05a200080c180b8ca175b47e16a1fa58540bdab79a36391b6ad98c391ff5defa600070be2598108c49b7c4496edab4d9893c256fbec936d9e052871cfe6f2241efb59cab61c7f82cee17204570602698fe43ff9c6f037dcb93828b0928f2b3fc6c9392389febbf89c252c1b4d9d85c6680e9f8c942b99052504657e78c5c8bef85780a886'

  it('signs keccak256(tag ‖ messageId) and lays out the quorum as the OffRamp accepted it', () => {
    const hash = committeeSignedHash(EXECUTED_ID)
    expect(hash).toBe('0xc0397f5140b6a358afdbe12a75b3c78bd2057212185d9b52aa89fa3986745045')
    // Signed in the reverse of the required order: the encoder sorts by signer.
    const signatures = [8, 7].map((i) => {
      const key = devAccount(i)
      const sig = key.signingKey.sign(hash)
      return { signer: key.address, r: sig.r, s: sig.s, yParity: sig.yParity }
    })
    expect(encodeVerifierResults(signatures)).toBe(ACCEPTED)
    const decoded = decodeVerifierResults(ACCEPTED)
    expect(decoded.versionTag).toBe(COMMITTEE_VERSION_TAG)
    // Every signature recovers its signer with v = 27, as the contract's ecrecover(hash, 27, r, s).
    // ethers refuses a high s (EIP-2's canonical form), ecrecover does not: (r, n − s, 27) recovers as (r, s, 28).
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
    const asEcrecover = ({ r, s }: { r: string; s: string }) =>
      BigInt(s) > n / 2n
        ? { r, s: `0x${(n - BigInt(s)).toString(16).padStart(64, '0')}`, v: 28 }
        : { r, s, v: 27 }
    const recovered = decoded.signatures.map((sig) =>
      computeAddress(SigningKey.recoverPublicKey(hash, asEcrecover(sig))),
    )
    expect(recovered).toEqual([devAccount(7).address, devAccount(8).address])
    expect(() => encodeVerifierResults([...signatures, signatures[0]!])).toThrow(/two signatures/)
  })

  it('the version tag is bytes4(keccak256("CommitteeVerifier 2.0.0"))', () => {
    expect(COMMITTEE_VERSION_TAG).toBe(
      keccak256(`0x${Buffer.from('CommitteeVerifier 2.0.0').toString('hex')}`).slice(0, 10),
    )
  })
})

describe('2.0 event topics', () => {
  const abi = (name: string) =>
    new Interface(
      JSON.parse(
        readFileSync(
          join(packageRoot(), 'node_modules/@chainlink/contracts-ccip/abi/v2_0_0', `${name}.json`),
          'utf8',
        ),
      ),
    )
  it('decode as ethers decodes them with the shipped ABIs (the hand readers of the hot paths)', () => {
    const onRamp = abi('onramp')
    const offRamp = abi('offramp')
    const encoded = EXECUTED
    const id = messageIdV1(encoded)
    const issuer = (n: number) => `0x${n.toString(16).padStart(40, '0')}`
    const receipts = [
      [issuer(1), 75_000, 582, 2_250_000_000_000_000n, '0x'],
      [issuer(2), 90_000, 32, 0n, '0xabcdef'],
      [issuer(3), 400_000, 143, 50_850_000_000_000_000n, '0x'],
      [issuer(4), 0, 0, 4_500_000_000_000_000n, '0x'],
    ]
    const log = onRamp.encodeEventLog('CCIPMessageSent', [
      7n,
      issuer(9),
      id,
      issuer(5),
      123n,
      encoded,
      receipts,
      ['0xe9a05a20', '0x'],
    ])
    const parsed = onRamp.parseLog(log)!.args
    const fields = { ...log, address: issuer(6), blockNumber: 1, transactionHash: id, logIndex: 0 }
    const sent = decodeSentV2(fields)
    expect(sent.feeToken).toBe(parsed.feeToken.toLowerCase())
    expect(sent.tokenAmountBeforeFees).toBe(parsed.tokenAmountBeforeTokenPoolFees)
    expect(sent.encoded).toBe(parsed.encodedMessage)
    expect(sent.receipts).toEqual(
      parsed.receipts.map((r: [string, bigint, bigint, bigint, string]) => ({
        issuer: r[0].toLowerCase(),
        destGasLimit: Number(r[1]),
        destBytesOverhead: Number(r[2]),
        feeTokenAmount: r[3],
        extraArgs: r[4],
      })),
    )
    expect(sent.verifierBlobs).toEqual([...parsed.verifierBlobs])
    expect(sent.ccvs).toEqual([issuer(1), issuer(2)])
    expect(sent.executor).toBe(issuer(3))
    expect(sent.sender).toBe(issuer(9))
    expect(sentHeaderV2(log).sequenceNumber).toBe(decodeMessageV1(encoded).messageNumber)
    const wrongId = { ...fields, topics: [...log.topics.slice(0, 3), `0x${'00'.repeat(32)}`] }
    expect(() => decodeSentV2(wrongId)).toThrow(/hashes to/)

    const exec = offRamp.encodeEventLog('ExecutionStateChanged', [7n, 3n, id, 3, '0x0a8d6e8c'])
    const e = offRamp.parseLog(exec)!.args
    expect(executionWordsV2(exec)).toEqual({
      sourceChainSelector: e.sourceChainSelector,
      messageNumber: e.messageNumber,
      messageId: id,
      state: Number(e.state),
      returnData: e.returnData,
    })
  })

  it('are the shipped OnRamp and OffRamp events', () => {
    expect(abi('onramp').getEvent('CCIPMessageSent')!.topicHash).toBe(EVENT_TOPICS_V2.ccipMessageSent)
    expect(abi('offramp').getEvent('ExecutionStateChanged')!.topicHash).toBe(
      EVENT_TOPICS_V2.executionStateChanged,
    )
  })
})
