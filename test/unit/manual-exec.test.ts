import { AbiCoder, getAddress, hexlify, randomBytes, zeroPadValue } from 'ethers'
import { describe, expect, it } from 'vitest'
import { encodeExtraArgs, leafHash, toAny2EVM } from '../../src/protocol/hashing.js'
import { buildManualExecReport, manualExecCheck } from '../../src/protocol/manual-exec.js'
import { MerkleTree, rootFromProof } from '../../src/protocol/merkle.js'
import type { EVM2AnyRampMessage, MerkleRoot } from '../../src/protocol/types.js'

const coder = AbiCoder.defaultAbiCoder()
const address = () => getAddress(hexlify(randomBytes(20)))
const ON_RAMP = zeroPadValue(address(), 32).toLowerCase()

function message(seq: bigint, tokens = 0): EVM2AnyRampMessage {
  return {
    header: {
      messageId: hexlify(randomBytes(32)),
      sourceChainSelector: 3379446385462418246n,
      destChainSelector: 7759470850252068959n,
      sequenceNumber: seq,
      nonce: seq,
    },
    sender: address(),
    data: hexlify(randomBytes(Number(seq % 40n))),
    receiver: coder.encode(['address'], [address()]),
    extraArgs: encodeExtraArgs({ gasLimit: 200_000n, allowOutOfOrderExecution: false }),
    feeToken: address(),
    feeTokenAmount: 1n,
    feeValueJuels: 1n,
    tokenAmounts: Array.from({ length: tokens }, () => ({
      sourcePoolAddress: address(),
      destTokenAddress: coder.encode(['address'], [address()]),
      extraData: '0x',
      amount: 5n,
      destExecData: coder.encode(['uint32'], [90_000]),
    })),
  }
}

/** A committed root over seqs [min, max], built the way the commit DON builds it. */
function committed(messages: EVM2AnyRampMessage[]): MerkleRoot {
  const leaves = messages.map((m) => leafHash(toAny2EVM(m), ON_RAMP))
  return {
    sourceChainSelector: 3379446385462418246n,
    onRampAddress: ON_RAMP,
    minSeqNr: messages[0]!.header.sequenceNumber,
    maxSeqNr: messages[messages.length - 1]!.header.sequenceNumber,
    merkleRoot: new MerkleTree(leaves).root,
  }
}

describe('manual execution: the proof rebuilt from source messages', () => {
  const batch = [10n, 11n, 12n, 13n, 14n].map((s) => message(s, s === 12n ? 1 : 0))
  const root = committed(batch)

  it('proves each message of the root against the committed root, in any log order', () => {
    const shuffled = [batch[3]!, batch[0]!, batch[4]!, batch[2]!, batch[1]!, message(99n)]
    for (const target of batch) {
      const built = buildManualExecReport(shuffled, target.header.sequenceNumber, root)
      if (!built.ok) throw new Error(`expected a report, got ${built.problem}`)
      const [executed] = built.report.messages
      expect(built.leafCount).toBe(5)
      expect(executed).toEqual(toAny2EVM(target))
      expect(built.report.sourceChainSelector).toBe(target.header.sourceChainSelector)
      expect(built.report.offchainTokenData).toEqual([target.tokenAmounts.map(() => '0x')])
      const leaf = leafHash(executed!, ON_RAMP)
      expect(
        rootFromProof([leaf], { proofs: built.report.proofs, proofFlagBits: built.report.proofFlagBits }),
      ).toBe(root.merkleRoot)
    }
  })

  it('a single-message root needs no proof', () => {
    const one = [message(1n)]
    const built = buildManualExecReport(one, 1n, committed(one))
    expect(built.ok && built.report.proofs).toEqual([])
  })

  it('reports the sequence numbers the source logs are missing', () => {
    expect(buildManualExecReport([batch[0]!, batch[2]!, batch[4]!], 10n, root)).toEqual({
      ok: false,
      problem: 'missing',
      missing: [11n, 13n],
    })
  })

  it('refuses when the rebuilt root differs from the committed one (a tampered message)', () => {
    const tampered = batch.map((m, i) => (i === 1 ? { ...m, data: '0xdead' } : m))
    const built = buildManualExecReport(tampered, 10n, root)
    expect(built.ok).toBe(false)
    expect(!built.ok && built.problem).toBe('mismatch')
  })
})

describe('manual execution: when the OffRamp allows it', () => {
  const base = { committedAt: 1_000, now: 1_000, thresholdSeconds: 3_600 }

  it('a FAILURE any time; never a SUCCESS or an unknown message', () => {
    expect(manualExecCheck({ ...base, state: 'FAILURE' })).toEqual({ allowed: true, because: 'failed' })
    expect(manualExecCheck({ ...base, state: 'SUCCESS' })).toEqual({ allowed: false, because: 'executed' })
    expect(manualExecCheck({ ...base, state: 'UNKNOWN' })).toEqual({ allowed: false, because: 'unknown' })
  })

  it('an uncommitted message never', () => {
    for (const state of ['SENT', 'SOURCE_FINALIZED'] as const) {
      expect(manualExecCheck({ ...base, state, committedAt: undefined })).toEqual({
        allowed: false,
        because: 'not-committed',
      })
    }
  })

  it('an untouched committed message strictly after the permissionless threshold', () => {
    for (const state of ['COMMITTED', 'BLESSED'] as const) {
      expect(manualExecCheck({ ...base, state, now: 4_600 })).toEqual({
        allowed: false,
        because: 'too-early',
        opensAt: 4_601,
      })
      expect(manualExecCheck({ ...base, state, now: 4_601 })).toEqual({
        allowed: true,
        because: 'threshold-passed',
      })
    }
  })
})
