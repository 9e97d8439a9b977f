import { hexlify, toUtf8Bytes } from 'ethers'
import { describe, expect, it } from 'vitest'
import { fromEthersLog } from '../../src/chain/chain.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import { onRampBytes } from '../../src/protocol/abi-words.js'
import { commitRoots, EVENT_TOPICS } from '../../src/protocol/event-words.js'
import { decodeMessageSent, type SentMessage } from '../../src/protocol/events.js'
import { leafHash, toAny2EVM } from '../../src/protocol/hashing.js'
import { MerkleTree } from '../../src/protocol/merkle.js'
import { jsonOf, stackLogTail } from '../helpers/cli.js'
import { sentBy, signedSend } from '../helpers/reorg.js'
import { FINALITY, reorgStack } from '../helpers/reorg-stack.js'
import { sendRaw, waitExecuted } from '../helpers/send.js'

/**
 * Reorgs on a source chain. Below the finality depth, one replaces a send the commit DON has
 * already seen with a different message under the same sequence number: the nodes must notice
 * that the blocks they read are gone, read again, and commit and execute the message the chain
 * now holds, never the one reorged out. Deeper than the finality depth, they must fail closed.
 * Real anvil chains; the reorgs are anvil's own `anvil_reorg`.
 */
const SUCCESS = 2
const { home, cli, chain, startMining, stopMining, curses } = reorgStack('reorg', 22745)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The uncommitted messages the commit DON reports for a lane (`local status`). */
async function uncommitted(source: string, dest: string): Promise<number> {
  const status = jsonOf<{ nodes: { lanes: { source: string; dest: string; uncommitted: number }[] } }>(
    await cli('local', 'status', '--json'),
  )
  return status.nodes.lanes.find((l) => l.source === source && l.dest === dest)?.uncommitted ?? 0
}

describe('a reorg below the finality depth', () => {
  it('commits and executes the message that replaced a seen send, never the reorged-out one', async () => {
    const [alpha, beta] = [chain('alpha'), chain('beta')]
    const sender = devAccount(6)
    // Two sends from one account with one nonce: the chain can hold only one of them.
    const nonce = await alpha.provider.getTransactionCount(sender.address)
    const lane = { router: alpha.contracts.router, destSelector: beta.selector, chainId: alpha.chainId }
    const [original, replacement] = await Promise.all(
      ['original', 'replacement'].map((text) => signedSend(sender, alpha.provider, lane, text, nonce)),
    )

    // Alpha mines only when the test says: the nodes see the original send while it is not final.
    await stopMining(alpha)
    const originalHash = await alpha.provider.send('eth_sendRawTransaction', [original])
    await alpha.provider.send('evm_mine', [])
    const sentOriginal = await sentBy(alpha.provider, originalHash)
    const idOriginal = sentOriginal.message.header.messageId
    const seq = sentOriginal.message.header.sequenceNumber

    // Every commit node leads a round in turn (beta keeps mining): give each time to read the send.
    const deadline = Date.now() + 10_000
    while ((await uncommitted('alpha', 'beta')) < 1 && Date.now() < deadline) await sleep(100)
    expect(await uncommitted('alpha', 'beta'), 'the commit DON never saw the original send').toBe(1)
    // Two more (empty) blocks, and every node has read past the replacement's block-to-be.
    await alpha.provider.send('evm_mine', [])
    await alpha.provider.send('evm_mine', [])
    const betaSeen = await beta.provider.getBlockNumber()
    while ((await beta.provider.getBlockNumber()) < betaSeen + 12) await sleep(100)

    // Replace the last 3 blocks (below the finality depth of 5): the replacement lands one block
    // later than the original did.
    const head = await alpha.provider.getBlockNumber()
    expect(head - sentOriginal.blockNumber).toBeLessThan(FINALITY)
    await alpha.provider.send('anvil_reorg', [3, [[replacement, 1]]])
    expect(await alpha.provider.getBlockNumber()).toBe(head)
    const logs = await alpha.provider.getLogs({
      address: alpha.contracts.onRamp!,
      topics: [EVENT_TOPICS.ccipMessageSent],
      fromBlock: sentOriginal.blockNumber - 1,
      toBlock: head,
    })
    expect(logs).toHaveLength(1)
    const sentReplacement = decodeMessageSent(fromEthersLog(logs[0]!))
    const idReplacement = sentReplacement.message.header.messageId
    expect(sentReplacement.message.header.sequenceNumber).toBe(seq)
    expect(idReplacement).not.toBe(idOriginal)

    await startMining(alpha)
    const states = await waitExecuted(beta.provider, beta.contracts.offRamp!, [idReplacement], 30_000)
    expect(states.get(idReplacement), stackLogTail(home, 'nodes')).toEqual([SUCCESS])

    // The committed root over `seq` is the replacement's leaf, and the original never executes.
    const commits = await beta.provider.getLogs({
      address: beta.contracts.offRamp!,
      topics: [EVENT_TOPICS.commitReportAccepted],
      fromBlock: 0,
    })
    const roots = commits
      .flatMap((l) => commitRoots(l).blessed)
      .filter((r) => r.sourceChainSelector === alpha.selector && r.minSeqNr <= seq && seq <= r.maxSeqNr)
    expect(roots).toHaveLength(1)
    const leafOf = (s: SentMessage) => leafHash(toAny2EVM(s.message), onRampBytes(alpha.contracts.onRamp!))
    expect(roots[0]!.minSeqNr).toBe(seq)
    expect(roots[0]!.maxSeqNr).toBe(seq)
    expect(roots[0]!.merkleRoot).toBe(new MerkleTree([leafOf(sentReplacement)]).root)
    const originalStates = await waitExecuted(beta.provider, beta.contracts.offRamp!, [idOriginal], 0)
    expect(originalStates.has(idOriginal)).toBe(false)

    // The nodes said why they read again; none took the reorg for a finality violation.
    const log = stackLogTail(home, 'nodes', 2_000)
    expect(log).toMatch(/commit \d: reorg: alpha replaced blocks/)
    expect(log).not.toMatch(/FINALITY VIOLATED/)

    // No curse anywhere, and the lane keeps working: the next message from the same account.
    expect(await curses()).toEqual([])
    const [next] = await sendRaw(devAccount(6), alpha.provider, [
      { router: alpha.contracts.router, destSelector: beta.selector, receiver: sender.address },
    ])
    const nextStates = await waitExecuted(beta.provider, beta.contracts.offRamp!, [next!], 30_000)
    expect(nextStates.get(next!), stackLogTail(home, 'nodes')).toEqual([SUCCESS])
  })
})

