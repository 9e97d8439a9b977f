import { getCreateAddress } from 'ethers'
import type { ProfileChain } from '../chain/profile-chain.js'
import { readView } from './contracts.js'

/**
 * What a setup killed between a deployment and its entry in the token book leaves behind: a pool
 * (or a 2.0 lock box) of the token, created by the signer, known to nobody. Its address follows
 * from the signer's nonce at the time, so the signer's latest RECENT_NONCES creation addresses
 * are asked (one eth_getCode each, batched; most are plain calls and hold no code), newest
 * first, and a contract that is a pool or lock box of this very token is taken up again instead
 * of being deployed twice.
 */
export const RECENT_NONCES = 16

export interface RecentDeployments {
  pool?: string
  lockBox?: string
}

export async function recentDeployments(
  chain: ProfileChain,
  signer: string,
  nonce: number,
  token: string,
): Promise<RecentDeployments> {
  const nonces = Array.from({ length: Math.min(nonce, RECENT_NONCES) }, (_, i) => nonce - 1 - i)
  const addresses = nonces.map((n) => getCreateAddress({ from: signer, nonce: n }))
  const codes = await Promise.all(addresses.map((a) => chain.request<string>('eth_getCode', [a, 'latest'])))
  const found: RecentDeployments = {}
  for (const [i, address] of addresses.entries()) {
    if (codes[i] === '0x') continue
    const kind = await kindOf(chain, address, token)
    if (kind !== undefined) found[kind] ??= address
  }
  return found
}

/** 'pool' or 'lockBox' when `address` is one for `token`; else undefined (any other contract). */
async function kindOf(
  chain: ProfileChain,
  address: string,
  token: string,
): Promise<'pool' | 'lockBox' | undefined> {
  const typeAndVersion = await readView<string>(chain, 'burnMintPool', address, 'typeAndVersion', [], {
    value: '',
  })
  const kind = /TokenPool /.test(typeAndVersion)
    ? 'pool'
    : /LockBox /.test(typeAndVersion)
      ? 'lockBox'
      : undefined
  if (kind === undefined) return undefined
  const ofToken = await readView<string>(chain, 'burnMintPool', address, 'getToken', [], { value: '' })
  return ofToken.toLowerCase() === token.toLowerCase() ? kind : undefined
}
