import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Interface } from 'ethers'
import { decodeRevert } from '../chain/revert.js'
import { packageRoot } from '../package-root.js'

/** Why an execution failed, from the returnData of its ExecutionStateChanged. */
export interface FailureInfo {
  /** The raw returnData. */
  returnData: string
  /** The OffRamp's error, decoded (`ReceiverError`, `TokenHandlingError`, …); raw hex when unknown. */
  error: string
  /** The receiver's (or token pool's) own revert inside it; raw hex when its ABI is unknown. */
  receiverError: string | null
  /** One line for people. */
  reason: string
}

const OUT_OF_GAS = 'no revert data (possibly out of gas)'
/** OffRamp errors that wrap the callee's revert data in a `bytes err` argument. */
const WRAPPERS = new Set(['ReceiverError', 'TokenHandlingError', 'ExecutionError'])

/**
 * Decode both levels of a failed execution: the OffRamp's wrapper and the receiver's revert
 * inside it (CCIP errors, Error(string)/Panic, and the example receivers' errors).
 *
 * @example
 * describeFailure('0x0a8d6e8c…').reason // "the receiver reverted: Rejected(messageId=0x…)"
 */
export function describeFailure(returnData: string): FailureInfo {
  if (returnData === '0x') return { returnData, error: OUT_OF_GAS, receiverError: null, reason: OUT_OF_GAS }
  const outer = decodeRevert(returnData)
  if (outer === undefined) {
    const error = decodeAny(returnData)
    return { returnData, error, receiverError: null, reason: `execution reverted: ${error}` }
  }
  const inner = WRAPPERS.has(outer.name) ? outer.args.err : undefined
  if (typeof inner !== 'string') {
    return { returnData, error: outer.text, receiverError: null, reason: `execution reverted: ${outer.text}` }
  }
  const receiverError = inner === '0x' ? OUT_OF_GAS : decodeAny(inner)
  const who = outer.name === 'TokenHandlingError' ? 'the token pool' : 'the receiver'
  return { returnData, error: outer.name, receiverError, reason: `${who} reverted: ${receiverError}` }
}

/** A revert from anywhere: CCIP's errors, the built-in Error/Panic, the example receivers; else hex. */
export function decodeAny(data: string): string {
  const ccip = decodeRevert(data)
  if (ccip !== undefined) return ccip.text
  try {
    const parsed = receiverErrors()?.parseError(data)
    if (parsed !== null && parsed !== undefined) {
      const args = parsed.fragment.inputs.map(
        (input, i) => `${input.name || `arg${i}`}=${String(parsed.args[i])}`,
      )
      return `${parsed.name}(${args.join(', ')})`
    }
  } catch {
    // not one of theirs either
  }
  return `unknown error ${data.slice(0, 10)} (data ${data})`
}

let receivers: Interface | null | undefined

/**
 * The errors of our example receivers (fixtures/contracts), which the README and the tests send
 * to. Absent from a trimmed install: then only CCIP's own errors decode.
 */
function receiverErrors(): Interface | null {
  if (receivers === undefined) {
    try {
      const dir = join(packageRoot(), 'fixtures', 'contracts', 'artifacts')
      const fragments = ['MessageRecorder', 'RevertingReceiver'].flatMap((name) => {
        // CAST: committed solc artifacts (test/contracts/compile.ts writes them).
        const { abi } = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as {
          abi: { type: string }[]
        }
        return abi.filter((f) => f.type === 'error')
      })
      receivers = new Interface(fragments)
    } catch {
      receivers = null
    }
  }
  return receivers
}
