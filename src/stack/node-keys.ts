import type { HDNodeWallet } from 'ethers'
import { devAccount } from '../profiles/dev-keys.js'
import { DON, V2 } from './settings.js'

/**
 * Keys of the local DON and RMN nodes: accounts of the dev mnemonic (anvil's well-known
 * "test … junk"), path m/44'/60'/0'/0/i with i = 100+ for the commit nodes' OCR signing keys,
 * 105+ for their transmitter keys (OCR3 refuses an address that is both), 110+ for execution
 * nodes, 120+ for RMN nodes; for CCIP 2.0, 130+ for committee verifier nodes and 140+ for
 * executor nodes. Public knowledge by design: they only ever sign on the local chains.
 */
export const NODE_KEY_OFFSETS = {
  commit: 100,
  commitTransmitter: 105,
  exec: 110,
  rmn: 120,
  verifier: 130,
  executor: 140,
} as const
export type NodeRole = keyof typeof NODE_KEY_OFFSETS

/** Derived once per process (a derivation is a curve multiplication): nodes restarted after a revert reuse them. */
const derived = new Map<number, HDNodeWallet>()

export function nodeWallet(role: NodeRole, index: number): HDNodeWallet {
  const at = NODE_KEY_OFFSETS[role] + index
  let wallet = derived.get(at)
  if (wallet === undefined) {
    wallet = devAccount(at)
    derived.set(at, wallet)
  }
  return wallet
}

export function nodeWallets(role: NodeRole): HDNodeWallet[] {
  const count = {
    commit: DON.commitNodes,
    commitTransmitter: DON.commitNodes,
    exec: DON.execNodes,
    rmn: DON.rmnNodes,
    verifier: V2.committee.nodes,
    executor: V2.executorNodes,
  }[role]
  return Array.from({ length: count }, (_, i) => nodeWallet(role, i))
}
