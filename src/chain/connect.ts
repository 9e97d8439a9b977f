import { Contract, type JsonRpcProvider } from 'ethers'
import { CcipError, ErrorCode, ExitCode } from '../errors.js'
import type { Profile } from '../profiles/profile.js'
import { ccipAbi } from './artifacts.js'
import { profileProvider } from './provider.js'
import { requireRouter } from './read-chain.js'

/** A chain profile with its provider and the CCIP contracts reachable from its Router. */
export interface ChainHandle {
  profile: Profile
  provider: JsonRpcProvider
  selector: bigint
  router: string
}

export function connectChain(profile: Profile): ChainHandle {
  const router = requireRouter(profile)
  return {
    profile,
    provider: profileProvider(profile),
    selector: BigInt(profile.selector),
    router,
  }
}

/** The OnRamp that serves `source → destSelector` (Router.getOnRamp); LANE_NOT_FOUND when none. */
export async function onRampFor(
  source: ChainHandle,
  destSelector: bigint,
  destName: string,
): Promise<string> {
  const router = new Contract(source.router, ccipAbi('router'), source.provider)
  const onRamp = String(await router.getFunction('getOnRamp')(destSelector))
  if (/^0x0{40}$/.test(onRamp)) {
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
