import { concat, type Signature as EthersSignature, toUtf8Bytes } from 'ethers'
import { abiEncode } from './abi.js'
import { COMMIT_REPORT, MERKLE_ROOT } from './abi-types.js'
import { keccak256 } from './keccak.js'
import type { CommitReport, ExecutionReport, MerkleRoot, Signature } from './types.js'

/**
 * Codecs and digests of the two signed objects in CCIP 1.6: the OCR3 commit report (signed by
 * F+1 commit nodes) and the RMN blessing report (signed by fSign+1 RMN nodes).
 */

const rootTuple = (r: MerkleRoot) => [
  r.sourceChainSelector,
  r.onRampAddress,
  r.minSeqNr,
  r.maxSeqNr,
  r.merkleRoot,
]

export function encodeCommitReport(report: CommitReport): string {
  return abiEncode(
    [COMMIT_REPORT],
    [
      [
        [
          report.priceUpdates.tokenPriceUpdates.map((p) => [p.sourceToken, p.usdPerToken]),
          report.priceUpdates.gasPriceUpdates.map((p) => [p.destChainSelector, p.usdPerUnitGas]),
        ],
        report.blessedMerkleRoots.map(rootTuple),
        report.unblessedMerkleRoots.map(rootTuple),
        report.rmnSignatures.map((s) => [s.r, s.s]),
      ],
    ],
  )
}

export function executionReportTuple(report: ExecutionReport): unknown[] {
  return [
    report.sourceChainSelector,
    report.messages.map((m) => [
      [
        m.header.messageId,
        m.header.sourceChainSelector,
        m.header.destChainSelector,
        m.header.sequenceNumber,
        m.header.nonce,
      ],
      m.sender,
      m.data,
      m.receiver,
      m.gasLimit,
      m.tokenAmounts.map((t) => [
        t.sourcePoolAddress,
        t.destTokenAddress,
        t.destGasAmount,
        t.extraData,
        t.amount,
      ]),
    ]),
    report.offchainTokenData,
    report.proofs,
    report.proofFlagBits,
  ]
}

/** OCR3: the raw (no EIP-191 prefix) hash each commit node signs. */
export function ocrReportDigest(report: string, reportContext: readonly [string, string]): string {
  return keccak256(concat([keccak256(report), reportContext[0], reportContext[1]]))
}

/** Pack F+1 OCR signatures the way MultiOCR3Base.transmit reads them. */
export function packOcrSignatures(signatures: EthersSignature[]): {
  rs: string[]
  ss: string[]
  rawVs: string
} {
  const vs = new Uint8Array(32)
  signatures.forEach((sig, i) => {
    vs[i] = sig.yParity // byte i = v - 27, most significant byte first
  })
  return {
    rs: signatures.map((s) => s.r),
    ss: signatures.map((s) => s.s),
    rawVs: `0x${Buffer.from(vs).toString('hex')}`,
  }
}

const RMN_V1_6_ANY2EVM_REPORT = keccak256(toUtf8Bytes('RMN_V1_6_ANY2EVM_REPORT'))

export interface RmnReportContext {
  destChainId: bigint
  destChainSelector: bigint
  rmnRemote: string
  offRamp: string
  rmnHomeConfigDigest: string
}

/** The digest RMNRemote.verify recomputes for a set of blessed roots. */
export function rmnReportDigest(ctx: RmnReportContext, roots: readonly MerkleRoot[]): string {
  return keccak256(
    abiEncode(
      ['bytes32', `tuple(uint256, uint64, address, address, bytes32, ${MERKLE_ROOT}[])`],
      [
        RMN_V1_6_ANY2EVM_REPORT,
        [
          ctx.destChainId,
          ctx.destChainSelector,
          ctx.rmnRemote,
          ctx.offRamp,
          ctx.rmnHomeConfigDigest,
          roots.map(rootTuple),
        ],
      ],
    ),
  )
}

const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n

/**
 * RMNRemote calls ecrecover with v = 27 only. A signature with yParity 1 is turned into its twin
 * (s' = n − s, which recovers the same signer with v = 27): the precompile accepts a high s.
 */
export function toRmnSignature(sig: EthersSignature): Signature {
  if (sig.yParity === 0) return { r: sig.r, s: sig.s }
  const s = SECP256K1_N - BigInt(sig.s)
  return { r: sig.r, s: `0x${s.toString(16).padStart(64, '0')}` }
}
