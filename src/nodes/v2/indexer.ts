import { createServer, type IncomingMessage, type Server } from 'node:http'
import { toJson } from '../../protocol/v2/message-json.js'
import type { Aggregator, VerifierResult } from './aggregator.js'
import { errorBody, verifierResultsBody, verifierResultsListBody } from './indexer-json.js'
import { readSubmissions } from './signature-intake.js'

/** Chainlink's cap on a page (`MaxQueryLimit`), and its default page. */
const MAX_LIMIT = 1000
const DEFAULT_LIMIT = 100
/** A request body past this is refused (413): a batch of signatures is a few KB. */
const MAX_BODY = 4 << 20

/**
 * The stack's indexer (Chainlink's indexer role), on loopback: the aggregator's results over the
 * REST API Chainlink's SDK, CLI and executor read (`--indexer http://127.0.0.1:<port>`):
 * - GET /v1/verifierresults/<messageId>: 200 with the committee's result, 404 while the message is
 *   not verified (unknown, not final yet, or its lane cursed), 400 for a malformed id;
 * - GET /v1/verifierresults?start=&end=&sourceChainSelectors=&destChainSelectors=&limit=&offset=:
 *   every result ingested in [start, end] (RFC 3339 or unix ms), oldest first, by message id;
 * - POST /v1/signatures: the aggregator's write side for verifiers outside the node process
 *   (signature-intake.ts);
 * - GET /health and /ready: 200 `{"status":"ok"}`.
 */
export function serveIndexer(port: number, aggregator: Aggregator): Promise<Server> {
  const ingested = new Map<string, Ingested>()
  // The same entries in ingestion order: a time window is a contiguous run of it, found by
  // bisection (the RMN nodes ask for the newest results every block; the history grows).
  const inOrder: Ingested[] = []
  aggregator.onResult((result) => {
    const entry = { result, ingestedAt: new Date() }
    ingested.set(result.messageId, entry)
    inOrder.push(entry)
  })
  const server = createServer((req, res) => {
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(body)
    }
    const url = new URL(req.url ?? '/', 'http://indexer')
    const path = url.pathname.replace(/\/+$/, '')
    if (req.method === 'POST' && path === '/v1/signatures') {
      readBody(req).then(
        (body) => {
          const submissions = readSubmissions(body, (id) => aggregator.known(id))
          if (typeof submissions === 'string') return send(400, errorBody(400, submissions))
          const counted = submissions.map((s) => aggregator.submit(s.attested, s.signature))
          send(200, toJson({ success: true, counted }))
        },
        (error: Error) => send(413, errorBody(413, error.message)),
      )
      return
    }
    if (req.method !== 'GET') return send(405, errorBody(405, 'method not allowed'))
    if (path === '/health' || path === '/ready') return send(200, toJson({ status: 'ok' }))
    if (path === '/v1/verifierresults') {
      const window = readWindow(url.searchParams)
      if (typeof window === 'string') return send(400, errorBody(400, window))
      const page: Ingested[] = []
      let skip = window.offset
      for (
        let i = firstAtOrAfter(inOrder, window.start);
        i < inOrder.length && page.length < window.limit;
        i++
      ) {
        const { result, ingestedAt } = inOrder[i]!
        if (ingestedAt.getTime() > window.end) break
        const { sourceChainSelector, destChainSelector } = result.sent.message
        if (window.sources !== undefined && !window.sources.has(sourceChainSelector)) continue
        if (window.dests !== undefined && !window.dests.has(destChainSelector)) continue
        if (skip > 0) skip--
        else page.push(inOrder[i]!)
      }
      return send(200, verifierResultsListBody(page))
    }
    const match = /^\/v1\/verifierresults\/([^/]+)$/.exec(path)
    if (match === null) return send(404, errorBody(404, 'not found'))
    const id = match[1]!.toLowerCase()
    if (!/^0x[0-9a-f]{64}$/.test(id)) return send(400, errorBody(400, 'Invalid MessageID'))
    const entry = ingested.get(id)
    if (entry === undefined) return send(404, errorBody(404, 'MessageID not found'))
    send(200, verifierResultsBody(entry.result, entry.ingestedAt))
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve(server)
    })
  })
}

interface Ingested {
  result: VerifierResult
  ingestedAt: Date
}

/** The index of the first entry ingested at or after `ms` (entries are in ingestion order). */
function firstAtOrAfter(entries: readonly Ingested[], ms: number): number {
  let lo = 0
  let hi = entries.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (entries[mid]!.ingestedAt.getTime() < ms) lo = mid + 1
    else hi = mid
  }
  return lo
}

interface Window {
  start: number
  end: number
  sources: Set<bigint> | undefined
  dests: Set<bigint> | undefined
  limit: number
  offset: number
}

/** The list query's parameters as Chainlink's indexer reads them, or why they are malformed. */
function readWindow(q: URLSearchParams): Window | string {
  const time = (name: string, fallback: number): number | string => {
    const raw = q.get(name)
    if (raw === null || raw === '') return fallback
    if (/^\d+$/.test(raw)) return Number(raw)
    const parsed = Date.parse(raw)
    return Number.isNaN(parsed) ? `bad ${name} time: ${raw}` : parsed
  }
  const selectors = (name: string): Set<bigint> | undefined | string => {
    const raw = q.get(name)
    if (raw === null || raw === '') return undefined
    const parts = raw.split(',')
    const bad = parts.find((p) => !/^\d{1,20}$/.test(p) || BigInt(p) >= 1n << 64n)
    return bad === undefined ? new Set(parts.map(BigInt)) : `bad ${name}: invalid chain selector (${bad})`
  }
  const count = (name: string, fallback: number): number | string => {
    const raw = q.get(name)
    if (raw === null || raw === '') return fallback
    return /^\d+$/.test(raw) ? Number(raw) : `bad ${name}: ${raw}`
  }
  const start = time('start', 0)
  const end = time('end', Date.now())
  const sources = selectors('sourceChainSelectors')
  const dests = selectors('destChainSelectors')
  const limit = count('limit', DEFAULT_LIMIT)
  const offset = count('offset', 0)
  for (const v of [start, end, sources, dests, limit, offset]) if (typeof v === 'string') return v
  if ((limit as number) > MAX_LIMIT) return `limit exceeds maximum allowed (${MAX_LIMIT})`
  return {
    start: start as number,
    end: end as number,
    sources: sources as Set<bigint> | undefined,
    dests: dests as Set<bigint> | undefined,
    limit: limit as number,
    offset: offset as number,
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    // Read to the end either way: the answer (413) goes out on the same connection.
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY) chunks.push(chunk)
    })
    req.on('end', () =>
      size > MAX_BODY
        ? reject(new Error(`request body over ${MAX_BODY >> 20} MiB`))
        : resolve(Buffer.concat(chunks).toString('utf8')),
    )
    req.on('error', reject)
  })
}
