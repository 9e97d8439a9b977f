import { Contract } from 'ethers'
import { ccipAbi } from '../../src/chain/artifacts.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import { DEFAULTS } from '../../src/stack/settings.js'
import { sleep } from '../../src/time.js'
import { median, rssMiB } from './measure.js'
import type { Row } from './run.js'
import { type BenchChain, sendMany, waitAllSuccess } from './traffic.js'

export interface LatencyResult {
  totals: number[]
  /** `committed`: committed and blessed on 1.6, verified (the indexer serves the result) on 2.0. */
  phases: { sent: number; finalized: number; committed: number; executed: number }
  version: '1.6' | '2.0'
}

const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.floor(q * (values.length - 1))]!

/** The table's note under a latency row: p90 and each phase's median, to `digits` decimals. */
export function latencyNote(latency: LatencyResult, digits: number): Row {
  const s = (v: number) => v.toFixed(digits)
  const { sent, finalized, committed, executed } = latency.phases
  return {
    metric: `  p90 ${s(quantile(latency.totals, 0.9))} s; phases (median): sent ${s(sent)}, finalized +${s(finalized)}, ${latency.version === '2.0' ? 'verified' : 'committed+blessed'} +${s(committed)}, executed +${s(executed)} s`,
    value: 0,
    unit: '',
    target: '',
    ok: true,
    runs: 0,
  }
}

/**
 * Send→SUCCESS of `count` sequential messages, rotating over the lanes, with the phase split (s).
 * On a 2.0 stack the middle phase is VERIFIED, read from its indexer at `indexerUrl`.
 */
export async function measureLatency(
  chains: BenchChain[],
  count: number,
  indexerUrl?: string | null,
): Promise<LatencyResult> {
  const lanes = chains.flatMap((s) => chains.filter((d) => d !== s).map((d) => [s, d] as const))
  const totals: number[] = []
  const split = {
    sent: [] as number[],
    finalized: [] as number[],
    committed: [] as number[],
    executed: [] as number[],
  }
  const wallet = devAccount(9)
  for (let i = 0; i < count; i++) {
    const [source, dest] = lanes[i % lanes.length]!
    const t0 = performance.now()
    const batch = await sendMany(wallet, source, dest, 1)
    const tSent = performance.now()
    const receipt = await source.provider.getTransactionReceipt(batch.txHashes[0]!)
    const log = receipt!.logs.find((l) => l.address.toLowerCase() === source.onRamp.toLowerCase())!
    const v2 = source.version === '2.0'
    const seq = BigInt(log.topics[2]!)
    const id = batch.messageIds[0]!
    const offRamp = new Contract(dest.offRamp, ccipAbi(v2 ? 'offRampV2' : 'offRamp'), dest.provider)
    const attested = v2
      ? async () => (await fetch(`${indexerUrl}/v1/verifierresults/${id}`)).status === 200
      : async () =>
          BigInt((await offRamp.getFunction('getSourceChainConfig')(source.selector)).minSeqNr) > seq
    const executed = v2
      ? async () => Number(await offRamp.getFunction('getExecutionState')(id)) === 2
      : async () => Number(await offRamp.getFunction('getExecutionState')(source.selector, seq)) === 2
    let tFinal = 0
    let tCommit = 0
    for (;;) {
      const now = performance.now()
      if (
        tFinal === 0 &&
        (await source.provider.getBlockNumber()) >= receipt!.blockNumber + DEFAULTS.finalityDepth
      )
        tFinal = now
      if (tCommit === 0 && (await attested())) tCommit = now
      if (await executed()) {
        const tExec = performance.now()
        tFinal ||= tCommit || tExec
        tCommit ||= tExec
        totals.push((tExec - t0) / 1000)
        split.sent.push((tSent - t0) / 1000)
        split.finalized.push((tFinal - tSent) / 1000)
        split.committed.push((tCommit - tFinal) / 1000)
        split.executed.push((tExec - tCommit) / 1000)
        break
      }
      if (now - t0 > 60_000) throw new Error(`message ${i} not executed within 60 s`)
      await sleep(20)
    }
  }
  return {
    totals,
    version: chains[0]?.version ?? '1.6',
    phases: {
      sent: median(split.sent),
      finalized: median(split.finalized),
      committed: median(split.committed),
      executed: median(split.executed),
    },
  }
}

export interface ThroughputResult {
  messages: number
  sendSeconds: number
  endToEndSeconds: number
  peakRssMiB: number
}

/** `total` messages over every lane from one sender per lane, until all are SUCCESS. */
export async function measureThroughput(
  chains: BenchChain[],
  total: number,
  pids: number[],
): Promise<ThroughputResult> {
  const lanes = chains.flatMap((s) => chains.filter((d) => d !== s).map((d) => [s, d] as const))
  let peak = 0
  let sampling = true
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(
        peak,
        pids.reduce((sum, pid) => sum + rssMiB(pid), 0),
      )
      await sleep(200)
    }
  })()
  const t0 = performance.now()
  const batches = await Promise.all(
    lanes.map(([s, d], i) =>
      sendMany(
        devAccount(1 + i),
        s,
        d,
        Math.floor(total / lanes.length) + (i < total % lanes.length ? 1 : 0),
      ),
    ),
  )
  const tSent = performance.now()
  await waitAllSuccess(batches, 300_000)
  const tDone = performance.now()
  sampling = false
  await sampler
  return {
    messages: total,
    sendSeconds: (tSent - t0) / 1000,
    endToEndSeconds: (tDone - t0) / 1000,
    peakRssMiB: peak,
  }
}