describe('a reorg deeper than the finality depth', () => {
  it('stops everything from that source, says so on every commit node, and keeps the other lane', async () => {
    const [alpha, beta] = [chain('alpha'), chain('beta')]
    const sender = devAccount(8)
    const lane = { router: alpha.contracts.router, destSelector: beta.selector, receiver: sender.address }
    // A message all the way through: every commit node has just read alpha to verify its root.
    // (Finality is each node's own judgement: a node that read nothing of the replaced blocks
    // has nothing to notice.)
    const [delivered] = await sendRaw(sender, alpha.provider, [lane])
    const done = await waitExecuted(beta.provider, beta.contracts.offRamp!, [delivered!], 30_000)
    expect(done.get(delivered!), stackLogTail(home, 'nodes')).toEqual([SUCCESS])
    // Alpha is mined by the test's loop by now. Replace far more blocks than are final,
    // the delivered message's send among them: what production must never see.
    await alpha.provider.send('anvil_reorg', [3 * FINALITY, []])
    const commitErrors = async () =>
      jsonOf<{ nodes: { nodes: { role: string; lastError: string | null }[] } }>(
        await cli('local', 'status', '--json'),
      ).nodes.nodes.filter((n) => n.role === 'commit')
    const deadline = Date.now() + 15_000
    let nodes = await commitErrors()
    while (
      !nodes.every((n) => /finality violated on alpha/.test(n.lastError ?? '')) &&
      Date.now() < deadline
    ) {
      await sleep(200)
      nodes = await commitErrors()
    }
    expect(nodes.map((n) => n.lastError)).toEqual(
      nodes.map(() => expect.stringMatching(/finality violated on alpha/)),
    )

    // Nothing from alpha is committed any more; beta → alpha still works. (The first new send
    // takes the sequence number the reorg freed, which beta already executed; the second is the
    // one a commit DON that accepted the new chain would commit.)
    const fromAlpha = await sendRaw(sender, alpha.provider, [
      { ...lane, data: hexlify(toUtf8Bytes('after the violation')) },
      { ...lane, data: hexlify(toUtf8Bytes('after the violation, next')) },
    ])
    const [fromBeta] = await sendRaw(sender, beta.provider, [
      { router: beta.contracts.router, destSelector: alpha.selector, receiver: sender.address },
    ])
    const back = await waitExecuted(alpha.provider, alpha.contracts.offRamp!, [fromBeta!], 30_000)
    expect(back.get(fromBeta!), stackLogTail(home, 'nodes')).toEqual([SUCCESS])
    const betaNow = await beta.provider.getBlockNumber()
    while ((await beta.provider.getBlockNumber()) < betaNow + 3 * FINALITY) await sleep(200)
    const stuck = await waitExecuted(beta.provider, beta.contracts.offRamp!, fromAlpha, 0)
    expect(stuck.size).toBe(0)
    expect(stackLogTail(home, 'nodes', 2_000)).toMatch(/FINALITY VIOLATED: alpha replaced blocks/)
    expect(await curses()).toEqual([])
  })
})
