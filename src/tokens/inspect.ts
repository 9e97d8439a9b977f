import type { ProfileChain } from '../chain/profile-chain.js'
import { CcipError, ErrorCode, ExitCode } from '../errors.js'
import { type RateLimitState, readBucket } from '../operator/pools.js'
import { isZeroAddress } from '../protocol/abi-words.js'
import { readView } from './contracts.js'

/**
 * Everything CCIP needs of one token on one chain, read live: the token, its entry in the
 * TokenAdminRegistry, and its pool with every remote chain the pool knows. What `token show`
 * prints, what `token setup` diffs against, what `token check` judges.
 */
export interface TokenOnChain {
  chain: string
  selector: bigint
  token: {
    address: string
    symbol: string
    decimals: number
    totalSupply: bigint
    /** null: the token has no owner() (not Ownable). */
    owner: string | null
    /** null: the token has no getCCIPAdmin(). */
    ccipAdmin: string | null
  }
  registry: {
    address: string
    /** The zero address until someone registered as the token's admin. */
    administrator: string
    pendingAdministrator: string
    /** The pool the registry routes the token through; the zero address when none. */
    pool: string
  }
  /** The pool examined: the registry's, else the one the caller names (a deployed, unset one). */
  pool: PoolOnChain | null
}

export type PoolType = 'burn-mint' | 'lock-release'

export interface PoolOnChain {
  address: string
  type: PoolType
  /** The pool contract's CCIP generation. */
  version: '1.6' | '2.0'
  typeAndVersion: string
  owner: string
  /** The token the pool was built for. */
  token: string
  decimals: number
  /** burn-mint: whether the token lets the pool mint and burn (null: the token cannot say). */
  mayMint: boolean | null
  mayBurn: boolean | null
  /** lock-release: where its liquidity lies (the 2.0 lock box, else the pool) and how much. */
  liquidity?: { holder: string; amount: bigint; poolAuthorized: boolean }
  remotes: PoolRemote[]
}

export interface PoolRemote {
  selector: bigint
  /** ABI-encoded addresses as the pool stores them (32 bytes for an EVM chain). */
  remotePools: string[]
  remoteToken: string
  outbound: RateLimitState
  inbound: RateLimitState
}

/** `token` on `chain`: the registry at `registry`; `pool` when the registry names none yet. */
export async function inspectToken(
  chain: ProfileChain,
  registry: string,
  token: string,
  pool?: string,
): Promise<TokenOnChain> {
  return chain.guard(readAll(chain, registry, token, pool))
}

async function readAll(
  chain: ProfileChain,
  registry: string,
  token: string,
  candidatePool: string | undefined,
): Promise<TokenOnChain> {
  const where = chain.profile.name
  if ((await chain.request<string>('eth_getCode', [token, 'latest'])) === '0x') {
    throw new CcipError(ErrorCode.TokenNotFound, `No contract at ${token} on ${where}`, {
      hint: 'check the address (and that the chain is the one it was deployed on)',
      exitCode: ExitCode.NotFound,
    })
  }
  const [symbol, decimals, totalSupply, owner, ccipAdmin, config] = await Promise.all([
    readView<string>(chain, 'token', token, 'symbol', [], { value: '' }),
    readView<bigint>(chain, 'token', token, 'decimals', [], { value: -1n }),
    readView<bigint>(chain, 'token', token, 'totalSupply', [], { value: -1n }),
    readView<string | null>(chain, 'token', token, 'owner', [], { value: null }),
    readView<string | null>(chain, 'token', token, 'getCCIPAdmin', [], { value: null }),
    readView<[string, string, string]>(chain, 'tokenAdminRegistry', registry, 'getTokenConfig', [token]),
  ])
  if (symbol === '' || decimals < 0n || totalSupply < 0n) {
    throw new CcipError(ErrorCode.UnsupportedToken, `${token} on ${where} is not an ERC-20`, {
      hint: 'it does not answer symbol(), decimals() and totalSupply(); name the token contract itself',
    })
  }
  const [administrator, pendingAdministrator, registered] = config
  return {
    chain: where,
    selector: chain.selector,
    token: { address: token, symbol, decimals: Number(decimals), totalSupply, owner, ccipAdmin },
    registry: { address: registry, administrator, pendingAdministrator, pool: registered },
    pool: !isZeroAddress(registered)
      ? await inspectPool(chain, token, registered)
      : candidatePool === undefined
        ? null
        : await candidate(chain, token, candidatePool),
  }
}

