import { createHash } from 'node:crypto'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CcipError, ErrorCode } from '../errors.js'
import type { StackPaths } from './paths.js'

/**
 * The node process's control socket: a Unix socket (only this user can reach it, no port to
 * collide) over which a library process asks it for what only it can do, because it holds the
 * chains' mining: whole-stack snapshots and reverts. JSON over HTTP, POST only.
 */

/** Where the socket lives: in the stack's directory, or under the temp dir when that path is too long for a socket. */
export function controlSocket(paths: StackPaths): string {
  const inside = join(paths.dir, 'control.sock')
  // Linux allows 107 bytes for a socket path.
  if (Buffer.byteLength(inside) < 100) return inside
  return join(tmpdir(), `ccipkit-${createHash('sha256').update(paths.dir).digest('hex').slice(0, 16)}.sock`)
}

/** POST `path` to the node process; its JSON answer, or a CcipError. */
export function controlCall<T>(paths: StackPaths, path: string, timeoutMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = request(
      { socketPath: controlSocket(paths), path, method: 'POST', timeout: timeoutMs },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (c: Buffer) => chunks.push(c))
        response.on('end', () => {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as T & { error?: string }
          if (response.statusCode === 200) return resolve(body)
          const code = response.statusCode === 404 ? ErrorCode.NotFound : ErrorCode.StackState
          reject(
            new CcipError(code, body.error ?? `the node process answered ${response.statusCode}`, {
              hint:
                response.statusCode === 404
                  ? 'take a snapshot first: snapshot() returns its id'
                  : 'see the node log: `ccip local status`',
            }),
          )
        })
      },
    )
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)))
    req.on('error', (cause) =>
      reject(
        new CcipError(ErrorCode.StackNotRunning, "the local stack's node process does not answer", {
          hint: 'is the stack running? `ccip local status`',
          cause,
        }),
      ),
    )
    req.end()
  })
}
