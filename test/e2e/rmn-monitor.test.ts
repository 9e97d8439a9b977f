import { join } from 'node:path'
import { Contract } from 'ethers'
import { beforeAll, describe, expect, it } from 'vitest'
import { ccipAbi } from '../../src/chain/artifacts.js'
import { readJson } from '../../src/fs-atomic.js'
import { laneSubject } from '../../src/protocol/rmn-subjects.js'
import type { Deployment } from '../../src/stack/deployment.js'
import type { StackStatus } from '../../src/stack/status.js'
import { makeProvider } from '../helpers/chain.js'
import { jsonOf } from '../helpers/cli.js'
import { curseAuthorityOf, forgeCommit, waitForCurse } from '../helpers/forge.js'
import { fileStack } from '../helpers/stack.js'

/**
 * The RMN as an independent firewall: F+1 compromised commit keys (and fSign+1 compromised RMN
 * signing keys, since every lane requires blessing) put a forged root on chain; the honest RMN
 * node processes audit the commit, cannot reproduce the root from the source chain, vote, and
 * the curse authority curses the lane.
 */
const harness = fileStack('rmn')
const home = harness.home
const cli = (...args: string[]) => harness.cli(args)
let stack: StackStatus
let deployment: Deployment

beforeAll(async () => {
  stack = harness.status
  deployment = readJson<Deployment>(join(home, 'local', 'deployment.json'))!
})

describe('a forged commit is caught by the RMN and the lane is cursed automatically', () => {
  it('curses alpha on beta within 3 blocks of a forged root, and nothing from it executes', async () => {
    const alpha = stack.chains[0]!
    const beta = stack.chains[1]!
    const provider = makeProvider(beta.rpcUrl!, beta.chainId)
    const offRamp = new Contract(beta.contracts.offRamp!, ccipAbi('offRamp'), provider)
    const forged = await forgeCommit(deployment, 'alpha', 'beta', provider)
    const cursedIn = await waitForCurse(deployment, 'alpha', 'beta', provider)
    const blocks = cursedIn - forged.blockNumber
    process.stderr.write(`automatic curse ${blocks} blocks after the forged commit\n`)
    expect(blocks).toBeLessThanOrEqual(3)
    const authority = curseAuthorityOf(deployment, 'beta', provider)
    const votes = await authority.queryFilter(
      authority.filters.VotedToCurse!(null, laneSubject(forged.root.sourceChainSelector)),
      0,
    )
    expect(
      new Set(votes.map((v) => (v as unknown as { args: { voter: string } }).args.voter)).size,
    ).toBeGreaterThanOrEqual(2)

    // Nothing from the forged root executes.
    await new Promise((r) => setTimeout(r, 1_500))
    const seq = forged.root.minSeqNr
    expect(Number(await offRamp.getFunction('getExecutionState')(alpha.selector, seq))).toBe(0)

    const status = jsonOf<
      { chain: string; cursed: { label: string; by: string; reason: string | null }[] }[]
    >(await cli('rmn', 'status', '--json'))
    const onBeta = status.find((s) => s.chain === 'beta')!
    expect(onBeta.cursed).toContainEqual(expect.objectContaining({ label: 'alpha', by: 'rmn-vote' }))
    expect(onBeta.cursed[0]!.reason).toMatch(/cannot|not on the source|does not match/)
    provider.destroy()
  })
})