/**
 * A pool remembered but not registered (the token book's): counted only while it is a pool of
 * this very token (a reset local stack, or a hand-edited book, leave other things at the address).
 */
async function candidate(chain: ProfileChain, token: string, pool: string): Promise<PoolOnChain | null> {
  const found = await inspectPool(chain, token, pool).catch((error: unknown) => {
    if (error instanceof CcipError && error.code === ErrorCode.RpcUnreachable) throw error
    return null
  })
  return found !== null && found.token.toLowerCase() === token.toLowerCase() ? found : null
}

/** A token pool: kind, version, owner, rights on the token, liquidity, and every remote chain. */
export async function inspectPool(chain: ProfileChain, token: string, pool: string): Promise<PoolOnChain> {
  // Cached per address: readBucket asks the same for each remote's limiters.
  const parsed = await chain.contractVersion(pool)
  const type: PoolType | undefined = parsed.type.startsWith('LockRelease')
    ? 'lock-release'
    : parsed.type.includes('Mint')
      ? 'burn-mint'
      : undefined
  if (type === undefined || parsed.ccip === undefined) {
    throw new CcipError(
      ErrorCode.UnsupportedToken,
      `${pool} on ${chain.profile.name} is a ${parsed.type} ${parsed.version}`,
      {
        hint: 'ccip manages 1.6 and 2.0 burn/mint and lock/release token pools',
      },
    )
  }
  const kind = parsed.ccip === '2.0' ? 'burnMintPoolV2' : 'burnMintPool'
  const [owner, poolToken, decimals, selectors] = await Promise.all([
    readView<string>(chain, kind, pool, 'owner'),
    readView<string>(chain, kind, pool, 'getToken'),
    readView<bigint>(chain, kind, pool, 'getTokenDecimals'),
    readView<bigint[]>(chain, kind, pool, 'getSupportedChains'),
  ])
  const [mayMint, mayBurn, liquidity, remotes] = await Promise.all([
    type === 'burn-mint'
      ? readView<boolean | null>(chain, 'token', token, 'isMinter', [pool], { value: null })
      : null,
    type === 'burn-mint'
      ? readView<boolean | null>(chain, 'token', token, 'isBurner', [pool], { value: null })
      : null,
    type === 'lock-release' ? readLiquidity(chain, token, pool, parsed.ccip) : undefined,
    Promise.all([...selectors].map((s) => readRemote(chain, kind, pool, s))),
  ])
  return {
    address: pool,
    type,
    version: parsed.ccip,
    typeAndVersion: `${parsed.type} ${parsed.version}`,
    owner,
    token: poolToken,
    decimals: Number(decimals),
    mayMint,
    mayBurn,
    ...(liquidity === undefined ? {} : { liquidity }),
    remotes,
  }
}

export async function readLiquidity(
  chain: ProfileChain,
  token: string,
  pool: string,
  version: '1.6' | '2.0',
): Promise<NonNullable<PoolOnChain['liquidity']>> {
  if (version === '1.6') {
    const amount = await readView<bigint>(chain, 'token', token, 'balanceOf', [pool])
    return { holder: pool, amount, poolAuthorized: true }
  }
  const holder = await readView<string>(chain, 'lockReleasePoolV2', pool, 'getLockBox')
  const [amount, callers] = await Promise.all([
    readView<bigint>(chain, 'token', token, 'balanceOf', [holder]),
    readView<string[]>(chain, 'lockBoxV2', holder, 'getAllAuthorizedCallers', [], { value: [] }),
  ])
  const poolAuthorized = [...callers].some((c) => c.toLowerCase() === pool.toLowerCase())
  return { holder, amount, poolAuthorized }
}

async function readRemote(
  chain: ProfileChain,
  kind: 'burnMintPool' | 'burnMintPoolV2',
  pool: string,
  selector: bigint,
): Promise<PoolRemote> {
  const [remotePools, remoteToken, outbound, inbound] = await Promise.all([
    readView<string[]>(chain, kind, pool, 'getRemotePools', [selector]),
    readView<string>(chain, kind, pool, 'getRemoteToken', [selector]),
    readBucket(chain, pool, 'outbound', selector),
    readBucket(chain, pool, 'inbound', selector),
  ])
  return { selector, remotePools: [...remotePools], remoteToken, outbound, inbound }
}
