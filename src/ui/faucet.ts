import { formatUnits } from 'ethers'
import type { FaucetGrant } from '../stack/faucet.js'
import { table } from './table.js'

export function renderFaucet(grants: FaucetGrant[]): string {
  const amount = (v: bigint) => formatUnits(v, 18)
  return table(
    ['chain', 'to', 'native', 'LINK', 'CCIP-BnM', 'CCIP-LnM'],
    grants.map((g) => [
      g.chain,
      g.to,
      amount(g.native),
      amount(g.link),
      amount(g['CCIP-BnM']),
      amount(g['CCIP-LnM']),
    ]),
  )
}
