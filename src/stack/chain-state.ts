import { gunzipSync } from 'node:zlib'
import { rpcCall } from '../chain/rpc.js'
import { writeFileAtomic } from '../fs-atomic.js'

/**
 * Save a chain's full state (accounts, code, storage, blocks and logs) to `file` in the form
 * anvil's --load-state reads. anvil_dumpState returns gzip; we store plain JSON, written atomically
 * so a crash mid-save leaves the previous snapshot intact.
 */
export async function saveChainState(rpcUrl: string, file: string): Promise<number> {
  const hex = await rpcCall<string>(rpcUrl, 'anvil_dumpState', [], 30_000)
  const json = gunzipSync(Buffer.from(hex.startsWith('0x') ? hex.slice(2) : hex, 'hex'))
  writeFileAtomic(file, json)
  return json.length
}
