import { closeSync, openSync, readSync } from 'node:fs'
import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'
import { rpcCall } from '../chain/rpc.js'

const gunzipAsync = promisify(gunzip)

/**
 * One chain's full state (accounts, code, storage, blocks and logs) in the form anvil's
 * --load-state reads. anvil_dumpState returns gzip; we store plain JSON (state-cut.ts writes it).
 */
export async function dumpChainState(rpcUrl: string): Promise<Buffer> {
  const hex = await rpcCall<string>(rpcUrl, 'anvil_dumpState', [], 30_000)
  // Off the event loop (zlib's thread pool): a dump can be tens of MB, and the node daemon's
  // main thread also wakes the nodes on every block.
  return gunzipAsync(Buffer.from(hex.startsWith('0x') ? hex.slice(2) : hex, 'hex'))
}

/** anvil's dump opens with the current block: its number, from the first bytes. */
export function headOfDump(start: Buffer): number | undefined {
  const number = /"number":"(0x[0-9a-f]+)"/.exec(start.subarray(0, 256).toString('utf8'))?.[1]
  return number === undefined ? undefined : Number(number)
}

/**
 * The block number a saved state stands at, or undefined when there is none (or it is unreadable).
 * 256 bytes say it without parsing many MB.
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
    return headOfDump(start)
  } catch {
    return undefined
  }
}
