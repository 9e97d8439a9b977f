import { JsonRpcProvider } from 'ethers'

/**
 * An ethers provider tuned for fast local chains (reference: local-evm.md §7): no 10 ms batch
 * stall, no 250 ms request cache (it hands out stale nonces), a static network so ethers never
 * re-probes eth_chainId (or prints its retry message to stdout), and 100 ms polling.
 */
export function makeProvider(rpcUrl: string, chainId: number | bigint): JsonRpcProvider {
  return new JsonRpcProvider(rpcUrl, Number(chainId), {
    staticNetwork: true,
    batchStallTime: 0,
    cacheTimeout: -1,
    pollingInterval: 100,
  })
}
