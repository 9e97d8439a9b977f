import { jsonRpc } from './json-rpc.js'

/**
 * A bare JSON-RPC call without ethers, for readiness polling, status checks and the nodes' log
 * scans. Over node:http with kept-alive connections (not fetch: undici's per-request cost was a
 * top item of the node process's profile, and loading it costs ~80 ms in a CLI command).
 */
export async function rpcCall<T>(
  url: string,
  method: string,
  params: unknown[],
  timeoutMs = 2_000,
): Promise<T> {
  return jsonRpc<T>(url, method, params, timeoutMs)
}
