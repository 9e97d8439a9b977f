/**
 * Stops a local stack whose owner died (manifest.ts, `owner`): spawned, detached, by the node
 * process when it sees the owning process gone, because stopping the stack stops the node
 * process itself. Saves the chains unless the home was temporary, which it then removes.
 *
 * Usage: node orphan-cleanup.js <home> <temporary|kept>
 */
import { rmSync } from 'node:fs'
import { stackPaths } from './paths.js'
import { stopStack } from './stop.js'

const [home, kind] = process.argv.slice(2)
if (home === undefined || (kind !== 'temporary' && kind !== 'kept')) {
  throw new Error('usage: orphan-cleanup.js <home> <temporary|kept>')
}
await stopStack(stackPaths(home), { save: kind === 'kept' })
if (kind === 'temporary') rmSync(home, { recursive: true, force: true })
