import { AbiCoder, getAddress, hexlify, Interface, randomBytes } from 'ethers'
import { describe, expect, it } from 'vitest'
import { ccipAbi } from '../../src/chain/artifacts.js'
import { encodeExecutionReportsWords, executeCalldata } from '../../src/protocol/abi-encode.js'
import { EXECUTION_REPORT } from '../../src/protocol/abi-types.js'
import { executionReportTuple } from '../../src/protocol/reports.js'
import type { ExecutionReport } from '../../src/protocol/types.js'

/** The hand-written execution-report encoding must be byte-identical to ethers' on the ABI. */
const word = () => hexlify(randomBytes(32))
const u64 = () => BigInt(hexlify(randomBytes(8)))
const bytes = (n: number) => hexlify(randomBytes(n))
const address = () => getAddress(hexlify(randomBytes(20)))

function report(messages: number, tokens: number): ExecutionReport {
  return {
    sourceChainSelector: u64(),
    messages: Array.from({ length: messages }, (_, i) => ({
      header: {
        messageId: word(),
        sourceChainSelector: u64(),
        destChainSelector: u64(),
        sequenceNumber: u64(),
        nonce: u64(),
      },
      sender: bytes(32),
      data: bytes((i * 37) % 150),
      receiver: address(),
      gasLimit: BigInt(i) * 1_000n,
      tokenAmounts: Array.from({ length: tokens }, () => ({
        sourcePoolAddress: bytes(32),
        destTokenAddress: address(),
        destGasAmount: 90_000n,
        extraData: bytes(33),
        amount: 10n ** 18n + BigInt(i),
      })),
    })),
    offchainTokenData: Array.from({ length: messages }, () =>
      Array.from({ length: tokens }, (_, j) => bytes(j * 5)),
    ),
    proofs: Array.from({ length: 3 }, word),
    proofFlagBits: 5n,
  }
}

describe('execution reports encoded by word position', () => {
  it('equal ethers on reports with and without tokens, data of every padding', () => {
    for (const reports of [[report(1, 0)], [report(5, 1), report(2, 3)], [report(0, 0)]]) {
      const ethers = AbiCoder.defaultAbiCoder().encode(
        [`${EXECUTION_REPORT}[]`],
        [reports.map(executionReportTuple)],
      )
      expect(encodeExecutionReportsWords(reports)).toBe(ethers)
    }
  })

  it('builds OffRamp.execute calldata exactly as the ABI does', () => {
    const offRamp = new Interface(ccipAbi('offRamp'))
    const context = [word(), word()] as const
    const encoded = encodeExecutionReportsWords([report(3, 1)])
    expect(executeCalldata(context, encoded)).toBe(offRamp.encodeFunctionData('execute', [context, encoded]))
  })
})
