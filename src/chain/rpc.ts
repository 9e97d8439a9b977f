/**
 * A bare JSON-RPC call over fetch, for the few places that must not load ethers (readiness
 * polling, status checks on the hot path of `ccip local status`).
 */
export async function rpcCall<T>(
  url: string,
  method: string,
  params: unknown[],
  timeoutMs = 2_000,
): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    signal: AbortSignal.timeout(timeoutMs),
  })
  const body = (await response.json()) as { result?: T; error?: { message: string } }
  if (body.error !== undefined) throw new Error(`${method}: ${body.error.message}`)
  return body.result as T
}
