import type { Profile } from '../profiles/profile.js'
import { openProfileStore } from '../profiles/store.js'
import { type Deployment, deploymentMode } from './deployment.js'
import { indexerPort, modeDeploys } from './lane-plan.js'
import type { Manifest } from './manifest.js'
import { archiveFile, stackPaths } from './paths.js'

/** Register (or refresh: the RPC port may have changed) one `local` profile per stack chain. */
export function registerLocalProfiles(home: string, manifest: Manifest, deployment: Deployment): void {
  const v2 = modeDeploys(deploymentMode(deployment), '2.0')
  const indexerUrl = `http://127.0.0.1:${indexerPort(manifest.portBase)}`
  const profiles: Profile[] = manifest.chains.map((chain) => {
    const contracts = deployment.chains.find((c) => c.name === chain.name)?.contracts
    return {
      name: chain.name,
      chainId: String(chain.chainId),
      selector: chain.selector,
      rpcUrl: chain.rpcUrl,
      ...(contracts === undefined ? {} : { router: contracts.router }),
      local: true,
      finalityDepth: manifest.finalityDepth,
      logArchive: archiveFile(stackPaths(home), chain.name),
      ...(v2 ? { indexerUrl } : {}),
    }
  })
  openProfileStore(home).replaceLocal(profiles)
}

export function removeLocalProfiles(home: string): void {
  openProfileStore(home).removeLocal()
}
