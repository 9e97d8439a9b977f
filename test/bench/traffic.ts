import {
  AbiCoder,
  Contract,
  type HDNodeWallet,
  hexlify,
  type JsonRpcProvider,
  Transaction,
  toUtf8Bytes,
} from 'ethers'
import { ccipAbi } from '../../src/chain/artifacts.js'
import { TOPICS } from '../../src/chain/events.js'
import { makeProvider } from '../../src/chain/provider.js'
import { encodeExtraArgs } from '../../src/protocol/hashing.js'
import type { StackStatus } from '../../src/stack/status.js'

/** Load generation for the bench: pre-signed ccipSend transactions, many in flight per sender. */
const coder = AbiCoder.defaultAbiCoder()
const ZERO = '0x0000000000000000000000000000000000000000'

export interface BenchChain {
  name: string
  chainId: number
  selector: bigint
  router: string
  offRamp: string
  onRamp: string
  provider: JsonRpcProvider
}

export function benchChains(status: StackStatus): BenchChain[] {
  return status.chains.map((c) => ({
    name: c.name,
    chainId: c.chainId,
    selector: BigInt(c.selector),
    router: c.contracts.router,
    offRamp: c.contracts.offRamp,
    onRamp: c.contracts.onRamp,
    provider: makeProvider(c.rpcUrl!, c.chainId),
  }))
}

/** A data-only message to an EOA, out of order, native fee: the cheapest real CCIP message. */
async function laneMessage(source: BenchChain, dest: BenchChain, receiver: string) {
  const message = {
    receiver: coder.encode(['address'], [receiver]),
    data: hexlify(toUtf8Bytes('ccipkit bench')),
    tokenAmounts: [],
    feeToken: ZERO,
    extraArgs: encodeExtraArgs({ gasLimit: 0n, allowOutOfOrderExecution: true }),
  }
  const router = new Contract(source.router, ccipAbi('router'), source.provider)
  const fee: bigint = await router.getFunction('getFee')(dest.selector, message)
  const data = router.interface.encodeFunctionData('ccipSend', [dest.selector, message])
  return { data, fee }
}

export interface SentBatch {
  source: BenchChain
  dest: BenchChain
  txHashes: string[]
}

/** Send `count` messages source → dest from `wallet`, back to back; resolves when all are mined. */
export async function sendMany(
  wallet: HDNodeWallet,
  source: BenchChain,
  dest: BenchChain,
  count: number,
): Promise<SentBatch> {
  const { data, fee } = await laneMessage(source, dest, wallet.address)
  let nonce = await source.provider.getTransactionCount(wallet.address, 'pending')
  const hashes: string[] = []
  for (let i = 0; i < count; i++) {
    const tx = Transaction.from({
      type: 2,
      chainId: BigInt(source.chainId),
      nonce: nonce++,
      to: source.router,
      data,
      value: fee * 2n, // headroom against fee drift; the Router refunds nothing, the bench does not care
      gasLimit: 400_000n,
      maxFeePerGas: 20_000_000_000n,
      maxPriorityFeePerGas: 1n,
    })
    tx.signature = wallet.signingKey.sign(tx.unsignedHash)
    hashes.push(String(await source.provider.send('eth_sendRawTransaction', [tx.serialized])))
  }
  await Promise.all(hashes.map((h) => source.provider.waitForTransaction(h, 1, 120_000)))
  return { source, dest, txHashes: hashes }
}

/** messageIds of the CCIPMessageSent logs in the given transactions. */
export async function messageIdsOf(batch: SentBatch): Promise<string[]> {
  const receipts = await Promise.all(
    batch.txHashes.map((h) => batch.source.provider.getTransactionReceipt(h)),
  )
  return receipts
    .flatMap((r) => r?.logs.filter((l) => l.topics[0] === TOPICS.ccipMessageSent).map((l) => l.data) ?? [])
    .map((data) => `0x${data.slice(66, 130)}`)
}

/** Count of SUCCESS ExecutionStateChanged events on dest for these ids. */
export async function countSuccess(dest: BenchChain, ids: string[]): Promise<number> {
  let n = 0
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500)
    const logs = await dest.provider.getLogs({
      address: dest.offRamp,
      topics: [TOPICS.executionStateChanged, null, null, chunk],
      fromBlock: 0,
    })
    n += logs.filter((l) => BigInt(`0x${l.data.slice(66, 130)}`) === 2n).length
  }
  return n
}
