import { CcipError, ErrorCode, ExitCode } from '../errors.js'
import type { Profile } from '../profiles/profile.js'
import { type RpcBatcher, rpcBatcher } from './rpc-batch.js'

/**
 * A chain profile opened for reading only, over batched bare JSON-RPC (no ethers, no provider to
 * destroy): what the operator's read commands use. connect.ts builds the ethers handle that
 * signing needs; both refuse a profile without a Router the same way.
 */
export interface ReadChain {
  profile: Profile
  selector: bigint
  router: string
  rpc: RpcBatcher
}

export function openChain(profile: Profile): ReadChain {
  return {
    profile,
    selector: BigInt(profile.selector),
    router: requireRouter(profile),
    rpc: rpcBatcher(profile.rpcUrl),
  }
}

/** The profile's Router; a usage error saying how to add one when it has none. */
export function requireRouter(profile: Profile): string {
  if (profile.router === undefined) {
    throw new CcipError(ErrorCode.Usage, `the chain profile '${profile.name}' has no CCIP Router`, {
      hint: `re-add it with --router: ccip chains remove ${profile.name} && ccip chains add ${profile.name} --rpc-url … --router 0x…`,
      exitCode: ExitCode.Usage,
    })
  }
  return profile.router
}
