import { type JsonRpcPayload, JsonRpcProvider, type JsonRpcResult } from 'ethers'
import type { Chain } from './chain.js'
import { RpcError } from './json-rpc.js'

/**
 * An ethers provider whose every request leaves through a Chain (chain.ts): ethers encodes,
 * signs and decodes, our one chain layer carries the requests (batching, backoff, restarts of
 * local chains, RPC_UNREACHABLE naming the chain). Tuned for fast local chains (reference:
 * local-evm.md §7): no 10 ms batch stall, no 250 ms request cache (it hands out stale nonces),
 * a static network so ethers never re-probes eth_chainId (or prints its retry message to stdout).
 */
export function chainProvider(
  chain: Chain,
  chainId: number | bigint | string,
  pollingMs = 100,
): JsonRpcProvider {
  return new ChainProvider(chain, Number(chainId), pollingMs)
}

class ChainProvider extends JsonRpcProvider {
  constructor(
    private readonly chain: Chain,
    chainId: number,
    pollingMs: number,
  ) {
    super(chain.target.rpcUrl, chainId, {
      staticNetwork: true,
      batchStallTime: 0,
      cacheTimeout: -1,
      pollingInterval: pollingMs,
    })
  }

  /** ethers' one exit: an RPC error goes back to ethers as the node's error (it decodes reverts). */
  override _send(payload: JsonRpcPayload | JsonRpcPayload[]): Promise<JsonRpcResult[]> {
    const requests = Array.isArray(payload) ? payload : [payload]
    return Promise.all(
      requests.map(async ({ id, method, params }): Promise<JsonRpcResult> => {
        try {
          // CAST: ethers' params are always a JSON array for the methods it sends.
          return { id, result: await this.chain.request(method, params as unknown[]) }
        } catch (error) {
          if (!(error instanceof RpcError)) throw error
          const message = error.message.startsWith(`${method}: `)
            ? error.message.slice(method.length + 2)
            : error.message
          // CAST: ethers reads an error item of the result array as the JSON-RPC error (its _send type omits it).
          return {
            id,
            error: { code: error.code ?? -32000, message, data: error.data },
          } as unknown as JsonRpcResult
        }
      }),
    )
  }
}
