import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  Contract,
  ContractFactory,
  hexlify,
  Interface,
  type InterfaceAbi,
  type JsonRpcProvider,
  randomBytes,
} from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ccipAbi } from '../../src/chain/artifacts.js'
import { fromEthersLog } from '../../src/chain/chain.js'
import { createContext } from '../../src/context.js'
import { getMessageStatus } from '../../src/messages/status.js'
import { packageRoot } from '../../src/package-root.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import { commitRoots, EVENT_TOPICS } from '../../src/protocol/event-words.js'
import { decodeExecutionChanged, decodeMessageSent } from '../../src/protocol/events.js'
import { decodeExtraArgs } from '../../src/protocol/hashing.js'
import type { MessageState } from '../../src/protocol/status.js'
import type { StackStatus } from '../../src/stack/status.js'
import type { StatusJson } from '../../src/ui/status.js'
import { makeProvider } from '../helpers/chain.js'
import { jsonOf, runCli } from '../helpers/cli.js'
import { sendRaw } from '../helpers/send.js'
import { fileStack } from '../helpers/stack.js'

/**
 * `ccip status`, `ccip messages list` and `ccip manual-exec` against a real stack with its nodes.
 * Half-second blocks and a finality depth of 4 keep each early state visible for a while (SENT
 * for ~2 s, SOURCE_FINALIZED until the commit lands). Messages are sent straight through the
 * Router as dev account 1; receivers belong to dev account 2, which also signs manual-exec.
 */
const signer = devAccount(2)
const harness = fileStack('status', {
  up: ['--block-time', '0.5', '--finality-depth', '4'],
  env: { CCIPKIT_PRIVATE_KEY: signer.privateKey },
})
const home = harness.home
const cli = (...args: string[]) => harness.cli(args)
const artifact = (name: string) =>
  // CAST: the committed solc artifacts of fixtures/contracts.
  JSON.parse(readFileSync(join(packageRoot(), 'fixtures/contracts/artifacts', `${name}.json`), 'utf8')) as {
    abi: InterfaceAbi
    bytecode: string
  }
const PATH: MessageState[] = ['SENT', 'SOURCE_FINALIZED', 'COMMITTED', 'BLESSED', 'SUCCESS']

let stack: StackStatus
const providers: JsonRpcProvider[] = []
const chain = (name: string) => {
  const c = stack.chains.find((x) => x.name === name)!
  const provider = makeProvider(c.rpcUrl!, c.chainId)
  providers.push(provider)
  return { ...c, provider, selector: BigInt(c.selector) }
}
let alpha: ReturnType<typeof chain>
let beta: ReturnType<typeof chain>
let gamma: ReturnType<typeof chain>
let recorder: Contract
let reverting: Contract

async function deploy(name: string, ...args: unknown[]): Promise<Contract> {
  const { abi, bytecode } = artifact(name)
  const factory = new ContractFactory(abi, bytecode, signer.connect(beta.provider))
  const contract = await factory.deploy(...args)
  await contract.waitForDeployment()
  return new Contract(await contract.getAddress(), abi, signer.connect(beta.provider))
}

async function send(from: ReturnType<typeof chain>, to: ReturnType<typeof chain>, receiver: string) {
  const [id] = await sendRaw(devAccount(1), from.provider, [
    { router: from.contracts.router, destSelector: to.selector, receiver, data: hexlify(randomBytes(20)) },
  ])
  return id!
}

/** Poll the library until `id` is in one of `states`; returns every state seen on the way, in order. */
async function until(id: string, states: MessageState[], timeoutMs = 60_000): Promise<MessageState[]> {
  const seen: MessageState[] = []
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const { state } = await getMessageStatus(createContext(home), id)
    if (seen[seen.length - 1] !== state) seen.push(state)
    if (states.includes(state)) return seen
    if (Date.now() > deadline) throw new Error(`${id} still ${state} after ${timeoutMs} ms (seen ${seen})`)
    await new Promise((r) => setTimeout(r, 40))
  }
}

beforeAll(async () => {
  stack = harness.status
  ;[alpha, beta, gamma] = [chain('alpha'), chain('beta'), chain('gamma')]
  recorder = await deploy('MessageRecorder', beta.contracts.router)
  reverting = await deploy('RevertingReceiver', beta.contracts.router, true)
})
afterAll(async () => {
  for (const p of providers) p.destroy()
})

