import type { SignerLike } from '../chain/signers.js'
import type { CcipContext } from '../context.js'
import { invalidArgument } from '../errors.js'
import type { ResolveSignerOptions } from '../profiles/wallet.js'
import type { TokenDeployResult } from '../tokens/deploy.js'

/** Your own token across chains, behind CcipClient (the CLI's `ccip token …`). */

/** A new burn/mint ERC-20 on each of `chains` (`ccip token deploy`). */
export interface TokenDeployRequest {
  chains: readonly string[]
  name: string
  symbol: string
  /** Default 18. */
  decimals?: number
  /** In the token's smallest unit; default 0n, unlimited. */
  maxSupply?: bigint
  /** Minted to the CCIP admin at deployment, in the token's smallest unit; default 0n. */
  preMint?: bigint
  /** The token's CCIP admin (who registers it with CCIP); default the signer, who owns the contract. */
  admin?: string
  /** Who signs (as in SendRequest): a dev account index on local chains. */
  account?: number
  /** Who signs: an ethers Signer or a viem account/WalletClient. */
  signer?: SignerLike
}

/** Deploy on every chain: one signer for all, every deployment simulated before any is sent. */
export async function deployToken(
  ctx: CcipContext,
  request: TokenDeployRequest,
  signer: ResolveSignerOptions,
): Promise<TokenDeployResult> {
  const [{ tokenSpec, planTokenDeploy, executeTokenDeploy }, { chainList }, { address }] = await Promise.all([
    import('../tokens/deploy.js'),
    import('../tokens/args.js'),
    import('../ui/parse.js'),
  ])
  const units = (name: string, value: bigint | undefined): bigint => {
    if (value === undefined) return 0n
    if (typeof value !== 'bigint' || value < 0n)
      throw invalidArgument(
        `deployToken: ${name} must be a non-negative bigint`,
        "amounts are in the token's smallest unit",
      )
    return value
  }
  const profiles = await ctx.profiles()
  const chains = chainList(request.chains.join(',')).map((name) => profiles.require(name))
  const spec = tokenSpec({
    name: request.name,
    symbol: request.symbol,
    decimals: request.decimals ?? 18,
    maxSupply: units('maxSupply', request.maxSupply),
    preMint: units('preMint', request.preMint),
  })
  let admin: string | undefined
  if (request.admin !== undefined) {
    try {
      admin = address(request.admin)
    } catch (error) {
      throw invalidArgument(
        `deployToken: admin ${request.admin}: ${(error as Error).message}`,
        'give a 0x address',
      )
    }
  }
  const plan = await planTokenDeploy(chains, spec, signer, admin)
  // The caller asked for it in code: no prompt.
  return executeTokenDeploy(chains, plan, signer, async () => undefined, ctx.home)
}
