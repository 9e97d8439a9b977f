import { createServer, type Server } from 'node:http'
import type { Aggregator } from './aggregator.js'
import { errorBody, toJson, verifierResultsBody } from './indexer-json.js'

/**
 * The stack's indexer (Chainlink's indexer role), on loopback: the aggregator's results over the
 * REST API Chainlink's SDK and CLI read (`--indexer http://127.0.0.1:<port>`):
 * - GET /v1/verifierresults/<messageId>: 200 with the committee's result, 404 while the message is
 *   not verified (unknown, not final yet, or its lane cursed), 400 for a malformed id;
 * - GET /health and /ready: 200 `{"status":"ok"}`.
 */
export function serveIndexer(port: number, aggregator: Aggregator): Promise<Server> {
  const ingested = new Map<string, Date>()
  aggregator.onResult((r) => ingested.set(r.messageId, new Date()))
  const server = createServer((req, res) => {
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(body)
    }
    const path = new URL(req.url ?? '/', 'http://indexer').pathname.replace(/\/+$/, '')
    if (req.method !== 'GET') return send(405, errorBody(405, 'method not allowed'))
    if (path === '/health' || path === '/ready') return send(200, toJson({ status: 'ok' }))
    const match = /^\/v1\/verifierresults\/([^/]+)$/.exec(path)
    if (match === null) return send(404, errorBody(404, 'not found'))
    const id = match[1]!.toLowerCase()
    if (!/^0x[0-9a-f]{64}$/.test(id)) return send(400, errorBody(400, 'Invalid MessageID'))
    const result = aggregator.result(id)
    if (result === undefined) return send(404, errorBody(404, 'MessageID not found'))
    send(200, verifierResultsBody(result, ingested.get(id) ?? result.attestedAt))
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve(server)
    })
  })
}
