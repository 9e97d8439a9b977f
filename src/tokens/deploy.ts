import { AbiCoder, getCreateAddress } from 'ethers'
import { ccipArtifact } from '../chain/artifacts.js'
import { connectChain, disconnect } from '../chain/connect.js'
import { withGasMargin } from '../chain/gas.js'
import { rpcUnreachable } from '../chain/rpc-errors.js'
import { CcipError, describeError, ErrorCode, invalidArgument } from '../errors.js'
import type { Profile } from '../profiles/profile.js'
import { type ResolveSignerOptions, resolveSigner } from '../profiles/wallet.js'
import { recordInBook } from './book.js'

/**
 * `ccip token deploy`: a new token on each chain, the package's FactoryBurnMintERC20 1.6.2 (the
 * burn/mint ERC-20 CCIP's token pools work with: owner, CCIP admin, minters and burners). Planned
 * first (what --dry-run prints: the deployment's data and each chain's expected address), then
 * every signer is resolved and every deployment simulated before the first is sent.
 */
export interface TokenSpec {
  name: string
  symbol: string
  decimals: number
  /** In base units; 0 = unlimited. */
  maxSupply: bigint
  /** Minted to the CCIP admin at deployment, in base units. */
  preMint: bigint
}

export interface TokenDeployPlan {
  token: TokenSpec
  /**
   * The CCIP admin of every deployment (who registers the token with CCIP), and the receiver of
   * the pre-mint: the signer unless --admin says otherwise. The contract's owner is always the
   * deployer (the constructor's `newOwner` is only the CCIP admin).
   */
  admin: string
  /** Who sends the deployments, and owns them. */
  deployer: string
  /** The deployment transaction's data: the package's bytecode, then the constructor's arguments. */
  data: string
  chains: { chain: string; chainId: string; nonce: number; address: string }[]
}

/** The token's parameters, checked the way the contract would refuse them, as usage errors. */
export function tokenSpec(raw: TokenSpec): TokenSpec {
  const bad = (what: string, hint: string) => {
    throw invalidArgument(what, hint)
  }
  if (raw.name.trim() === '') bad('The token name is empty', 'give --name, e.g. --name "My Token"')
  if (!/^[A-Za-z0-9._-]{1,32}$/.test(raw.symbol))
    bad(`Invalid --symbol '${raw.symbol}'`, 'use 1–32 letters, digits, ".", "_" or "-", e.g. --symbol MYT')
  if (!Number.isInteger(raw.decimals) || raw.decimals < 0 || raw.decimals > 36)
    bad(`Invalid --decimals ${raw.decimals}`, 'use 0–36 (18 is the ERC-20 custom)')
  if (raw.maxSupply !== 0n && raw.preMint > raw.maxSupply)
    bad('--pre-mint is above --max-supply', 'mint at most the maximum supply, or raise it')
  return raw
}

/** Resolve the deployer, build the deployment and each chain's address (nonce-derived). Nothing is sent. */
export async function planTokenDeploy(
  chains: readonly Profile[],
  spec: TokenSpec,
  signer: ResolveSignerOptions,
  admin?: string,
): Promise<TokenDeployPlan> {
  const artifact = ccipArtifact('token')
  const rows = await Promise.all(
    chains.map(async (profile) => {
      const chain = connectChain(profile)
      try {
        const wallet = await resolveSigner(profile, signer, chain.provider)
        const nonce = await chain.provider.getTransactionCount(wallet.address, 'pending').catch((error) => {
          throw rpcUnreachable(profile, error)
        })
        return { deployer: wallet.address, chain: profile.name, chainId: profile.chainId, nonce }
      } finally {
        disconnect(chain)
      }
    }),
  )
  const deployer = rows[0]!.deployer
  const stranger = rows.find((r) => r.deployer !== deployer)
  if (stranger !== undefined) {
    throw new CcipError(
      ErrorCode.InvalidArgument,
      `A different signer on ${stranger.chain} (${stranger.deployer})`,
      {
        hint: 'one signer deploys on every chain: pass --keystore or --account for all of them',
      },
    )
  }
  const args = AbiCoder.defaultAbiCoder().encode(
    ['string', 'string', 'uint8', 'uint256', 'uint256', 'address'],
    [spec.name, spec.symbol, spec.decimals, spec.maxSupply, spec.preMint, admin ?? deployer],
  )
  return {
    token: spec,
    admin: admin ?? deployer,
    deployer,
    data: `${artifact.bytecode}${args.slice(2)}`,
    chains: rows.map(({ chain, chainId, nonce }) => ({
      chain,
      chainId,
      nonce,
      address: getCreateAddress({ from: deployer, nonce }),
    })),
  }
}

