import { Contract, NonceManager, toBeHex } from 'ethers'
import { ccipAbi } from '../chain/artifacts.js'
import { Chain } from '../chain/chain.js'
import { chainProvider } from '../chain/provider.js'
import { CcipError, ErrorCode, ExitCode } from '../errors.js'
import { devAccount } from '../profiles/dev-keys.js'
import type { Deployment } from './deployment.js'
import { inspectStack, type ManifestChain } from './manifest.js'
import type { StackPaths } from './paths.js'
import { FAUCET } from './settings.js'

export interface FaucetGrant {
  chain: string
  to: string
  native: bigint
  link: bigint
  'CCIP-BnM': bigint
  'CCIP-LnM': bigint
}

/**
 * Top up an address on the local chains: native through anvil_setBalance (adds to the balance),
 * LINK, CCIP-BnM and CCIP-LnM minted by the stack's owner account, which holds the mint role.
 */
export async function faucet(
  paths: StackPaths,
  params: { chain?: string; to: string },
): Promise<FaucetGrant[]> {
  const { liveness, manifest, deployment } = inspectStack(paths)
  if (liveness !== 'running' || manifest === undefined || deployment === undefined) {
    throw new CcipError(ErrorCode.StackNotRunning, 'the local stack is not running', {
      hint: 'start it with `ccip local up --detach`',
    })
  }
  const targets =
    params.chain === undefined ? manifest.chains : manifest.chains.filter((c) => c.name === params.chain)
  if (targets.length === 0) {
    throw new CcipError(ErrorCode.NotFound, `no local chain named "${params.chain}"`, {
      hint: `local chains: ${manifest.chains.map((c) => c.name).join(', ')}`,
      exitCode: ExitCode.NotFound,
    })
  }
  return Promise.all(targets.map((chain) => fundOnChain(chain, deployment, params.to)))
}

async function fundOnChain(chain: ManifestChain, deployment: Deployment, to: string): Promise<FaucetGrant> {
  const contracts = deployment.chains.find((c) => c.name === chain.name)?.contracts
  if (contracts === undefined)
    throw new CcipError(ErrorCode.StackState, `${chain.name} is not in the deployment`)
  const provider = chainProvider(
    new Chain({ name: chain.name, rpcUrl: chain.rpcUrl, local: true }),
    chain.chainId,
    50,
  )
  try {
    const balance = await provider.getBalance(to)
    await provider.send('anvil_setBalance', [to, toBeHex(balance + FAUCET.native)])
    const owner = new NonceManager(devAccount(0).connect(provider))
    const mints = [
      [contracts.link, FAUCET.link],
      [contracts.tokens['CCIP-BnM'].token, FAUCET.bnm],
      [contracts.tokens['CCIP-LnM'].token, FAUCET.lnm],
    ] as const
    const sent = []
    for (const [token, amount] of mints) {
      const contract = new Contract(token, ccipAbi('token'), owner)
      sent.push(await contract.getFunction('mint')(to, amount))
    }
    await Promise.all(sent.map((tx: { wait(): Promise<unknown> }) => tx.wait()))
    return {
      chain: chain.name,
      to,
      native: FAUCET.native,
      link: FAUCET.link,
      'CCIP-BnM': FAUCET.bnm,
      'CCIP-LnM': FAUCET.lnm,
    }
  } finally {
    provider.destroy()
  }
}
