import { AbiCoder, Contract, type HDNodeWallet, hexlify, type JsonRpcProvider, toUtf8Bytes } from 'ethers'
import { ccipAbi } from '../../src/chain/artifacts.js'
import { fromEthersLog } from '../../src/chain/chain.js'
import { EVENT_TOPICS } from '../../src/protocol/event-words.js'
import { decodeMessageSent } from '../../src/protocol/events.js'
import { encodeExtraArgs } from '../../src/protocol/hashing.js'

const coder = AbiCoder.defaultAbiCoder()
const ZERO = '0x0000000000000000000000000000000000000000'

export interface TestSend {
  router: string
  destSelector: bigint
  receiver: string
  data?: string
  token?: { address: string; amount: bigint }
  feeToken?: string
  gasLimit?: bigint
  outOfOrder?: boolean
}

/**
 * Send through the real Router straight from a test (independent of `ccip send`), with explicit
 * nonces so many sends from one key can be in flight at once. Resolves to the messageIds.
 */
export async function sendRaw(
  wallet: HDNodeWallet,
  provider: JsonRpcProvider,
  sends: TestSend[],
): Promise<string[]> {
  const signer = wallet.connect(provider)
  let nonce = await provider.getTransactionCount(wallet.address, 'pending')
  const erc20 = ['function approve(address,uint256) returns (bool)']
  const txs = []
  for (const s of sends) {
    const router = new Contract(s.router, ccipAbi('router'), signer)
    const message = {
      receiver: coder.encode(['address'], [s.receiver]),
      data: s.data ?? hexlify(toUtf8Bytes('ccipkit test')),
      tokenAmounts: s.token === undefined ? [] : [{ token: s.token.address, amount: s.token.amount }],
      feeToken: s.feeToken ?? ZERO,
      extraArgs: encodeExtraArgs({
        gasLimit: s.gasLimit ?? 200_000n,
        allowOutOfOrderExecution: s.outOfOrder ?? false,
      }),
    }
    const fee: bigint = await router.getFunction('getFee')(s.destSelector, message)
    if (s.token !== undefined) {
      await new Contract(s.token.address, erc20, signer).getFunction('approve')(s.router, s.token.amount, {
        nonce: nonce++,
      })
    }
    if (message.feeToken !== ZERO) {
      await new Contract(message.feeToken, erc20, signer).getFunction('approve')(s.router, fee, {
        nonce: nonce++,
      })
    }
    const value = message.feeToken === ZERO ? fee : 0n
    txs.push(
      await router.getFunction('ccipSend')(s.destSelector, message, {
        value,
        nonce: nonce++,
        gasLimit: 600_000,
      }),
    )
  }
  const ids: string[] = []
  for (const tx of txs) {
    const receipt = await tx.wait()
    const log = receipt.logs.find((l: { topics: string[] }) => l.topics[0] === EVENT_TOPICS.ccipMessageSent)
    ids.push(decodeMessageSent(fromEthersLog(log)).message.header.messageId)
  }
  return ids
}

/** Wait until every messageId has a final ExecutionStateChanged on `offRamp`; returns id → states seen. */
export async function waitExecuted(
  provider: JsonRpcProvider,
  offRamp: string,
  ids: string[],
  timeoutMs = 60_000,
): Promise<Map<string, number[]>> {
  const offRampAbi = new Contract(offRamp, ccipAbi('offRamp'), provider).interface
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const logs = await provider.getLogs({
      address: offRamp,
      topics: [EVENT_TOPICS.executionStateChanged, null, null, ids],
      fromBlock: 0,
    })
    const states = new Map<string, number[]>()
    for (const log of logs) {
      const parsed = offRampAbi.parseLog(log)
      const id = String(parsed?.args.messageId)
      states.set(id, [...(states.get(id) ?? []), Number(parsed?.args.state)])
    }
    if (ids.every((id) => states.has(id)) || Date.now() > deadline) return states
    await new Promise((r) => setTimeout(r, 200))
  }
}
