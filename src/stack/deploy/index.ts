import { ccipPackageVersion } from '../../chain/artifacts.js'
import { Chain } from '../../chain/chain.js'
import { chainProvider } from '../../chain/provider.js'
import { devAccount } from '../../profiles/dev-keys.js'
import { wireLanesV2 } from '../deploy-v2/lanes.js'
import type { ChainDeployment, Deployment, NodeAddresses } from '../deployment.js'
import { type CcipMode, laneVersionIn } from '../lane-plan.js'
import type { LocalChainDef } from '../local-chains.js'
import { nodeWallets } from '../node-keys.js'
import { DON, FUNDING, V2 } from '../settings.js'
import { deployChain } from './chain.js'
import { ocrConfigDigest, RMN_HOME_CONFIG_DIGEST } from './digests.js'
import { wireLanesV16, wirePools } from './lanes.js'
import { TxPipeline } from './pipeline.js'

export interface DeployTarget {
  chain: LocalChainDef
  rpcUrl: string
}

/**
 * Deploy the whole stack on freshly started chains: every chain's contracts in parallel, then
 * every chain's lanes to all the others, each on the version `mode` gives it (lane-plan.ts).
 * Dev account 0 deploys and owns everything.
 */
export async function deployStack(
  targets: DeployTarget[],
  mode: CcipMode,
  onStep?: (line: string) => void,
): Promise<Deployment> {
  const nodes: NodeAddresses = {
    commit: nodeWallets('commit').map((w) => w.address),
    commitTransmitters: nodeWallets('commitTransmitter').map((w) => w.address),
    exec: nodeWallets('exec').map((w) => w.address),
    rmn: nodeWallets('rmn').map((w) => w.address),
    verifiers: nodeWallets('verifier').map((w) => w.address),
    executors: nodeWallets('executor').map((w) => w.address),
  }
  const committee = { threshold: V2.committee.threshold, signers: nodes.verifiers ?? [] }
  const devAccounts = Array.from({ length: FUNDING.devAccounts }, (_, i) => devAccount(i).address)
  const deployer = devAccount(0)

  const pipelines = targets.map(({ chain, rpcUrl }) => {
    const provider = chainProvider(new Chain({ name: chain.name, rpcUrl, local: true }), chain.chainId, 50)
    return new TxPipeline(provider, deployer, 0, chain.chainId, chain.name)
  })
  try {
    const chains: ChainDeployment[] = await Promise.all(
      targets.map(async ({ chain }, i) => {
        const tx = pipelines[i]!
        const contracts = await deployChain(tx, chain, nodes, devAccounts, mode)
        await tx.flush()
        onStep?.(`deployed CCIP on ${chain.name}`)
        return { name: chain.name, chainId: chain.chainId, selector: chain.selector.toString(), contracts }
      }),
    )
    await Promise.all(
      chains.map(async (local, i) => {
        const tx = pipelines[i]!
        const remotes = chains.filter((c) => c !== local)
        const on = (version: string) =>
          remotes.filter((r) => laneVersionIn(mode, i, chains.indexOf(r)) === version)
        await wireLanesV16(tx, local, on('1.6'))
        await wireLanesV2(tx, local, on('2.0'), committee)
        await wirePools(tx, local, remotes)
        await tx.flush()
      }),
    )
    onStep?.(`wired ${chains.length * (chains.length - 1)} lanes`)
    return {
      version: 1,
      ccip: mode,
      createdAt: new Date().toISOString(),
      ccipPackage: ccipPackageVersion(),
      chains,
      nodes,
      ocr: {
        commitConfigDigest: Object.fromEntries(
          targets.map((t) => [t.chain.name, ocrConfigDigest(t.chain.selector, 'commit')]),
        ),
        execConfigDigest: Object.fromEntries(
          targets.map((t) => [t.chain.name, ocrConfigDigest(t.chain.selector, 'exec')]),
        ),
      },
      rmn: { homeConfigDigest: RMN_HOME_CONFIG_DIGEST, fSign: DON.fSign },
    }
  } finally {
    for (const p of pipelines) p.provider.destroy()
  }
}
