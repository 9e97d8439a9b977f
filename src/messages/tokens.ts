import { Contract, type Provider, ZeroAddress } from 'ethers'
import { ccipAbi } from '../chain/artifacts.js'
import type { ChainHandle } from '../chain/connect.js'
import { CcipError, ErrorCode } from '../errors.js'
import type { CcipVersion } from '../protocol/lane-version.js'
import type { FeeTokenArg, TokenArg } from './message-args.js'

/**
 * Token lookups on the source chain, always read live (nothing cached on disk): the lane's
 * TokenAdminRegistry and FeeQuoter come from the OnRamp, symbols from the tokens themselves.
 */

export const ERC20_ABI = [
  'function symbol() view returns (string)',
  'function decimals() view returns (uint8)',
  'function balanceOf(address) view returns (uint256)',
  'function allowance(address owner, address spender) view returns (uint256)',
  'function approve(address spender, uint256 amount) returns (bool)',
] as const

export interface LaneContracts {
  /** The lane's CCIP version, read from its OnRamp (protocol/lane-version.ts). */
  version: CcipVersion
  onRamp: string
  tokenAdminRegistry: string
  feeQuoter: string
  linkToken: string
}

/**
 * OnRamp → getStaticConfig().tokenAdminRegistry and getDynamicConfig().feeQuoter → its LINK. The
 * 1.6 and 2.0 configs name these fields alike in structs of different layouts: each is read with
 * its own version's ABI.
 */
export async function laneContracts(
  provider: Provider,
  onRamp: string,
  version: CcipVersion,
): Promise<LaneContracts> {
  const ramp = new Contract(onRamp, ccipAbi(version === '2.0' ? 'onRampV2' : 'onRamp'), provider)
  const [staticConfig, dynamicConfig] = await Promise.all([
    ramp.getFunction('getStaticConfig')(),
    ramp.getFunction('getDynamicConfig')(),
  ])
  // CAST: the OnRamp's StaticConfig, read by field name from ethers' Result.
  const { tokenAdminRegistry } = staticConfig as { tokenAdminRegistry: string }
  // CAST: its DynamicConfig, likewise.
  const { feeQuoter } = dynamicConfig as { feeQuoter: string }
  const quoter = new Contract(feeQuoter, ccipAbi(version === '2.0' ? 'feeQuoterV2' : 'feeQuoter'), provider)
  // CAST: the FeeQuoter's StaticConfig struct.
  const { linkToken } = (await quoter.getFunction('getStaticConfig')()) as { linkToken: string }
  return { version, onRamp, tokenAdminRegistry, feeQuoter, linkToken }
}

export interface TokenInfo {
  address: string
  symbol: string
  decimals: number
}

export async function tokenInfo(provider: Provider, address: string): Promise<TokenInfo> {
  const erc20 = new Contract(address, ERC20_ABI, provider)
  try {
    const [symbol, decimals] = await Promise.all([
      erc20.getFunction('symbol')(),
      erc20.getFunction('decimals')(),
    ])
    return { address, symbol: String(symbol), decimals: Number(decimals) }
  } catch (cause) {
    throw new CcipError(ErrorCode.UnsupportedToken, `${address} does not answer symbol()/decimals()`, {
      hint: 'check the address: it must be an ERC-20 token on the source chain',
      cause,
    })
  }
}

/**
 * Resolve `--token`: an address must have a pool in the registry (else UnsupportedToken); a symbol
 * is looked up in the registry, bounded (tokens/registry-scan.ts).
 */
export async function resolveToken(
  source: ChainHandle,
  lane: LaneContracts,
  arg: TokenArg,
  where: string,
): Promise<TokenInfo> {
  if (arg.kind === 'address') {
    const registry = new Contract(lane.tokenAdminRegistry, ccipAbi('tokenAdminRegistry'), source.provider)
    const pool = String(await registry.getFunction('getPool')(arg.address))
    if (pool === ZeroAddress) throw unsupportedToken(arg.address, where)
    return tokenInfo(source.provider, arg.address)
  }
  const { findRegisteredSymbol } = await import('../tokens/registry-scan.js')
  const found = await findRegisteredSymbol(
    source.chain,
    lane.tokenAdminRegistry,
    arg.symbol,
    (address) => `--token ${address}:${arg.amount}`,
  )
  return tokenInfo(source.provider, found.address)
}

export function unsupportedToken(address: string, where: string): CcipError {
  return new CcipError(ErrorCode.UnsupportedToken, `Token ${address} is not supported by CCIP on ${where}`, {
    hint: 'it has no token pool in the TokenAdminRegistry (UnsupportedToken); pass a symbol to see the tokens CCIP can move there',
  })
}

export interface FeeTokenInfo extends TokenInfo {
  /** The zero address for native. */
  native: boolean
}

/** native → the zero address (paid as msg.value); LINK → the FeeQuoter's linkToken. */
export async function resolveFeeToken(
  provider: Provider,
  lane: LaneContracts,
  arg: FeeTokenArg,
): Promise<FeeTokenInfo> {
  if (arg.kind === 'native') return { address: ZeroAddress, symbol: 'native', decimals: 18, native: true }
  const address = arg.kind === 'link' ? lane.linkToken : arg.address
  return { ...(await tokenInfo(provider, address)), native: false }
}
