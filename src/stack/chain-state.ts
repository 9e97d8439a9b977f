import { closeSync, openSync, readSync } from 'node:fs'
import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'
import { rpcCall } from '../chain/rpc.js'
import { writeFileAtomicAsync } from '../fs-atomic.js'

const gunzipAsync = promisify(gunzip)

/**
 * Save a chain's full state (accounts, code, storage, blocks and logs) to `file` in the form
 * anvil's --load-state reads. anvil_dumpState returns gzip; we store plain JSON, written atomically
 * so a crash mid-save leaves the previous snapshot intact.
 */
export async function saveChainState(rpcUrl: string, file: string): Promise<number> {
  const hex = await rpcCall<string>(rpcUrl, 'anvil_dumpState', [], 30_000)
  // Off the event loop (zlib's thread pool, async I/O): a dump can be tens of MB, and the node
  // daemon's main thread also wakes the nodes on every block.
  const json = await gunzipAsync(Buffer.from(hex.startsWith('0x') ? hex.slice(2) : hex, 'hex'))
  await writeFileAtomicAsync(file, json)
  return json.length
}

/**
 * The block number a saved state stands at, or undefined when there is none (or it is unreadable).
 * anvil's dump opens with the current block, so 256 bytes say it without parsing many MB.
 */
export function savedHead(file: string): number | undefined {
  try {
    const fd = openSync(file, 'r')
    const start = Buffer.alloc(256)
    try {
      readSync(fd, start, 0, start.length, 0)
    } finally {
      closeSync(fd)
    }
    const number = /"number":"(0x[0-9a-f]+)"/.exec(start.toString('utf8'))?.[1]
    return number === undefined ? undefined : Number(number)
  } catch {
    return undefined
  }
}
