import { rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { controlSocket } from '../stack/control.js'
import type { StackPaths } from '../stack/paths.js'
import type { Log } from './loop.js'

/** A control request's handler: its JSON answer, or a thrown error (404 when `notFound(error)`). */
export type ControlRoutes = Record<string, (arg: string | undefined) => Promise<unknown>>

/**
 * Serve stack/control.ts's socket: `POST /<route>` or `POST /<route>/<arg>`. One request at a
 * time is enough: every route holds the chains anyway.
 */
export function serveControl(
  paths: StackPaths,
  routes: ControlRoutes,
  notFound: (error: unknown) => boolean,
  log: Log,
): Server {
  const socket = controlSocket(paths)
  rmSync(socket, { force: true }) // left by a killed process: nothing listens on it
  const server = createServer((req, res) => {
    const [, route, arg] = (req.url ?? '').split('/')
    const handler = route === undefined ? undefined : routes[route]
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    if (req.method !== 'POST' || handler === undefined) return answer(404, { error: `no route ${req.url}` })
    handler(arg === undefined ? undefined : decodeURIComponent(arg)).then(
      (body) => answer(200, body),
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error)
        if (!notFound(error)) log(`control ${req.url} failed: ${message}`)
        answer(notFound(error) ? 404 : 500, { error: message })
      },
    )
  })
  server.listen(socket)
  server.on('error', (error) => log(`control socket ${socket}: ${error.message}`))
  return server
}
