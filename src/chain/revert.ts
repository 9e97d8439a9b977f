import { type ErrorDescription, Interface } from 'ethers'
import { CCIP_CONTRACTS, type CcipContract, ccipAbi, ownArtifact } from './artifacts.js'

let errors: Interface | undefined

/** One interface holding the custom errors of every CCIP contract we deploy or talk to. */
function ccipErrors(): Interface {
  if (errors === undefined) {
    const seen = new Set<string>()
    const fragments: string[] = []
    const abis = [
      ...(Object.keys(CCIP_CONTRACTS) as CcipContract[]).map((name) => ccipAbi(name)),
      ownArtifact('weth').abi,
      ownArtifact('curseAuthority').abi,
    ]
    for (const abi of abis) {
      new Interface(abi).forEachError((error) => {
        const sig = error.format('full')
        if (!seen.has(error.selector)) {
          seen.add(error.selector)
          fragments.push(sig)
        }
      })
    }
    errors = new Interface(fragments)
  }
  return errors
}

export interface DecodedRevert {
  name: string
  args: Record<string, unknown>
  /** e.g. `TokenRateLimitReached(minWaitInSeconds=12, available=5, token=0x…)` */
  text: string
}

/** Decode revert data into a CCIP error name and arguments; undefined when unknown. */
export function decodeRevert(data: string | null | undefined): DecodedRevert | undefined {
  if (data === null || data === undefined || data.length < 10) return undefined
  let parsed: ErrorDescription | null = null
  try {
    parsed = ccipErrors().parseError(data)
  } catch {
    // The 2.0 OffRamp logs a wrapped revert cut short of its declared length (ReceiverError of a
    // 68-byte error holds 64 bytes and no padding): strict decoding refuses it; with the missing
    // bytes read as zeros (at most two words), the error's name and the inner selector decode.
    try {
      parsed = ccipErrors().parseError(data + '0'.repeat(128 - ((data.length - 10) % 64)))
    } catch {
      return undefined
    }
  }
  if (parsed === null) return undefined
  const args: Record<string, unknown> = {}
  parsed.fragment.inputs.forEach((input, i) => {
    args[input.name || `arg${i}`] = parsed?.args[i]
  })
  const text = `${parsed.name}(${Object.entries(args)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ')})`
  return { name: parsed.name, args, text }
}

/** The revert data inside an ethers CALL_EXCEPTION (or its nested RPC error), if any. */
export function revertData(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const data = (current as { data?: unknown }).data
    if (typeof data === 'string' && data.startsWith('0x')) return data
    const info = (current as { info?: { error?: unknown } }).info
    current = (current as { error?: unknown }).error ?? info?.error
  }
  return undefined
}
