import { Contract, type JsonRpcProvider } from 'ethers'
import { CliError, ErrorCode, ExitCode } from '../errors.js'
import type { Profile } from '../profiles/profile.js'
import { ccipAbi } from './artifacts.js'
import { makeProvider } from './provider.js'

/** A chain profile with its provider and the CCIP contracts reachable from its Router. */
export interface ChainHandle {
  profile: Profile
  provider: JsonRpcProvider
  selector: bigint
  router: string
}

export function connectChain(profile: Profile): ChainHandle {
  if (profile.router === undefined) {
    throw new CliError(ErrorCode.Usage, `the chain profile '${profile.name}' has no CCIP Router`, {
      hint: `re-add it with --router: ccip chains remove ${profile.name} && ccip chains add ${profile.name} --rpc-url … --router 0x…`,
      exitCode: ExitCode.Usage,
    })
  }
  return {
    profile,
    provider: makeProvider(profile.rpcUrl, BigInt(profile.chainId)),
    selector: BigInt(profile.selector),
    router: profile.router,
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
    throw new CliError(ErrorCode.NotFound, `no CCIP lane ${source.profile.name} → ${destName}`, {
      hint: 'the source Router has no on-ramp for that destination; see `ccip lanes list`',
      exitCode: ExitCode.NotFound,
    })
  }
  return onRamp
}

/** The OffRamp on `dest` that accepts messages from `sourceSelector` (Router.getOffRamps). */
export async function offRampFor(dest: ChainHandle, sourceSelector: bigint): Promise<string | undefined> {
  const router = new Contract(dest.router, ccipAbi('router'), dest.provider)
  const offRamps = (await router.getFunction('getOffRamps')()) as {
    sourceChainSelector: bigint
    offRamp: string
  }[]
  return offRamps.find((o) => o.sourceChainSelector === sourceSelector)?.offRamp
}

export function disconnect(...chains: ChainHandle[]): void {
  for (const c of chains) c.provider.destroy()
}
