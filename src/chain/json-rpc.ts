import { Agent, request as httpRequest, type IncomingMessage } from 'node:http'
import { acrossRestarts } from './chain-restarts.js'

/**
 * JSON-RPC over node:http with kept-alive connections: one call (`jsonRpc`) or any body
 * (`postJson`, which rpc-batch.ts sends its batches through). Not fetch: Node loads its fetch
 * implementation on first use, which alone costs ~80 ms, a quarter of what `ccip status` may
 * take, and undici's per-request cost was a top item of the node process's profile.
 */

/** The node did not answer (connection refused, timeout, not JSON): distinct from an RPC error. */
export class TransportError extends Error {
  override name = 'TransportError'
}

/** The node answered with a JSON-RPC error; `data` holds a revert's bytes when it has them. */
export class RpcError extends Error {
  override name = 'RpcError'

  constructor(
    message: string,
    readonly code: number | undefined,
    readonly data: unknown,
  ) {
    super(message)
  }
}

interface Transport {
  request: typeof httpRequest
  agent: Agent
}

const plain: Transport = { request: httpRequest, agent: new Agent({ keepAlive: true }) }
/** node:https (and TLS) loads only for https URLs: a local stack never needs it. */
let secure: Promise<Transport> | undefined
let nextId = 1

export interface CallOptions {
  /**
   * Never sent twice, never given up on (no timeout, no retry across a chain restart): for calls
   * that change a chain, where abandoning one would not stop it. anvil finishes an `evm_mine`
   * whose caller timed out (measured), so a miner that moved on would mine on top of it.
   */
  once?: boolean
}

/** One JSON-RPC call; timeoutMs 0 waits as long as it takes. */
export async function jsonRpc<T>(
  url: string,
  method: string,
  params: unknown[],
  timeoutMs = 30_000,
  options: CallOptions = {},
): Promise<T> {
  const body = JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params })
  const post = options.once === true ? postOnce(url, body, 0) : postJson(url, body, timeoutMs)
  // CAST: a JSON-RPC 2.0 reply; result and error are checked below.
  const reply = (await post) as {
    result?: T
    error?: { message?: string; code?: number; data?: unknown }
  } | null
  if (reply?.error !== undefined) {
    const { message, code, data } = reply.error
    throw new RpcError(`${method}: ${message ?? JSON.stringify(reply.error)}`, code, data)
  }
  // CAST: the caller names the result type of the method it called.
  return reply?.result as T
}

/**
 * POST a JSON body and parse the JSON reply; any failure to get one is a TransportError. A local
 * chain restarting meanwhile is waited for (chain-restarts.ts).
 */
export function postJson(url: string, body: string, timeoutMs: number): Promise<unknown> {
  return acrossRestarts(url, () => postOnce(url, body, timeoutMs))
}

async function postOnce(url: string, body: string, timeoutMs: number): Promise<unknown> {
  const target = new URL(url)
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new TransportError(`${target.protocol} RPC URLs are not supported here; use http(s)`)
  }
  if (target.protocol === 'https:') {
    secure ??= import('node:https').then((m) => ({
      request: m.request,
      agent: new m.Agent({ keepAlive: true }),
    }))
  }
  const { request, agent } = target.protocol === 'http:' ? plain : await secure!
  return new Promise((resolve, reject) => {
    const onResponse = (response: IncomingMessage) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('error', (error) => reject(new TransportError(error.message)))
      response.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')))
        } catch {
          reject(new TransportError(`HTTP ${response.statusCode ?? '?'}: not a JSON-RPC reply`))
        }
      })
    }
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
    // timeout 0: none (node:http's own meaning).
    const req = request(target, { method: 'POST', agent, headers, timeout: timeoutMs }, onResponse)
    req.on('timeout', () => req.destroy(new TransportError(`no answer within ${timeoutMs / 1000} s`)))
    req.on('error', (error: Error) =>
      reject(error instanceof TransportError ? error : new TransportError(error.message)),
    )
    req.end(body)
  })
}
