import { Contract, type Provider, ZeroAddress } from 'ethers'
import { ccipAbi } from '../chain/artifacts.js'
import { CcipError, ErrorCode, ExitCode } from '../errors.js'
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

const MAX_UINT64 = 2n ** 64n - 1n

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

/** Every token registered in the TokenAdminRegistry, with its symbol and decimals. */
export async function configuredTokens(provider: Provider, lane: LaneContracts): Promise<TokenInfo[]> {
  const registry = new Contract(lane.tokenAdminRegistry, ccipAbi('tokenAdminRegistry'), provider)
  // CAST: getAllConfiguredTokens returns address[].
  const addresses = (await registry.getFunction('getAllConfiguredTokens')(0n, MAX_UINT64)) as string[]
  return Promise.all([...addresses].map((a) => tokenInfo(provider, a)))
}

/**
 * Resolve `--token`: a symbol is matched exactly, else case-insensitively when that is unambiguous,
 * among the registry's tokens. An address must have a pool in the registry (else UnsupportedToken).
 */
export async function resolveToken(
  provider: Provider,
  lane: LaneContracts,
  arg: TokenArg,
  where: string,
): Promise<TokenInfo> {
  if (arg.kind === 'address') {
    const registry = new Contract(lane.tokenAdminRegistry, ccipAbi('tokenAdminRegistry'), provider)
    const pool = String(await registry.getFunction('getPool')(arg.address))
    if (pool === ZeroAddress) throw unsupportedToken(arg.address, where)
    return tokenInfo(provider, arg.address)
  }
  const tokens = await configuredTokens(provider, lane)
  const exact = tokens.filter((t) => t.symbol === arg.symbol)
  const loose = tokens.filter((t) => t.symbol.toLowerCase() === arg.symbol.toLowerCase())
  const match = exact.length === 1 ? exact : loose
  if (match.length === 1 && match[0] !== undefined) return match[0]
  const known = tokens.length === 0 ? '(none)' : tokens.map((t) => t.symbol).join(', ')
  if (match.length > 1) {
    throw new CcipError(
      ErrorCode.InvalidArgument,
      `Several tokens on ${where} have the symbol '${arg.symbol}'`,
      {
        hint: `pass the address instead: ${match.map((t) => `--token ${t.address}:${arg.amount}`).join(' or ')}`,
        exitCode: ExitCode.Usage,
      },
    )
  }
  throw new CcipError(
    ErrorCode.TokenNotFound,
    `No token '${arg.symbol}' is registered for CCIP on ${where}`,
    {
      hint: `tokens on ${where}: ${known} (or pass --token 0xADDRESS:AMOUNT)`,
      exitCode: ExitCode.NotFound,
    },
  )
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
