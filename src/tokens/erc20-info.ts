import type { ProfileChain } from '../chain/profile-chain.js'
import { readView } from './contracts.js'

/** What an amount of a token needs to be shown in whole tokens. */
export interface Erc20Info {
  symbol: string
  decimals: number
}

/** A token's symbol and decimals; undefined when it does not answer both (not a standard ERC-20). */
export async function erc20Info(chain: ProfileChain, token: string): Promise<Erc20Info | undefined> {
  try {
    const [symbol, decimals] = await Promise.all([
      readView<string>(chain, 'token', token, 'symbol'),
      readView<bigint>(chain, 'token', token, 'decimals'),
    ])
    return { symbol, decimals: Number(decimals) }
  } catch {
    return undefined
  }
}
