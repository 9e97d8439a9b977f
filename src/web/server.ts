import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { CcipError, ErrorCode, ExitCode } from '../errors.js'
import { API_ROUTES } from './api.js'
import { badRequest, noPage, type WebError, webError } from './errors.js'
import { errorPage } from './html.js'
import { jsonText } from './json.js'
import { PAGES } from './pages.js'
import { ExplorerSource } from './source.js'

export interface ExplorerOptions {
  /** Where the chain profiles live (the client's home). */
  home: string
  /** 0 (default): any free port. */
  port?: number
  /** Told about failures that are not the user's (a bug, an unexpected chain answer). */
  onInternalError?: (error: unknown) => void
}

export interface Explorer {
  readonly url: string
  readonly port: number
  close(): Promise<void>
}

/**
 * Serve the explorer on 127.0.0.1 only: its pages and JSON API read the chains through the
 * library's client, with the profiles of `home`. Resolves once listening; PORT_BUSY when the port
 * is taken.
 *
 * @example
 * const explorer = await startExplorer({ home, port: 0 })
 * console.error(explorer.url)
 */
export async function startExplorer(opts: ExplorerOptions): Promise<Explorer> {
  const source = new ExplorerSource(opts.home)
  const server = createServer((req, res) => {
    handle(req, res, source, opts).catch((error: unknown) => {
      opts.onInternalError?.(error)
      if (!res.headersSent)
        send(
          res,
          500,
          'application/json',
          jsonText({ error: { code: 'INTERNAL', message: 'internal error' } }),
        )
      else res.end()
    })
  })
  const port = await listen(server, opts.port ?? 0)
  // The first list a browser asks for is the expensive one (the chains' history): start it now.
  source.messages({ limit: 100 }).catch(() => {})
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const busy = error.code === 'EADDRINUSE'
      reject(
        new CcipError(
          busy ? ErrorCode.PortBusy : ErrorCode.Usage,
          busy ? `port ${port} is already in use` : `cannot listen on port ${port}: ${error.code}`,
          {
            hint: 'choose another with --port (--port 0 picks a free one)',
            exitCode: busy ? ExitCode.Failed : ExitCode.Usage,
          },
        ),
      )
    })
    // Loopback only: the explorer shows what your profiles reach, to you.
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))
  })
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  source: ExplorerSource,
  opts: ExplorerOptions,
) {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const isApi = url.pathname.startsWith('/api/')
  const fail = async (error: unknown) => {
    const failure = await webError(error, source)
    if (failure.status === 500) opts.onInternalError?.(error)
    answerError(res, failure, isApi)
  }
  // A page of another site must not reach this one through a DNS name it controls (DNS rebinding).
  if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(req.headers.host ?? '')) {
    return send(res, 403, 'text/plain', 'the explorer answers on 127.0.0.1 only\n')
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return fail(badRequest(`${req.method} is not served`, 'the explorer only reads: use GET'))
  }
  if (url.pathname === '/favicon.ico') return send(res, 204, 'text/plain', '')
  if (isApi) {
    const [, , name = '', ...rest] = url.pathname.split('/')
    const route = API_ROUTES[name]
    if (route === undefined || !Object.hasOwn(API_ROUTES, name)) return fail(noPage(url.pathname))
    try {
      return send(
        res,
        200,
        'application/json',
        jsonText(await route(source, url.searchParams, rest.join('/'))),
      )
    } catch (error) {
      return fail(error)
    }
  }
  const [, first = '', ...rest] = url.pathname.split('/')
  const render = PAGES[first]
  if (render === undefined || !Object.hasOwn(PAGES, first)) return fail(noPage(url.pathname))
  const nonce = randomBytes(16).toString('base64')
  try {
    return send(res, 200, 'text/html', await render(source, url.searchParams, rest.join('/'), nonce), nonce)
  } catch (error) {
    const failure = await webError(error, source)
    if (failure.status === 500) opts.onInternalError?.(error)
    return send(res, failure.status, 'text/html', errorPage(failure, nonce), nonce)
  }
}

function answerError(res: ServerResponse, failure: WebError, json: boolean): void {
  if (json) {
    send(res, failure.status, 'application/json', jsonText({ error: failure.error }))
    return
  }
  const nonce = randomBytes(16).toString('base64')
  send(res, failure.status, 'text/html', errorPage(failure, nonce), nonce)
}

function send(res: ServerResponse, status: number, type: string, body: string, nonce?: string): void {
  res.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    // Only our own inline script (by nonce) runs; the page talks to this server alone.
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; script-src ${nonce === undefined ? "'none'" : `'nonce-${nonce}'`}; base-uri 'none'; form-action 'self'`,
  })
  res.end(body)
}
