import type { JsonRpcProvider } from 'ethers'
import { CcipError, ErrorCode, ExitCode } from '../errors.js'
import type { Profile } from '../profiles/profile.js'
import { type ChainPool, openChain, type ProfileChain } from './profile-chain.js'
import { chainProvider } from './provider.js'

/**
 * A chain profile opened for signing: its Chain (reads) and an ethers provider over the same
 * Chain, for what ethers does for us (signing, encoding, decoding reverts).
 */
export interface ChainHandle {
  profile: Profile
  chain: ProfileChain
  provider: JsonRpcProvider
  selector: bigint
  router: string
}

export function connectChain(profile: Profile, pool?: ChainPool): ChainHandle {
  const chain = openChain(profile, pool)
  return {
    profile,
    chain,
    provider: chainProvider(chain, profile.chainId),
    selector: chain.selector,
    router: chain.router,
  }
}

/** The OnRamp that serves `source → destSelector` (Router.getOnRamp); LANE_NOT_FOUND when none. */
export async function onRampFor(
  source: ChainHandle,
  destSelector: bigint,
  destName: string,
): Promise<string> {
  const onRamp = await source.chain.onRamp(destSelector)
  if (onRamp === undefined) {
    throw new CcipError(ErrorCode.NotFound, `no CCIP lane ${source.profile.name} → ${destName}`, {
      hint: 'the source Router has no on-ramp for that destination; see `ccip lanes list`',
      exitCode: ExitCode.NotFound,
    })
  }
  return onRamp
}

export function disconnect(...chains: ChainHandle[]): void {
  for (const c of chains) c.provider.destroy()
}
