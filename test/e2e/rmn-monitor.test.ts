import { join } from 'node:path'
import { Contract, hexlify, Interface, randomBytes, toBeHex, zeroPadValue } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ccipAbi, ownArtifact } from '../../src/chain/artifacts.js'
import { makeProvider } from '../../src/chain/provider.js'
import { readJson } from '../../src/fs-atomic.js'
import { onRampBytes } from '../../src/protocol/hashing.js'
import {
  encodeCommitReport,
  ocrReportDigest,
  packOcrSignatures,
  rmnReportDigest,
  toRmnSignature,
} from '../../src/protocol/reports.js'
import type { MerkleRoot } from '../../src/protocol/types.js'
import type { Deployment } from '../../src/stack/deployment.js'
import { nodeWallet } from '../../src/stack/node-keys.js'
import type { StackStatus } from '../../src/stack/status.js'
import { jsonOf, runCli, tempHome } from '../helpers/cli.js'

/**
 * The RMN as an independent firewall: F+1 compromised commit keys (and fSign+1 compromised RMN
 * signing keys, since every lane requires blessing) put a forged root on chain; the honest RMN
 * node processes audit the commit, cannot reproduce the root from the source chain, vote, and
 * the curse authority curses the lane.
 */
const PORT_BASE = 28545
const { home, cleanup } = tempHome('rmn')
const cli = (...args: string[]) => runCli(args, { home })
let stack: StackStatus
let deployment: Deployment

beforeAll(async () => {
  const up = await cli('local', 'up', '--detach', '--json', '--port-base', String(PORT_BASE))
  expect(up.code, up.stderr).toBe(0)
  stack = jsonOf<StackStatus>(up)
  deployment = readJson<Deployment>(join(home, 'local', 'deployment.json'))!
})
afterAll(async () => {
  if (process.env.KEEP_HOME === undefined) await cli('local', 'reset')
  if (process.env.KEEP_HOME === undefined) cleanup()
})

describe('a forged commit is caught by the RMN and the lane is cursed automatically', () => {
  it('curses alpha on beta within 3 blocks of a forged root, and nothing from it executes', async () => {
    const alpha = stack.chains[0]!
    const beta = stack.chains[1]!
    const provider = makeProvider(beta.rpcUrl!, beta.chainId)
    const offRamp = new Contract(beta.contracts.offRamp, ccipAbi('offRamp'), provider)
    const expected = BigInt((await offRamp.getFunction('getSourceChainConfig')(alpha.selector)).minSeqNr)
    const forged: MerkleRoot = {
      sourceChainSelector: BigInt(alpha.selector),
      onRampAddress: onRampBytes(alpha.contracts.onRamp),
      minSeqNr: expected,
      maxSeqNr: expected,
      merkleRoot: hexlify(randomBytes(32)),
    }
    const rmnContext = {
      destChainId: BigInt(beta.chainId),
      destChainSelector: BigInt(beta.selector),
      rmnRemote: beta.contracts.rmnRemote,
      offRamp: beta.contracts.offRamp,
      rmnHomeConfigDigest: deployment.rmn.homeConfigDigest,
    }
    const rmnKeys = [nodeWallet('rmn', 0), nodeWallet('rmn', 1)].sort((a, b) =>
      BigInt(a.address) < BigInt(b.address) ? -1 : 1,
    )
    const rmnSignatures = rmnKeys.map((k) =>
      toRmnSignature(k.signingKey.sign(rmnReportDigest(rmnContext, [forged]))),
    )
    const report = encodeCommitReport({
      priceUpdates: { tokenPriceUpdates: [], gasPriceUpdates: [] },
      blessedMerkleRoots: [forged],
      unblessedMerkleRoots: [],
      rmnSignatures,
    })
    const context: [string, string] = [
      deployment.ocr.commitConfigDigest.beta!,
      zeroPadValue(toBeHex(1_000_000n), 32),
    ]
    const sigs = [nodeWallet('commit', 0), nodeWallet('commit', 1)].map((k) =>
      k.signingKey.sign(ocrReportDigest(report, context)),
    )
    const { rs, ss, rawVs } = packOcrSignatures(sigs)
    const transmitter = nodeWallet('commitTransmitter', 3).connect(provider)
    const tx = await transmitter.sendTransaction({
      to: beta.contracts.offRamp,
      data: new Interface(ccipAbi('offRamp')).encodeFunctionData('commit', [context, report, rs, ss, rawVs]),
      gasLimit: 1_000_000,
    })
    const commitReceipt = (await tx.wait())!
    expect(commitReceipt.status).toBe(1) // the chain accepted the forged root: the signatures are real

    const rmnRemote = new Contract(beta.contracts.rmnRemote, ccipAbi('rmnRemote'), provider)
    const subject = zeroPadValue(toBeHex(BigInt(alpha.selector)), 16)
    const deadline = Date.now() + 20_000
    while (!(await rmnRemote.getFunction('isCursed(bytes16)')(subject))) {
      if (Date.now() > deadline) throw new Error('lane was not cursed within 20 s')
      await new Promise((r) => setTimeout(r, 100))
    }
    const authority = new Contract(
      deployment.chains[1]!.contracts.curseAuthority,
      ownArtifact('curseAuthority').abi,
      provider,
    )
    const [cursed] = await authority.queryFilter(authority.filters.SubjectCursed!(subject), 0)
    expect(cursed).toBeDefined()
    const blocks = cursed!.blockNumber - commitReceipt.blockNumber
    process.stderr.write(`automatic curse ${blocks} blocks after the forged commit\n`)
    expect(blocks).toBeLessThanOrEqual(3)
    const votes = await authority.queryFilter(authority.filters.VotedToCurse!(null, subject), 0)
    expect(
      new Set(votes.map((v) => (v as unknown as { args: { voter: string } }).args.voter)).size,
    ).toBeGreaterThanOrEqual(2)

    // Nothing from the forged root executes.
    await new Promise((r) => setTimeout(r, 1_500))
    expect(Number(await offRamp.getFunction('getExecutionState')(alpha.selector, expected))).toBe(0)

    const status = jsonOf<
      { chain: string; cursed: { label: string; by: string; reason: string | null }[] }[]
    >(await cli('rmn', 'status', '--json'))
    const onBeta = status.find((s) => s.chain === 'beta')!
    expect(onBeta.cursed).toContainEqual(expect.objectContaining({ label: 'alpha', by: 'rmn-vote' }))
    expect(onBeta.cursed[0]!.reason).toMatch(/cannot|not on the source|does not match/)
    provider.destroy()
  })
})
