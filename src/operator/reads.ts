import { TransportError } from '../chain/json-rpc.js'
import type { ReadChain } from '../chain/read-chain.js'
import { rpcUnreachable } from '../chain/rpc-errors.js'
import { CcipError, ErrorCode } from '../errors.js'
import type { ViewCall } from '../protocol/view-calls.js'

/**
 * Contract reads for the operator commands: the hand-encoded view calls of protocol/view-calls.ts
 * sent as bare `eth_call`s, batched per chain and tick (chain/rpc-batch.ts; no ethers). Every
 * failure is mapped here, once: a node that does not answer becomes RPC_UNREACHABLE naming the
 * chain, a call nothing answers becomes REVERT.
 */

/**
 * `eth_call` at `to`; undefined when the call reverted. A dropped request is tried once more: a
 * loaded local node (or a public one) now and then drops one, and one hiccup should not fail a
 * whole listing. A revert is an answer and is not retried.
 */
export async function ethCall(chain: ReadChain, to: string, data: string): Promise<string | undefined> {
  try {
    return await send<string>(chain, 'eth_call', [{ to, data }, 'latest'])
  } catch (error) {
    if (isRevert(error)) return undefined
    throw error
  }
}

/** One JSON-RPC request of the chain's batch, tried twice; RPC_UNREACHABLE when both fail. */
export async function send<T>(chain: ReadChain, method: string, params: unknown[]): Promise<T> {
  try {
    return await chain.rpc.send<T>(method, params)
  } catch (error) {
    if (isRevert(error)) throw error
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  try {
    return await chain.rpc.send<T>(method, params)
  } catch (error) {
    if (isRevert(error)) throw error
    throw unreachable(chain, error)
  }
}

/** Call one view and read its result; REVERT when no contract answers it (empty result or revert). */
export async function view<T>(chain: ReadChain, to: string, call: ViewCall<T>): Promise<T> {
  const result = await ethCall(chain, to, call.data)
  if (result === undefined || result === '0x') throw noAnswer(call.fn, to)
  return call.decode(result)
}

export const noAnswer = (fn: string, address: string): CcipError =>
  new CcipError(ErrorCode.Revert, `No contract answers ${fn}() at ${address}`, {
    hint: "check the chain profile's Router address (`ccip chains show`)",
  })

/** The batch rejects an RPC error object as a plain Error with the node's message; a revert says so. */
const isRevert = (error: unknown): boolean =>
  error instanceof Error && !(error instanceof TransportError) && /revert/i.test(error.message)

/**
 * Run the reads of one chain, turning any failure that is not already a CcipError (a node that
 * errs, a result that does not decode) into RPC_UNREACHABLE naming the chain.
 */
export async function onChain<T>(chain: ReadChain, work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (error instanceof CcipError) throw error
    throw unreachable(chain, error)
  }
}

/** RPC_UNREACHABLE naming the chain (details.chain), so a listing can skip it and say why. */
export function unreachable(chain: ReadChain, error: unknown): CcipError {
  return rpcUnreachable(chain.profile, error)
}
