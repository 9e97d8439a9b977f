import { createServer, type Server } from 'node:http'

/**
 * A JSON-RPC front for a real chain that answers the `refused` methods with a JSON-RPC error, as
 * a node that went read-only (or a provider that rejects a transaction) would; everything else
 * passes through unchanged. It changes no chain data.
 */
export interface RefusingRpc {
  url: string
  close(): Promise<void>
}

export async function refusingRpc(target: string, port: number, refused: string[]): Promise<RefusingRpc> {
  const forward = async (body: string) =>
    (await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).text()
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8')
    })
    req.on('end', async () => {
      const parsed = JSON.parse(body) as { id: unknown; method: string } | { id: unknown; method: string }[]
      const calls = Array.isArray(parsed) ? parsed : [parsed]
      res.setHeader('content-type', 'application/json')
      if (calls.some((c) => refused.includes(c.method))) {
        const errors = calls.map((c) => ({
          jsonrpc: '2.0',
          id: c.id,
          error: { code: -32000, message: `${c.method} refused by the test front` },
        }))
        res.end(JSON.stringify(Array.isArray(parsed) ? errors : errors[0]))
        return
      }
      res.end(await forward(body))
    })
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
