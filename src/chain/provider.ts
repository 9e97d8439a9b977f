import { type JsonRpcPayload, JsonRpcProvider, type JsonRpcResult } from 'ethers'
import { acrossRestarts } from './chain-restarts.js'
import { type ChainRef, rpcUnreachable } from './rpc-errors.js'

const OPTIONS = {
  staticNetwork: true,
  batchStallTime: 0,
  cacheTimeout: -1,
  pollingInterval: 100,
} as const

/**
 * An ethers provider tuned for fast local chains (reference: local-evm.md §7): no 10 ms batch
 * stall, no 250 ms request cache (it hands out stale nonces), a static network so ethers never
 * re-probes eth_chainId (or prints its retry message to stdout), and 100 ms polling.
 */
export function makeProvider(rpcUrl: string, chainId: number | bigint): JsonRpcProvider {
  return new RestartTolerantProvider(rpcUrl, Number(chainId), OPTIONS)
}

/** `_send` is the one call through which every request leaves: a local chain's restart is waited for there. */
class RestartTolerantProvider extends JsonRpcProvider {
  override _send(payload: JsonRpcPayload | JsonRpcPayload[]): Promise<JsonRpcResult[]> {
    return acrossRestarts(this._getConnection().url, () => super._send(payload))
  }
}

/**
 * makeProvider for a chain profile: a node that does not answer becomes RPC_UNREACHABLE naming
 * the chain (rpc-errors.ts), instead of ethers passing Node's raw ECONNREFUSED up to the user.
 * `_send` is the one call through which every request leaves; it only fails when no JSON-RPC
 * answer arrived (connection, timeout, HTTP status), so every failure there is that.
 */
export function profileProvider(chain: ChainRef & { chainId: string }): JsonRpcProvider {
  return new ProfileProvider(chain)
}

class ProfileProvider extends RestartTolerantProvider {
  readonly #chain: ChainRef

  constructor(chain: ChainRef & { chainId: string }) {
    super(chain.rpcUrl, Number(chain.chainId), OPTIONS)
    this.#chain = chain
  }

  override async _send(payload: JsonRpcPayload | JsonRpcPayload[]): Promise<JsonRpcResult[]> {
    try {
      return await super._send(payload)
    } catch (error) {
      throw rpcUnreachable(this.#chain, error)
    }
  }
}
