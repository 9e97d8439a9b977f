import { AbiCoder, Contract, type HDNodeWallet, type JsonRpcProvider, ZeroAddress } from 'ethers'
import { ccipAbi } from '../../src/chain/artifacts.js'
import { fromEthersLog } from '../../src/chain/chain.js'
import { EVENT_TOPICS } from '../../src/protocol/event-words.js'
import { decodeMessageSent } from '../../src/protocol/events.js'
import { EVENT_TOPICS_V2 } from '../../src/protocol/v2/events.js'
import { sleep } from '../../src/time.js'

/** A message through the Router as any dApp sends it; the messageId from the 2.0 or 1.6 event. */
export async function routerSend(
  wallet: HDNodeWallet,
  provider: JsonRpcProvider,
  router: string,
  destSelector: string | bigint,
  message: {
    receiver: string
    data?: string
    tokenAmounts?: { token: string; amount: bigint }[]
    extraArgs?: string
  },
): Promise<{ messageId: string; version: '1.6' | '2.0'; blockNumber: number }> {
  const signer = wallet.connect(provider)
  const msg = {
    receiver: AbiCoder.defaultAbiCoder().encode(['address'], [message.receiver]),
    data: message.data ?? '0x',
    tokenAmounts: message.tokenAmounts ?? [],
    feeToken: ZeroAddress,
    extraArgs: message.extraArgs ?? '0x',
  }
  for (const t of message.tokenAmounts ?? []) {
    const token = new Contract(t.token, ccipAbi('token'), signer)
    await (await token.getFunction('approve')(router, t.amount)).wait()
  }
  const contract = new Contract(router, ccipAbi('router'), signer)
  const fee: bigint = await contract.getFunction('getFee')(BigInt(destSelector), msg)
  const receipt = await (
    await contract.getFunction('ccipSend')(BigInt(destSelector), msg, { value: fee })
  ).wait()
  const v2 = receipt!.logs.find(
    (l: { topics: readonly string[] }) => l.topics[0] === EVENT_TOPICS_V2.ccipMessageSent,
  )
  if (v2 !== undefined) return { messageId: v2.topics[3]!, version: '2.0', blockNumber: receipt!.blockNumber }
  const v16 = receipt!.logs.find(
    (l: { topics: readonly string[] }) => l.topics[0] === EVENT_TOPICS.ccipMessageSent,
  )!
  const { messageId } = decodeMessageSent(fromEthersLog(v16)).message.header
  return { messageId, version: '1.6', blockNumber: receipt!.blockNumber }
}

/** Wait until a 2.0 OffRamp has an execution state other than UNTOUCHED for `messageId`. */
export async function waitStateV2(
  provider: JsonRpcProvider,
  offRamp: string,
  messageId: string,
  timeoutMs = 30_000,
): Promise<number> {
  const contract = new Contract(offRamp, ccipAbi('offRampV2'), provider)
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const state = Number(await contract.getFunction('getExecutionState')(messageId))
    if (state !== 0) return state
    await sleep(100)
  }
  throw new Error(`${messageId} not executed within ${timeoutMs} ms`)
}
