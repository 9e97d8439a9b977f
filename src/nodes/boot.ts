import type { Deployment } from '../stack/deployment.js'
import { type Manifest, readDeployment, readManifest } from '../stack/manifest.js'
import type { StackPaths } from '../stack/paths.js'
import { isAlive } from '../stack/processes.js'
import { sleep } from '../time.js'

/**
 * The node process is spawned while the chains still start (stack/nodes-process.ts) and loads its
 * code meanwhile; it begins once the manifest says the chains are ready. Resolves to the manifest
 * and deployment; undefined when `starter` (the `up` that spawned it) died first.
 */
export async function chainsReady(
  paths: StackPaths,
  starter: number | undefined,
): Promise<{ manifest: Manifest; deployment: Deployment } | undefined> {
  for (;;) {
    try {
      const manifest = readManifest(paths)
      if (
        manifest !== undefined &&
        (manifest.starting === undefined || manifest.starting.chainsReady === true)
      ) {
        const deployment = readDeployment(paths)
        if (deployment !== undefined) return { manifest, deployment }
      }
    } catch {
      // Being written: read it again.
    }
    if (starter !== undefined && !isAlive(starter)) return undefined
    await sleep(5)
  }
}
