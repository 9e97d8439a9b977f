import { describe, expect, it } from 'vitest'
import { devAccount } from '../../src/profiles/dev-keys.js'
import { commitRoots, EVENT_TOPICS } from '../../src/protocol/event-words.js'
import { stackLogTail } from '../helpers/cli.js'
import { FINALITY, reorgStack } from '../helpers/reorg-stack.js'
import { sendRaw, waitExecuted } from '../helpers/send.js'

/**
 * Reorgs below the finality depth on a destination chain: an execution or a commit taken back
 * must be done again, though the nodes had already moved on from it. Real anvil chains; the
 * reorgs are anvil's own `anvil_reorg`.
 */
const SUCCESS = 2
const { home, chain, startMining, stopMining, curses } = reorgStack('reorg-dest', 22845)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('a reorg below the finality depth on the destination', () => {
  it('executes again a message whose execution the reorg took back', async () => {
    const [alpha, beta] = [chain('alpha'), chain('beta')]
    const executions = async (id: string) =>
      beta.provider.getLogs({
        address: beta.contracts.offRamp!,
        topics: [EVENT_TOPICS.executionStateChanged, null, null, id],
        fromBlock: 0,
      })
    // Beta mines by hand from here: the test knows the block the execution landed in.
    await stopMining(beta)
    const sender = devAccount(7)
    const [id] = await sendRaw(sender, alpha.provider, [
      { router: alpha.contracts.router, destSelector: beta.selector, receiver: sender.address },
    ])
    let executedIn: number | undefined
    for (let i = 0; i < 150 && executedIn === undefined; i++) {
      await beta.provider.send('evm_mine', [])
      await sleep(200)
      executedIn = (await executions(id!))[0]?.blockNumber
    }
    expect(executedIn, stackLogTail(home, 'nodes')).toBeDefined()
    // Four more rounds: each execution node leads one and reads the execution's block.
    for (let i = 0; i < 4; i++) {
      await beta.provider.send('evm_mine', [])
      await sleep(300)
    }
    const depth = (await beta.provider.getBlockNumber()) - executedIn! + 1
    expect(depth).toBeLessThanOrEqual(FINALITY)

    // Empty blocks in place of the execution's: the message is untouched again on beta.
    await beta.provider.send('anvil_reorg', [depth, []])
    expect(await executions(id!)).toEqual([])
    await startMining(beta)
    const states = await waitExecuted(beta.provider, beta.contracts.offRamp!, [id!], 30_000)
    expect(states.get(id!), stackLogTail(home, 'nodes')).toEqual([SUCCESS])
    expect(stackLogTail(home, 'nodes', 2_000)).toMatch(/exec \d: reorg: beta replaced blocks/)
    expect(await curses()).toEqual([])
  })
})

describe('a reorg below the finality depth that takes back a commit', () => {
  it('commits again what the reorg took back, though the nodes had let go of it', async () => {
    const [alpha, beta] = [chain('alpha'), chain('beta')]
    await stopMining(beta)
    const sender = devAccount(9)
    const from = await beta.provider.getBlockNumber()
    const [id] = await sendRaw(sender, alpha.provider, [
      { router: alpha.contracts.router, destSelector: beta.selector, receiver: sender.address },
    ])
    // Commits of alpha roots (price-only commits do not count).
    const commits = async () =>
      (
        await beta.provider.getLogs({
          address: beta.contracts.offRamp!,
          topics: [EVENT_TOPICS.commitReportAccepted],
          fromBlock: from,
        })
      ).filter((l) => commitRoots(l).blessed.some((r) => r.sourceChainSelector === alpha.selector))
    let committedIn: number | undefined
    for (let i = 0; i < 150 && committedIn === undefined; i++) {
      await beta.provider.send('evm_mine', [])
      await sleep(200)
      committedIn = (await commits())[0]?.blockNumber
    }
    expect(committedIn, stackLogTail(home, 'nodes')).toBeDefined()
    // Alpha's blocks drive commit rounds: each commit node leads one and prunes the committed send.
    await sleep(1_500)
    const depth = (await beta.provider.getBlockNumber()) - committedIn! + 1
    expect(depth).toBeLessThanOrEqual(FINALITY)
    await beta.provider.send('anvil_reorg', [depth, []])
    expect(await commits()).toEqual([])

    await startMining(beta)
    const states = await waitExecuted(beta.provider, beta.contracts.offRamp!, [id!], 30_000)
    expect(states.get(id!), stackLogTail(home, 'nodes')).toEqual([SUCCESS])
    expect(await curses()).toEqual([])
  })
})
