import { AbiCoder, Contract, type HDNodeWallet, hexlify, type JsonRpcProvider, toUtf8Bytes } from 'ethers'
import { ccipAbi } from '../../src/chain/artifacts.js'
import { fromEthersLog } from '../../src/chain/chain.js'
import { EVENT_TOPICS } from '../../src/protocol/event-words.js'
import { decodeMessageSent, type SentMessage } from '../../src/protocol/events.js'
import { encodeExtraArgs } from '../../src/protocol/hashing.js'

/**
 * A signed, unsent `Router.ccipSend` of `text` to `receiver` on `destSelector` at a fixed nonce:
 * two of them with one nonce are two versions of history, only one of which a chain can hold
 * (anvil_reorg takes raw transactions).
 */
export async function signedSend(
  wallet: HDNodeWallet,
  provider: JsonRpcProvider,
  lane: { router: string; destSelector: bigint; chainId: number },
  text: string,
  nonce: number,
): Promise<string> {
  const signer = wallet.connect(provider)
  const router = new Contract(lane.router, ccipAbi('router'), signer)
  const message = {
    receiver: AbiCoder.defaultAbiCoder().encode(['address'], [wallet.address]),
    data: hexlify(toUtf8Bytes(text)),
    tokenAmounts: [],
    feeToken: '0x0000000000000000000000000000000000000000',
    extraArgs: encodeExtraArgs({ gasLimit: 100_000n, allowOutOfOrderExecution: false }),
  }
  const fee: bigint = await router.getFunction('getFee')(lane.destSelector, message)
  const tx = await router
    .getFunction('ccipSend')
    .populateTransaction(lane.destSelector, message, { value: fee * 2n, nonce, gasLimit: 600_000 })
  return signer.signTransaction({
    ...tx,
    chainId: lane.chainId,
    type: 2,
    maxFeePerGas: 10_000_000_000n,
    maxPriorityFeePerGas: 1n,
  })
}

/** The CCIPMessageSent of a mined transaction. */
export async function sentBy(provider: JsonRpcProvider, hash: string): Promise<SentMessage> {
  const receipt = (await provider.getTransactionReceipt(hash))!
  return decodeMessageSent(
    fromEthersLog(receipt.logs.find((l) => l.topics[0] === EVENT_TOPICS.ccipMessageSent)!),
  )
}