describe('ccip status', () => {
  it('refuses a malformed id (exit 2) and reports an unknown one as not found (exit 3)', async () => {
    const bad = await cli('status', '0x1234')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/^error: .*message id: 0x followed by 64 hex digits\nhint: /)
    const unknown = hexlify(randomBytes(32))
    const missing = await cli('status', unknown)
    expect(missing.code, missing.stderr).toBe(3)
    expect(missing.stdout).toBe('')
    expect(missing.stderr.split('\n')).toEqual([
      `error: No CCIP message ${unknown} on any chain profile with a CCIP Router`,
      expect.stringMatching(/^hint: check the id/),
      '',
    ])
    const json = await cli('status', unknown, '--json', '--from', 'alpha')
    expect(json.code).toBe(3)
    expect(JSON.parse(json.stderr).error.code).toBe('MESSAGE_NOT_FOUND')
  })

  it('follows a data message SENT → SOURCE_FINALIZED → COMMITTED → BLESSED → SUCCESS from chain data', async () => {
    const id = await send(alpha, beta, await recorder.getAddress())
    const seen = await until(id, ['SUCCESS'])
    expect(seen.slice(0, 2)).toEqual(['SENT', 'SOURCE_FINALIZED'])
    expect(PATH.filter((s) => seen.includes(s))).toEqual(seen) // never out of order, nothing else

    const run = await cli('status', id, '--json')
    expect(run.code, run.stderr).toBe(0)
    const status = jsonOf<StatusJson>(run)
    expect(Object.keys(status)).toEqual([
      'messageId',
      'version',
      'state',
      'sourceChain',
      'destChain',
      'sequenceNumber',
      'nonce',
      'sender',
      'receiver',
      'data',
      'gasLimit',
      'fee',
      'tokenAmounts',
      'merkleRoot',
      'phases',
    ])
    expect(status).toMatchObject({ messageId: id, state: 'SUCCESS', sourceChain: 'alpha', destChain: 'beta' })
    expect(status.phases.map((p) => p.state)).toEqual(PATH)
    for (const p of status.phases)
      expect(Object.keys(p)).toEqual(['state', 'txHash', 'blockNumber', 'timestamp'])
    const [sent, finalized, committed, blessed, success] = status.phases

    // Each phase is what the chains say: the send event, 4 blocks of finality, the blessed root, the execution.
    const receipt = (await alpha.provider.getTransactionReceipt(sent!.txHash!))!
    const event = decodeMessageSent(
      fromEthersLog(receipt.logs.find((l) => l.topics[0] === EVENT_TOPICS.ccipMessageSent)!),
    )
    expect(event.message.header.messageId).toBe(id)
    expect(status.sequenceNumber).toBe(event.message.header.sequenceNumber.toString())
    expect(status.nonce).toBe(event.message.header.nonce.toString())
    expect(sent!.blockNumber).toBe(receipt.blockNumber)
    expect(finalized).toMatchObject({ txHash: null, blockNumber: sent!.blockNumber! + 4 })
    const commitLog = (await beta.provider.getTransactionReceipt(committed!.txHash!))!.logs.find(
      (l) => l.topics[0] === EVENT_TOPICS.commitReportAccepted,
    )!
    const seq = event.message.header.sequenceNumber
    const root = commitRoots(commitLog).blessed.find((r) => r.minSeqNr <= seq && seq <= r.maxSeqNr)
    expect(root).toBeDefined()
    // What the text view shows is in the JSON too, read from the send and the commit.
    expect(status).toMatchObject({
      sender: devAccount(1).address,
      receiver: await recorder.getAddress(),
      data: event.message.data.toLowerCase(),
      gasLimit: decodeExtraArgs(event.message.extraArgs).gasLimit.toString(),
      fee: { token: event.message.feeToken, amount: event.message.feeTokenAmount.toString() },
      tokenAmounts: [],
      merkleRoot: {
        root: root!.merkleRoot,
        minSeqNr: root!.minSeqNr.toString(),
        maxSeqNr: root!.maxSeqNr.toString(),
      },
    })
    expect(blessed).toEqual({ ...committed, state: 'BLESSED' })
    const execLog = (await beta.provider.getTransactionReceipt(success!.txHash!))!.logs.find(
      (l) => l.topics[0] === EVENT_TOPICS.executionStateChanged,
    )!
    expect(decodeExecutionChanged(fromEthersLog(execLog))).toMatchObject({ messageId: id, state: 2 })
    expect(await recorder.getFunction('received')(id)).toBe(true)
    // Block numbers grow on each chain; times never go backwards across both.
    expect(committed!.blockNumber).toBeLessThan(success!.blockNumber!)
    const times = status.phases.map((p) => p.timestamp)
    expect([...times].sort((a, b) => a - b)).toEqual(times)

    const text = await cli('status', id)
    expect(text.code).toBe(0)
    expect(text.stdout).toContain(`Message ${id}: SUCCESS`)
    expect(text.stdout).toMatch(new RegExp(`SUCCESS +beta +${success!.blockNumber} +${success!.txHash}`))
  })

  it('--watch without a terminal prints a line per state on stderr and the result on stdout', async () => {
    const id = await send(gamma, beta, await recorder.getAddress())
    const run = await cli('status', id, '--watch', '--json')
    expect(run.code, run.stderr).toBe(0)
    expect(jsonOf<StatusJson>(run).state).toBe('SUCCESS')
    const lines = run.stderr.trim().split('\n')
    expect(lines.map((l) => l.split(/\s+/)[2])).toEqual(PATH)
    expect(lines[0]).toMatch(/SENT +gamma block \d+ +tx 0x[0-9a-f]{64}$/)
  })

  it('status finds a message without loading ethers, ink or react', async () => {
    const [id] = await sendRaw(devAccount(1), alpha.provider, [
      { router: alpha.contracts.router, destSelector: gamma.selector, receiver: signer.address },
    ])
    const traced = spawnSync(
      process.execPath,
      [
        '--import',
        join(packageRoot(), 'test/helpers/trace-loads.mjs'),
        join(packageRoot(), 'dist/bin/ccip.js'),
        'status',
        id!,
        '--json',
      ],
      { env: { ...process.env, CCIPKIT_HOME: home }, encoding: 'utf8' },
    )
    expect(traced.status, traced.stderr).toBe(0)
    expect(JSON.parse(traced.stdout).messageId).toBe(id)
    expect(traced.stderr.split('\n').filter((u) => /node_modules\/(ethers|ink|react)\//.test(u))).toEqual([])
  })
})

describe('a failing receiver, then manual execution', () => {
  let id: string

  it('ends in FAILURE with exit 4 and the receiver revert decoded', async () => {
    id = await send(alpha, beta, await reverting.getAddress())
    await until(id, ['FAILURE', 'SUCCESS'])
    const run = await cli('status', id, '--json')
    expect(run.code).toBe(4)
    const status = jsonOf<StatusJson>(run)
    expect(status.state).toBe('FAILURE')
    expect(status.phases.map((p) => p.state)).toEqual([...PATH.slice(0, 4), 'FAILURE'])
    expect(status.failure).toMatchObject({
      error: 'ReceiverError',
      receiverError: `Rejected(messageId=${id})`,
      reason: `the receiver reverted: Rejected(messageId=${id})`,
    })
    expect(JSON.parse(run.stderr).error.code).toBe('MESSAGE_FAILED')
    const text = await cli('status', id)
    expect(text.code).toBe(4)
    expect(text.stdout).toContain(`failure     the receiver reverted: Rejected(messageId=${id})`)
    expect(text.stderr).toContain(`hint: fix the receiver, then \`ccip manual-exec ${id}\``)
  })

  it('refuses to re-execute while the receiver still reverts, or below the message gas limit', async () => {
    const nonce = await beta.provider.getTransactionCount(signer.address)
    const again = await cli('manual-exec', id)
    expect(again.code, again.stderr).toBe(4)
    expect(again.stderr).toContain(`would fail again: the receiver reverted: Rejected(messageId=${id})`)
    const low = await cli('manual-exec', id, '--gas-limit', '1000')
    expect(low.code).toBe(2)
    expect(low.stderr).toContain("below the message's own gas limit of 200000")
    expect(await beta.provider.getTransactionCount(signer.address)).toBe(nonce) // nothing was sent
  })

  it('names the RMN curse when the lane is cursed on the destination', async () => {
    // The curse is the stack owner's call (dev account 0): no CCIPKIT_PRIVATE_KEY here.
    const rmn = (verb: string) => runCli(['rmn', verb, '--chain', 'alpha', '--on', 'beta', '--yes'], { home })
    const curse = await rmn('curse')
    expect(curse.code, curse.stderr).toBe(0)
    try {
      const run = await cli('manual-exec', id, '--json')
      expect(run.code).toBe(1)
      expect(JSON.parse(run.stderr).error).toMatchObject({
        code: 'LANE_CURSED',
        message: 'The lane alpha → beta is cursed by the RMN (CursedByRMN)',
      })
    } finally {
      const uncurse = await rmn('uncurse')
      expect(uncurse.code, uncurse.stderr).toBe(0)
    }
  })

  it('after the fix, manual-exec rebuilds the proof and the message ends in SUCCESS', async () => {
    await (await reverting.getFunction('setShouldRevert')(false)).wait()
    const run = await cli('manual-exec', id, '--json')
    expect(run.code, run.stderr).toBe(0)
    const result = jsonOf<StatusJson & { txHash: string }>(run)
    expect(result.state).toBe('SUCCESS')
    expect(result.phases.map((p) => p.state)).toEqual(PATH)
    expect(result.phases[4]!.txHash).toBe(result.txHash)
    const tx = (await beta.provider.getTransaction(result.txHash))!
    expect(tx.from).toBe(signer.address)
    expect(tx.to).toBe(beta.contracts.offRamp!)
    expect(new Interface(ccipAbi('offRamp')).parseTransaction(tx)?.name).toBe('manuallyExecute')
    expect(await reverting.getFunction('received')(id)).toBe(true)
    const status = await cli('status', id, '--json')
    expect(status.code).toBe(0)
    expect(jsonOf<StatusJson>(status).state).toBe('SUCCESS')
  })

  it('refuses a message that already succeeded', async () => {
    const run = await cli('manual-exec', id, '--json')
    expect(run.code).toBe(1)
    expect(JSON.parse(run.stderr).error).toMatchObject({ code: 'ALREADY_EXECUTED' })
  })
})

describe('ccip messages list', () => {
  interface Row {
    messageId: string
    sourceChain: string
    destChain: string
    sequenceNumber: string
    nonce: string
    state: MessageState
    txHash: string
    timestamp: number
  }
  const list = async (...args: string[]) => {
    const run = await cli('messages', 'list', '--json', ...args)
    expect(run.code, run.stderr).toBe(0)
    return jsonOf<Row[]>(run)
  }

  it('lists recent messages newest first with their state, and filters by lane and state', async () => {
    await (await reverting.getFunction('setShouldRevert')(true)).wait()
    const failed = await send(gamma, beta, await reverting.getAddress())
    const ok = await send(beta, alpha, signer.address)
    await until(failed, ['FAILURE'])
    await until(ok, ['SUCCESS'])

    const all = await list()
    expect(all.length).toBeGreaterThanOrEqual(6)
    expect(Object.keys(all[0]!)).toEqual([
      'messageId',
      'version',
      'sourceChain',
      'destChain',
      'sequenceNumber',
      'nonce',
      'state',
      'txHash',
      'timestamp',
    ])
    const times = all.map((r) => r.timestamp)
    expect([...times].sort((a, b) => b - a)).toEqual(times)
    expect(all.find((r) => r.messageId === failed)).toMatchObject({
      sourceChain: 'gamma',
      destChain: 'beta',
      state: 'FAILURE',
    })
    expect(all.find((r) => r.messageId === ok)).toMatchObject({
      sourceChain: 'beta',
      destChain: 'alpha',
      state: 'SUCCESS',
    })

    expect((await list('--state', 'FAILURE')).map((r) => r.messageId)).toEqual([failed])
    const fromGamma = await list('--from', 'gamma')
    expect(fromGamma.length).toBeGreaterThanOrEqual(2)
    expect(fromGamma.every((r) => r.sourceChain === 'gamma')).toBe(true)
    const toAlpha = await list('--to', 'alpha')
    expect(toAlpha.map((r) => r.messageId)).toEqual([ok])
    expect(await list('--from', 'alpha', '--to', 'gamma', '--state', 'FAILURE')).toEqual([])
    const [newest] = await list('--limit', '1')
    expect(newest?.timestamp).toBe(all[0]!.timestamp)

    const text = await cli('messages', 'list', '--to', 'alpha')
    expect(text.stdout).toMatch(new RegExp(`beta → alpha +1\\.6 +\\d+ +\\d+ +SUCCESS +${ok}`))
    const bad = await cli('messages', 'list', '--state', 'DONE')
    expect(bad.code).toBe(2)
  })
})
