import { AbiCoder, type FunctionFragment, Interface, isError, type JsonRpcProvider } from 'ethers'
import { type CcipContract, ccipAbi } from '../chain/artifacts.js'
import type { ChainHandle } from '../chain/connect.js'
import { CliError, ErrorCode } from '../errors.js'

/**
 * Contract reads for the operator commands: view calls encoded against the shipped ABIs (cut to
 * what is read), sent through the chain's one provider so each tick's calls leave as one batch.
 */

export type AbiName = 'pool' | 'registry' | 'router' | 'onRamp' | 'offRamp' | 'rmn' | 'erc20'
const ABI_SOURCES: Record<AbiName, [CcipContract, string[]]> = {
  // setChainRateLimiterConfig and the getters live in TokenPool, common to both pool types.
  pool: [
    'burnMintPool',
    [
      'getCurrentOutboundRateLimiterState',
      'getCurrentInboundRateLimiterState',
      'getSupportedChains',
      'isSupportedChain',
      'getRemoteToken',
      'setChainRateLimiterConfig',
      'owner',
      'getRateLimitAdmin',
    ],
  ],
  registry: ['tokenAdminRegistry', ['getAllConfiguredTokens', 'getPools', 'getPool']],
  router: ['router', ['getOnRamp', 'getOffRamps']],
  onRamp: ['onRamp', ['getStaticConfig', 'getExpectedNextSequenceNumber']],
  offRamp: ['offRamp', ['getStaticConfig', 'getSourceChainConfig']],
  rmn: ['rmnRemote', ['isCursed']],
  erc20: ['token', ['symbol', 'decimals']],
}
const interfaces = new Map<AbiName, Interface>()

/**
 * The shipped ABIs cut down to the functions read here, parsed once per process: the full
 * OffRamp, OnRamp and pool ABIs cost tens of milliseconds to parse, on a command meant to be quick.
 */
export function abi(name: AbiName): Interface {
  let iface = interfaces.get(name)
  if (iface === undefined) {
    const [contract, functions] = ABI_SOURCES[name]
    // CAST: the shipped ABI JSON is an array of fragments.
    const fragments = ccipAbi(contract) as readonly { type?: string; name?: string }[]
    iface = new Interface(fragments.filter((f) => f.type === 'function' && functions.includes(f.name ?? '')))
    interfaces.set(name, iface)
  }
  return iface
}

const functions = new Map<string, { fragment: FunctionFragment; selector: string }>()
/** A function of one of the ABIs with its selector, hashed once (ethers re-hashes it per encode). */
function functionOf(contract: AbiName, fn: string): { fragment: FunctionFragment; selector: string } {
  const key = `${contract}.${fn}`
  let entry = functions.get(key)
  if (entry === undefined) {
    const fragment = abi(contract).getFunction(fn)
    if (fragment === null) throw new Error(`${key} is not in the ABI`)
    entry = { fragment, selector: fragment.selector }
    functions.set(key, entry)
  }
  return entry
}

/**
 * `eth_call` one view function and decode it: a single output comes back bare, several as the
 * ethers Result (read by field name by the caller). Straight through provider.send, which still
 * batches each tick into one request, without the Contract machinery around every call.
 */
export async function read(
  provider: JsonRpcProvider,
  address: string,
  contract: AbiName,
  fn: string,
  ...args: unknown[]
): Promise<unknown> {
  const { fragment, selector } = functionOf(contract, fn)
  const data = selector + AbiCoder.defaultAbiCoder().encode(fragment.inputs, args).slice(2)
  const result = String(await send(provider, 'eth_call', [{ to: address, data }, 'latest']))
  if (result === '0x') {
    throw new CliError(ErrorCode.Revert, `No contract answers ${fn}() at ${address}`, {
      hint: "check the chain profile's Router address (`ccip chains show`)",
    })
  }
  const decoded = AbiCoder.defaultAbiCoder().decode(fragment.outputs, result)
  return decoded.length === 1 ? decoded[0] : decoded
}

/**
 * provider.send, tried twice: a loaded local node (or a public one) now and then drops a request,
 * and one hiccup should not fail a whole listing. A revert is an answer and is not retried.
 */
export async function send(provider: JsonRpcProvider, method: string, params: unknown[]): Promise<unknown> {
  try {
    return await provider.send(method, params)
  } catch (error) {
    if (isError(error, 'CALL_EXCEPTION')) throw error
    await new Promise((resolve) => setTimeout(resolve, 100))
    return provider.send(method, params)
  }
}

/**
 * Run the reads of one chain, turning a transport failure (node down, refused, timed out) into
 * RPC_UNREACHABLE naming the chain. Reverts pass through for the caller to decode.
 */
export async function onChain<T>(chain: ChainHandle, work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (error instanceof CliError || isError(error, 'CALL_EXCEPTION')) throw error
    const url = new URL(chain.profile.rpcUrl)
    throw new CliError(
      ErrorCode.RpcUnreachable,
      `Cannot read ${chain.profile.name} at ${url.protocol}//${url.host}`,
      {
        hint: chain.profile.local
          ? 'is the local stack running? Start it with `ccip local up`'
          : 'check that the node is up and the profile RPC URL is right (`ccip chains show`)',
        details: { chain: chain.profile.name },
        cause: error,
      },
    )
  }
}
