import { rpcCall } from '../chain/rpc.js'
import { CcipError, ErrorCode } from '../errors.js'
import type { AnvilProcess } from './anvil.js'
import type { Deployment } from './deployment.js'

/** After a warm start, make sure each chain really came back with its CCIP contracts. */
export async function verifyRestored(deployment: Deployment, chains: AnvilProcess[]): Promise<void> {
  await Promise.all(
    deployment.chains.map(async (chain, i) => {
      const rpcUrl = chains[i]?.rpcUrl
      if (rpcUrl === undefined) return
      const code = await rpcCall<string>(rpcUrl, 'eth_getCode', [chain.contracts.router, 'latest'])
      if (code === '0x') {
        throw new CcipError(ErrorCode.StackState, `the saved state of ${chain.name} has no CCIP deployment`, {
          hint: 'start over with `ccip local up --fresh` (or `ccip local reset`)',
        })
      }
    }),
  )
}
