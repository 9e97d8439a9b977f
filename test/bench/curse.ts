import { join } from 'node:path'
import { AbiCoder, Contract, hexlify, Transaction, toUtf8Bytes } from 'ethers'
import { ccipAbi } from '../../src/chain/artifacts.js'
import { decodeRevert, revertData } from '../../src/chain/revert.js'
import { readJson } from '../../src/fs-atomic.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import { encodeExtraArgs } from '../../src/protocol/hashing.js'
import type { Deployment } from '../../src/stack/deployment.js'
import type { StackStatus } from '../../src/stack/status.js'
import { forgeCommit, waitForCurse } from '../helpers/forge.js'
import { median, timeCli } from './measure.js'
import type { Record, Row } from './run.js'
import { type BenchChain, benchChains } from './traffic.js'

const coder = AbiCoder.defaultAbiCoder()
const ZERO = '0x0000000000000000000000000000000000000000'
// A sender of its own, so no other transaction of the bench or the CLI takes its nonces.
const sender = devAccount(7)

const info = (metric: string): Row => ({ metric, value: 0, unit: '', target: '', ok: true, runs: 0 })

/**
 * Issue 4's RMN targets on a fresh default stack, one lane per trial: an operator's curse
 * (`ccip rmn curse`) stops the very next send on the lane, and a forged commit is cursed by the
 * honest RMN nodes within 3 blocks. Run last: the forged roots leave their lanes cursed.
 */
export async function benchCurse(home: string, up: string[], record: Record, rows: Row[]): Promise<void> {
  timeCli(['local', 'reset'], home)
  const started = timeCli([...up, '--json'], home)
  if (started.code !== 0) throw new Error(`up failed: ${started.stderr}`)
  const chains = benchChains(JSON.parse(started.stdout) as StackStatus)
  const deployment = readJson<Deployment>(join(home, 'local', 'deployment.json'))!
  // alpha→beta, beta→gamma, gamma→alpha: every chain once as source and once as destination.
  const lanes = chains.map((source, i) => [source, chains[(i + 1) % chains.length]!] as const)
  try {
    const operator = []
    for (const [source, dest] of lanes) operator.push(await curseThenSend(home, source, dest))
    const sends = operator.flatMap((t) => [t.rawAccepted, t.cliAccepted])
    const accepted = sends.filter(Boolean).length
    rows.push({
      metric: 'sends accepted on a lane after `ccip rmn curse` was mined (raw tx + `ccip send`)',
      value: accepted,
      unit: 'sends',
      target: '≤ 0 sends',
      ok: accepted === 0,
      runs: sends.length,
    })
    const decoded = operator.filter((t) => t.rawCursed).length + operator.filter((t) => t.cliCursed).length
    const wall = median(operator.map((t) => t.curseMs))
    rows.push(
      info(
        `  refused with CursedByRMN decoded: ${decoded}/${sends.length}; \`ccip rmn curse --yes\` wall time (median) ${wall.toFixed(0)} ms`,
      ),
    )

    const blocks = []
    for (const [source, dest] of lanes) {
      const forged = await forgeCommit(deployment, source.name, dest.name, dest.provider)
      const cursedIn = await waitForCurse(deployment, source.name, dest.name, dest.provider)
      blocks.push(cursedIn - forged.blockNumber)
    }
    record('automatic curse: blocks from the forged commit to SubjectCursed', blocks, 'blocks', 3)
    rows.push(info(`  max ${Math.max(...blocks)} blocks; per lane: ${blocks.join(', ')}`))
  } finally {
    for (const c of chains) c.provider.destroy()
  }
}

interface CurseTrial {
  curseMs: number
  rawAccepted: boolean
  rawCursed: boolean
  cliAccepted: boolean
  cliCursed: boolean
}

/**
 * Curse `dest` on `source` with the CLI, then at once send on that lane twice: a raw ccipSend
 * signed before the curse (the contracts alone decide; a cursed OnRamp would not even quote a
 * fee), and `ccip send`. Both must be refused. The lane is uncursed again afterwards.
 */
async function curseThenSend(home: string, source: BenchChain, dest: BenchChain): Promise<CurseTrial> {
  const raw = await presignedSend(source, dest)
  const curse = timeCli(['rmn', 'curse', '--chain', dest.name, '--on', source.name, '--yes'], home)
  if (curse.code !== 0) throw new Error(`rmn curse failed (exit ${curse.code}):\n${curse.stderr}`)
  const hash = String(await source.provider.send('eth_sendRawTransaction', [raw.serialized]))
  const receipt = await source.provider.waitForTransaction(hash, 1, 30_000)
  const replay = await source.provider
    .call({ from: sender.address, to: raw.to, data: raw.data, value: raw.value })
    .then(
      () => undefined,
      (error: unknown) => decodeRevert(revertData(error))?.name,
    )
  const cli = timeCli(['send', '--from', source.name, '--to', dest.name, '--data', 'bench', '--json'], home)
  const lifted = timeCli(['rmn', 'uncurse', '--chain', dest.name, '--on', source.name, '--yes'], home)
  if (lifted.code !== 0) throw new Error(`rmn uncurse failed (exit ${lifted.code}):\n${lifted.stderr}`)
  return {
    curseMs: curse.ms,
    rawAccepted: receipt?.status === 1,
    rawCursed: receipt?.status === 0 && replay === 'CursedByRMN',
    cliAccepted: cli.code === 0,
    cliCursed: cli.code !== 0 && cli.stderr.includes('CursedByRMN'),
  }
}

/** A data-only ccipSend from `sender`, fee quoted and signed now, to broadcast later. */
async function presignedSend(source: BenchChain, dest: BenchChain): Promise<Transaction> {
  const message = {
    receiver: coder.encode(['address'], [sender.address]),
    data: hexlify(toUtf8Bytes('ccipkit bench')),
    tokenAmounts: [],
    feeToken: ZERO,
    extraArgs: encodeExtraArgs({ gasLimit: 0n, allowOutOfOrderExecution: true }),
  }
  const router = new Contract(source.router, ccipAbi('router'), source.provider)
  const fee: bigint = await router.getFunction('getFee')(dest.selector, message)
  const tx = Transaction.from({
    type: 2,
    chainId: BigInt(source.chainId),
    nonce: await source.provider.getTransactionCount(sender.address, 'pending'),
    to: source.router,
    data: router.interface.encodeFunctionData('ccipSend', [dest.selector, message]),
    value: fee * 2n, // headroom against fee drift between the quote and the send
    // Fixed, not estimated: estimation after the curse would fail before anything is sent.
    gasLimit: 400_000n,
    maxFeePerGas: 20_000_000_000n,
    maxPriorityFeePerGas: 1n,
  })
  tx.signature = sender.signingKey.sign(tx.unsignedHash)
  return tx
}
