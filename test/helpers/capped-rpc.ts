import { createServer, type Server } from 'node:http'

/**
 * A JSON-RPC front for a real chain that refuses eth_getLogs over more than `maxRange` blocks,
 * as public RPC providers do; everything else passes through unchanged. It changes no chain data:
 * it only lets the tests drive the code paths a capped provider forces.
 */
export interface CappedRpc {
  url: string
  /** eth_getLogs requests seen, and how many of them were refused. */
  counts: { getLogs: number; refused: number }
  close(): Promise<void>
}

interface Call {
  id: unknown
  method?: string
  params?: { fromBlock?: string; toBlock?: string }[]
}

export async function cappedRpc(target: string, port: number, maxRange: number): Promise<CappedRpc> {
  const counts = { getLogs: 0, refused: 0 }
  const forward = async (body: string) =>
    (await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).text()
  const blockOf = async (tag: string | undefined): Promise<number> => {
    if (tag?.startsWith('0x')) return Number(tag)
    if (tag === 'earliest') return 0
    const head = JSON.parse(await forward('{"jsonrpc":"2.0","id":0,"method":"eth_blockNumber","params":[]}'))
    return Number(head.result)
  }
  const answer = async (call: Call): Promise<string> => {
    if (call.method === 'eth_getLogs') {
      counts.getLogs += 1
      const filter = call.params?.[0] ?? {}
      const range = (await blockOf(filter.toBlock)) - (await blockOf(filter.fromBlock ?? 'latest')) + 1
      if (range > maxRange) {
        counts.refused += 1
        return JSON.stringify({
          jsonrpc: '2.0',
          id: call.id,
          error: { code: -32005, message: `query exceeds max block range ${maxRange}` },
        })
      }
    }
    return forward(JSON.stringify(call))
  }
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8')
    })
    req.on('end', async () => {
      // A batch is answered item by item, as providers do: a refused getLogs fails alone.
      const parsed = JSON.parse(body) as Call | Call[]
      const replies = await Promise.all((Array.isArray(parsed) ? parsed : [parsed]).map(answer))
      res.setHeader('content-type', 'application/json')
      res.end(Array.isArray(parsed) ? `[${replies.join(',')}]` : replies[0])
    })
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
