import type { SignerLike } from '../chain/signers.js'
import type { CcipContext } from '../context.js'
import { invalidArgument } from '../errors.js'
import type { ResolveSignerOptions } from '../profiles/wallet.js'
import type { TokenDeployResult } from '../tokens/deploy.js'
import type { PoolType } from '../tokens/inspect.js'
import type { TokenSetupRequest as CliSetupRequest } from '../tokens/setup.js'
import type { Phase } from '../tokens/setup-plan.js'

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

/** A rate limit in the token's smallest unit, or `'off'` (disabled). */
export type TokenLimit = { capacity: bigint; rate: bigint } | 'off'

/** `ccip token setup` and its steps alone, as one request (`steps` picks the phases; default all). */
export interface TokenSetupRequest {
  /** A symbol (token book or registry), an address, or `{ chain: address }`. */
  token: string | Record<string, string>
  chains: readonly string[]
  /** Needed when a chain has no pool yet: burn-mint everywhere, or lock-release on `homeChain`. */
  pool?: PoolType
  homeChain?: string
  /** Pool contracts to deploy; default '1.6'. */
  poolVersion?: '1.6' | '2.0'
  outbound?: TokenLimit
  inbound?: TokenLimit
  /** What a lock/release pool should hold at least, in the token's smallest unit. */
  liquidity?: bigint
  registryModule?: string
  steps?: readonly Phase[]
  account?: number
  signer?: SignerLike
}

/** The CLI's flags as the library passes them: every mistake the same CcipError. */
async function setupRequest(ctx: CcipContext, request: TokenSetupRequest): Promise<CliSetupRequest> {
  const [{ chainList, poolTypes }, { parseLimitChange }, { PHASES }] = await Promise.all([
    import('../tokens/args.js'),
    import('../operator/ratelimit-config.js'),
    import('../tokens/setup-plan.js'),
  ])
  const profiles = await ctx.profiles()
  const names = chainList(request.chains.join(','))
  const limit = (direction: 'outbound' | 'inbound', value: TokenLimit | undefined) => {
    if (value === undefined) return undefined
    if (value === 'off') return parseLimitChange({ [direction]: true, disable: true })
    const change = parseLimitChange({
      [direction]: true,
      capacity: String(value.capacity),
      rate: String(value.rate),
    })
    return { ...change, smallestUnit: true }
  }
  const steps = request.steps ?? PHASES
  const unknown = steps.find((s) => !(PHASES as readonly string[]).includes(s))
  if (unknown !== undefined)
    throw invalidArgument(`setupToken: unknown step '${unknown}'`, `steps are ${PHASES.join(', ')}`)
  const token =
    typeof request.token === 'string'
      ? request.token
      : Object.entries(request.token)
          .map(([chain, address]) => `${chain}=${address}`)
          .join(',')
  return {
    chains: names.map((n) => profiles.require(n)),
    token,
    goal: {
      poolTypes: poolTypes(names, request.pool, request.homeChain),
      poolVersion: request.poolVersion ?? '1.6',
      outbound: limit('outbound', request.outbound),
      inbound: limit('inbound', request.inbound),
      liquidity: request.liquidity,
      phases: steps,
    },
    ...(request.registryModule === undefined ? {} : { registryModule: request.registryModule }),
  }
}

/** What setupToken would send (nothing is sent): each chain's token and pool, every transaction. */
export async function planSetup(ctx: CcipContext, request: TokenSetupRequest, signer: ResolveSignerOptions) {
  const { prepareTokenSetup } = await import('../tokens/setup.js')
  return prepareTokenSetup(ctx, await setupRequest(ctx, request), signer)
}

/** Plan and send what is missing (`ccip token setup`); resolves with what was sent. */
export async function setupToken(ctx: CcipContext, request: TokenSetupRequest, signer: ResolveSignerOptions) {
  const { prepareTokenSetup, executeTokenSetup } = await import('../tokens/setup.js')
  const cli = await setupRequest(ctx, request)
  const prepared = await prepareTokenSetup(ctx, cli, signer)
  // The caller asked for it in code: no prompt.
  return executeTokenSetup(ctx, cli, prepared, signer, async () => undefined)
}