export interface TokenDeployResult {
  token: TokenSpec
  admin: string
  deployer: string
  deployments: { chain: string; address: string; txHash: string }[]
}

/**
 * Simulate the deployment on every chain (a chain that would refuse it stops everything before a
 * transaction leaves), let `confirm` decide, then deploy on all chains at once. A chain that fails
 * afterwards is reported with the ones that succeeded (DEPLOY_FAILED, `details.deployed`).
 */
export async function executeTokenDeploy(
  chains: readonly Profile[],
  plan: TokenDeployPlan,
  signer: ResolveSignerOptions,
  confirm: () => Promise<void>,
  /** Where the token book lives: every deployment is remembered there (book.ts). */
  home: string,
): Promise<TokenDeployResult> {
  const handles = chains.map((profile) => connectChain(profile))
  try {
    const wallets = await Promise.all(chains.map((p, i) => resolveSigner(p, signer, handles[i]!.provider)))
    const gas = await Promise.all(
      chains.map((profile, i) =>
        handles[i]!.provider.estimateGas({ from: wallets[i]!.address, data: plan.data }).catch(
          (error: unknown) => {
            throw new CcipError(
              ErrorCode.DeployFailed,
              `The token deployment would fail on ${profile.name}: ${describeError(error)}`,
              {
                hint: 'nothing was sent; is the signer funded there?',
              },
            )
          },
        ),
      ),
    )
    await confirm()
    const outcomes = await Promise.all(
      chains.map(async (profile, i) => {
        try {
          const sent = await wallets[i]!.sendTransaction({
            data: plan.data,
            gasLimit: withGasMargin(gas[i]!),
          })
          const receipt = await sent.wait()
          if (receipt?.status !== 1 || receipt.contractAddress === null)
            throw new Error(`reverted (tx ${sent.hash})`)
          return { chain: profile.name, address: receipt.contractAddress, txHash: sent.hash }
        } catch (error) {
          return { chain: profile.name, error: describeError(error) }
        }
      }),
    )
    const deployments = outcomes.filter(
      (o): o is { chain: string; address: string; txHash: string } => 'address' in o,
    )
    const failed = outcomes.filter((o): o is { chain: string; error: string } => 'error' in o)
    const chainIds = new Map(plan.chains.map((c) => [c.chain, c.chainId]))
    if (deployments.length > 0)
      recordInBook(
        home,
        plan.token.symbol,
        Object.fromEntries(
          deployments.map((d) => [d.chain, { chainId: chainIds.get(d.chain)!, token: d.address }]),
        ),
      )
    if (failed.length > 0) {
      const done = deployments.map((d) => `${d.chain} ${d.address}`).join(', ') || 'none'
      throw new CcipError(
        ErrorCode.DeployFailed,
        `The token deployment failed on ${failed.map((f) => `${f.chain} (${f.error})`).join(', ')}`,
        {
          hint: `deployed: ${done}; deploy on the others with --chains ${failed.map((f) => f.chain).join(',')}`,
          details: { deployed: deployments, failed },
        },
      )
    }
    return { token: plan.token, admin: plan.admin, deployer: plan.deployer, deployments }
  } finally {
    disconnect(...handles)
  }
}
