import type { Agent, ClientRequest, IncomingMessage } from 'node:http'

/**
 * HTTP for the indexer and the aggregator over node:http(s): Node's global fetch loads undici on
 * first use (~250 ms of a command's start, most of a `ccip status`), where a request needs none of it.
 */
export interface HttpAnswer {
  status: number
  text: string
}

/** GET `url`; resolves to the status and body text whatever the status. */
export async function httpGet(url: string, timeoutMs = 5_000): Promise<HttpAnswer> {
  const { get } = url.startsWith('https:') ? await import('node:https') : await import('node:http')
  return answer((done) => get(url, { timeout: timeoutMs }, done), timeoutMs)
}

/** POST a JSON body on a caller's keep-alive agent (a node's own connection). */
export async function httpPostJson(
  url: string,
  body: string,
  agent: Agent,
  timeoutMs = 10_000,
): Promise<HttpAnswer> {
  const { request } = await import('node:http')
  const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
  return answer((done) => {
    const req = request(url, { method: 'POST', agent, timeout: timeoutMs, headers }, done)
    req.end(body)
    return req
  }, timeoutMs)
}

/** The whole answer to the request `send` makes; a request that outlasts `timeoutMs` fails. */
function answer(
  send: (done: (res: IncomingMessage) => void) => ClientRequest,
  timeoutMs: number,
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = send((res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      )
      res.on('error', reject)
    })
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)))
    req.on('error', reject)
  })
}
