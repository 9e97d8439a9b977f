import { Agent, request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http'

/**
 * JSON-RPC over node:http with kept-alive connections. Not fetch: Node loads its fetch
 * implementation on first use, which alone costs ~80 ms, a quarter of what `ccip status` may take.
 */

/** The node did not answer (connection refused, timeout, not JSON): distinct from an RPC error. */
export class TransportError extends Error {
  override name = 'TransportError'
}

interface Transport {
  request: typeof httpRequest
  agent: Agent
}

const plain: Transport = { request: httpRequest, agent: new Agent({ keepAlive: true }) }
/** node:https (and TLS) loads only for https URLs: a local stack never needs it. */
let secure: Promise<Transport> | undefined
let nextId = 1

export async function jsonRpc<T>(
  url: string,
  method: string,
  params: unknown[],
  timeoutMs = 30_000,
): Promise<T> {
  const target = new URL(url)
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new TransportError(`${target.protocol} RPC URLs are not supported here; use http(s)`)
  }
  if (target.protocol === 'https:' && secure === undefined) {
    // Loaded on first use only: local stacks speak plain http.
    secure = import('node:https').then((m) => ({
      request: m.request,
      agent: new m.Agent({ keepAlive: true }),
    }))
  }
  const transport = target.protocol === 'http:' ? plain : await secure!
  const body = JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params })
  return new Promise<T>((resolve, reject) => {
    const onResponse = (response: IncomingMessage) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('error', (error) => reject(new TransportError(error.message)))
      response.on('end', () => {
        let reply: { result?: T; error?: { message?: string } }
        try {
          // CAST: a JSON-RPC 2.0 reply; result and error are checked below.
          reply = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof reply
        } catch {
          return reject(new TransportError(`HTTP ${response.statusCode ?? '?'}: not a JSON-RPC reply`))
        }
        if (reply.error !== undefined) {
          return reject(new Error(`${method}: ${reply.error.message ?? JSON.stringify(reply.error)}`))
        }
        // CAST: the caller names the result type of the method it called.
        resolve(reply.result as T)
      })
    }
    const options: RequestOptions = {
      method: 'POST',
      agent: transport.agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      timeout: timeoutMs,
    }
    const req = transport.request(target, options, onResponse)
    req.on('timeout', () => req.destroy(new TransportError(`no answer within ${timeoutMs / 1000} s`)))
    req.on('error', (error: Error) =>
      reject(error instanceof TransportError ? error : new TransportError(error.message)),
    )
    req.end(body)
  })
}
