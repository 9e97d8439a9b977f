import {
  Contract,
  hexlify,
  Interface,
  type JsonRpcProvider,
  randomBytes,
  toBeHex,
  zeroPadValue,
} from 'ethers'
import { ccipAbi, ownArtifact } from '../../src/chain/artifacts.js'
import { onRampBytes } from '../../src/protocol/abi-words.js'
import {
  encodeCommitReport,
  ocrReportDigest,
  packOcrSignatures,
  rmnReportDigest,
  toRmnSignature,
} from '../../src/protocol/reports.js'
import { laneSubject } from '../../src/protocol/rmn-subjects.js'
import type { MerkleRoot } from '../../src/protocol/types.js'
import type { ChainDeployment, Deployment } from '../../src/stack/deployment.js'
import { nodeWallet } from '../../src/stack/node-keys.js'
import { DON } from '../../src/stack/settings.js'

/**
 * A compromised commit DON, for the RMN-monitor test and the bench: F+1 commit signing keys and
 * fSign+1 RMN signing keys (every lane requires blessing) sign a root no message on the source
 * backs, and a commit transmitter puts it on the destination's OffRamp.
 */
export interface ForgedCommit {
  root: MerkleRoot
  /** Block of the accepted forged commit on the destination. */
  blockNumber: number
}

const chainOf = (deployment: Deployment, name: string): ChainDeployment => {
  const chain = deployment.chains.find((c) => c.name === name)
  if (chain === undefined) throw new Error(`no chain ${name} in the deployment`)
  return chain
}
const byAddress = (a: { address: string }, b: { address: string }) =>
  BigInt(a.address) < BigInt(b.address) ? -1 : 1
// The OCR3 report context's second word (epoch and round): any value; only price updates are
// checked for monotonic sequence numbers, and a forged report carries none.
const EPOCH_ROUND = zeroPadValue(toBeHex(1_000_000n), 32)

/** Commit a forged root for `source`'s next sequence number on `dest`; throws unless it is accepted. */
export async function forgeCommit(
  deployment: Deployment,
  source: string,
  dest: string,
  provider: JsonRpcProvider,
): Promise<ForgedCommit> {
  const [from, to] = [chainOf(deployment, source), chainOf(deployment, dest)]
  const offRamp = new Contract(to.contracts.offRamp!, ccipAbi('offRamp'), provider)
  const next = BigInt((await offRamp.getFunction('getSourceChainConfig')(from.selector)).minSeqNr)
  const root: MerkleRoot = {
    sourceChainSelector: BigInt(from.selector),
    onRampAddress: onRampBytes(from.contracts.onRamp!),
    minSeqNr: next,
    maxSeqNr: next,
    merkleRoot: hexlify(randomBytes(32)),
  }
  const rmnContext = {
    destChainId: BigInt(to.chainId),
    destChainSelector: BigInt(to.selector),
    rmnRemote: to.contracts.rmnRemote,
    offRamp: to.contracts.offRamp!,
    rmnHomeConfigDigest: deployment.rmn.homeConfigDigest,
  }
  // RMNRemote.verify wants the signatures sorted by signer address.
  const rmnKeys = Array.from({ length: DON.fSign + 1 }, (_, i) => nodeWallet('rmn', i)).sort(byAddress)
  const report = encodeCommitReport({
    priceUpdates: { tokenPriceUpdates: [], gasPriceUpdates: [] },
    blessedMerkleRoots: [root],
    unblessedMerkleRoots: [],
    rmnSignatures: rmnKeys.map((k) => toRmnSignature(k.signingKey.sign(rmnReportDigest(rmnContext, [root])))),
  })
  const context: [string, string] = [deployment.ocr.commitConfigDigest[dest]!, EPOCH_ROUND]
  const { rs, ss, rawVs } = packOcrSignatures(
    Array.from({ length: DON.f + 1 }, (_, i) =>
      nodeWallet('commit', i).signingKey.sign(ocrReportDigest(report, context)),
    ),
  )
  // Any configured transmitter may call commit; the signatures are what the OffRamp checks.
  const transmitter = nodeWallet('commitTransmitter', DON.commitNodes - 1).connect(provider)
  const tx = await transmitter.sendTransaction({
    to: to.contracts.offRamp!,
    data: offRamp.interface.encodeFunctionData('commit', [context, report, rs, ss, rawVs]),
    gasLimit: 1_000_000,
  })
  const receipt = await tx.wait()
  // A revert would mean the signatures are not real, and the test or bench measures nothing.
  if (receipt?.status !== 1) throw new Error(`forged commit ${tx.hash} was not accepted`)
  return { root, blockNumber: receipt.blockNumber }
}

const authorityInterface = new Interface(ownArtifact('curseAuthority').abi)

/** The CurseAuthority of `dest`, to read its SubjectCursed and VotedToCurse events. */
export function curseAuthorityOf(deployment: Deployment, dest: string, provider: JsonRpcProvider): Contract {
  return new Contract(chainOf(deployment, dest).contracts.curseAuthority, authorityInterface, provider)
}

/** Block in which `dest` cursed `source` (SubjectCursed); waits for the RMN's votes up to `timeoutMs`. */
export async function waitForCurse(
  deployment: Deployment,
  source: string,
  dest: string,
  provider: JsonRpcProvider,
  timeoutMs = 20_000,
): Promise<number> {
  const subject = laneSubject(BigInt(chainOf(deployment, source).selector))
  const rmnRemote = new Contract(
    chainOf(deployment, dest).contracts.rmnRemote,
    ccipAbi('rmnRemote'),
    provider,
  )
  const deadline = Date.now() + timeoutMs
  while (!(await rmnRemote.getFunction('isCursed(bytes16)')(subject))) {
    if (Date.now() > deadline) throw new Error(`${source} was not cursed on ${dest} within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 100))
  }
  const authority = curseAuthorityOf(deployment, dest, provider)
  const cursed = await authority.queryFilter(authority.filters.SubjectCursed!(subject), 0)
  const last = cursed.at(-1)
  if (last === undefined) throw new Error(`${source} is cursed on ${dest} but not by its CurseAuthority`)
  return last.blockNumber
}
