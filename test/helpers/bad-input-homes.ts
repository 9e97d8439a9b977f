import { createHash } from 'node:crypto'
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Homes for the bad-input table: profiles that point at ports where nothing listens (a stopped
 * stack, a dead remote node whose URL carries an API key), and broken stores. Ports 19901-19999.
 */
export const DEAD = { alpha: 19901, beta: 19902, gamma: 19903, remote: 19904, free: 19905 }
export const HALF_NODE_PORT = 19950
/** Put in the remote profile's URL: no output may ever contain it. */
export const SECRET = 'SECRETKEY123'

export type HomeKind = 'dead' | 'empty' | 'missing' | 'file' | 'corrupt' | 'schema'

const VERSION = { migrations: { version: '1.0.0' } }
const local = (name: string, chainId: string, selector: string, port: number) => ({
  name,
  chainId,
  selector,
  rpcUrl: `http://127.0.0.1:${port}`,
  router: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  local: true,
})
const DEAD_STORE = {
  profiles: {
    alpha: local('alpha', '1337', '3379446385462418246', DEAD.alpha),
    beta: local('beta', '31337', '7759470850252068959', DEAD.beta),
    gamma: local('gamma', '2337', '12922642891491394802', DEAD.gamma),
    remote: {
      name: 'remote',
      chainId: '11155111',
      selector: '16015286601757825753',
      rpcUrl: `http://127.0.0.1:${DEAD.remote}/v2/${SECRET}?key=${SECRET}`,
      router: '0x0BF3dE8c5D3e8A2B34D2BEeB17ABfCeBaf363A59',
      local: false,
    },
    norouter: {
      name: 'norouter',
      chainId: '421614',
      selector: '3478487238524512106',
      rpcUrl: `http://127.0.0.1:${DEAD.free}`,
      local: false,
    },
  },
  __internal__: VERSION,
}

/** A fresh directory holding `home` (as `kind` says) and nothing else; hash the directory. */
export function makeHome(kind: HomeKind): { root: string; home: string } {
  const root = mkdtempSync(join(tmpdir(), 'ccip-test-bad-'))
  const home = join(root, 'home')
  if (kind === 'missing') return { root, home }
  if (kind === 'file') {
    writeFileSync(home, 'not a directory\n')
    return { root, home }
  }
  mkdirSync(home)
  const store = join(home, 'profiles.json')
  if (kind === 'dead') writeFileSync(store, JSON.stringify(DEAD_STORE, null, 2))
  if (kind === 'corrupt') writeFileSync(store, '{"profiles": {"alpha": ')
  if (kind === 'schema') {
    const withKey = { ...DEAD_STORE.profiles.alpha, privateKey: `0x${'11'.repeat(32)}` }
    writeFileSync(store, JSON.stringify({ profiles: { alpha: withKey }, __internal__: VERSION }))
  }
  return { root, home }
}

/** Every path, type and byte under `dir`: equal hashes mean nothing was created, changed or removed. */
export function treeHash(dir: string): string {
  const hash = createHash('sha256')
  const walk = (path: string, rel: string) => {
    if (!existsSync(path)) return
    const stat = lstatSync(path)
    if (stat.isDirectory()) {
      hash.update(`d ${rel}\n`)
      for (const name of readdirSync(path).sort()) walk(join(path, name), `${rel}/${name}`)
    } else {
      hash.update(`f ${rel} ${stat.mode.toString(8)}\n`)
      hash.update(readFileSync(path))
    }
  }
  walk(dir, '.')
  return hash.digest('hex')
}

/**
 * A node that answers eth_chainId (Sepolia's) and then hangs up on every other call: reachable
 * for the first probe of `chains add`, unreachable for the Router check.
 */
export async function halfNode(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8')
    })
    req.on('end', () => {
      const call = JSON.parse(body) as { id: unknown; method: string }
      if (call.method !== 'eth_chainId') return req.socket.destroy()
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ jsonrpc: '2.0', id: call.id, result: '0xaa36a7' }))
    })
  })
  await new Promise<void>((resolve) => server.listen(HALF_NODE_PORT, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${HALF_NODE_PORT}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
