import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { redactUrl, redactUrlsIn } from '../chain/rpc-errors.js'
import { CcipError, ErrorCode, ExitCode, invalidArgument } from '../errors.js'
import { VIEW_SELECTORS } from '../protocol/view-calls.js'
import { openRawRpc, type RawRpc, RpcFailure } from './probe.js'
import { type Profile, validateProfileName } from './profile.js'
import { lookupSelector } from './selectors.js'
import { type ProfileStore, profileExists } from './store.js'

export interface AddProfileParams {
  name: string
  rpcUrl: string
  /** The CCIP Router on that chain; checked with typeAndVersion() before saving. */
  router?: string
  /** uint64 as decimal; required when the chain id is not in the built-in registry table. */
  selector?: string
  /** Path of an encrypted JSON keystore to sign with on this chain. */
  keystore?: string
  /** The CCIP 2.0 indexer to read verifier results from for messages of this chain. */
  indexerUrl?: string
}

const PROBE_TIMEOUT_MS = 5_000
const MAX_UINT64 = (1n << 64n) - 1n

/**
 * Validate, probe and save a chain profile. Every check runs before the single store write, so
 * on any error the store is unchanged.
 *
 * @example
 * const profile = await addProfile(openProfileStore(home), { name: 'sepolia', rpcUrl: 'https://…' })
 */
export async function addProfile(
  store: ProfileStore,
  params: AddProfileParams,
  signal?: AbortSignal,
): Promise<Profile> {
  const name = validateProfileName(params.name)
  const url = parseRpcUrl(params.rpcUrl)
  const { AbiCoder, getAddress, isAddress, isKeystoreJson } = await import('ethers')
  if (params.router !== undefined && !isAddress(params.router)) {
    throw invalidArgument(
      `--router '${params.router}' is not an address`,
      'expected 0x followed by 40 hex digits (mixed case must be a valid checksum)',
    )
  }
  const router = params.router === undefined ? undefined : getAddress(params.router)
  const explicitSelector = params.selector === undefined ? undefined : parseSelector(params.selector)
  const keystore = params.keystore === undefined ? undefined : resolve(params.keystore)
  if (keystore !== undefined && !isKeystoreJson(await readFile(keystore, 'utf8').catch(() => ''))) {
    throw invalidArgument(
      `--keystore ${keystore} is not a readable encrypted JSON keystore`,
      'create one with `cast wallet import <name> --interactive`',
    )
  }
  if (params.indexerUrl !== undefined && !/^https?:\/\/\S+$/.test(params.indexerUrl)) {
    throw invalidArgument(
      `--indexer '${redactUrl(params.indexerUrl)}' is not an http(s) URL`,
      "e.g. --indexer https://indexer-1.testnet.ccip.chain.link (Chainlink's public testnet indexer)",
    )
  }
  // Cheap local checks first: a taken name must not cost a network round trip.
  if (store.get(name) !== undefined) throw profileExists(name)

  const rpc = await openRawRpc(url, PROBE_TIMEOUT_MS, signal)
  try {
    const chainId = await readChainId(rpc, url)
    const selector = chooseSelector(chainId, explicitSelector)
    if (router !== undefined) {
      const typeAndVersion = await readTypeAndVersion(rpc, url, router, chainId, (data) =>
        AbiCoder.defaultAbiCoder().decode(['string'], data),
      )
      if (!typeAndVersion.startsWith('Router ')) {
        throw notARouter(`${router} is a ${typeAndVersion}, not a CCIP Router`)
      }
    }
    const profile: Profile = {
      name,
      chainId: chainId.toString(),
      selector: selector.toString(),
      rpcUrl: params.rpcUrl,
      local: false,
      ...(router === undefined ? {} : { router }),
      ...(keystore === undefined ? {} : { keystore }),
      ...(params.indexerUrl === undefined ? {} : { indexerUrl: params.indexerUrl }),
    }
    store.add(profile)
    return profile
  } finally {
    await rpc.close()
  }
}

function parseRpcUrl(text: string): URL {
  let url: URL | undefined
  try {
    url = new URL(text)
  } catch {
    url = undefined
  }
  if (url === undefined || !['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) {
    throw invalidArgument(
      `--rpc-url '${text}' is not an http(s) or ws(s) URL`,
      'pass the full node URL, e.g. --rpc-url https://ethereum-sepolia-rpc.publicnode.com',
    )
  }
  return url
}

function parseSelector(text: string): bigint {
  const value = /^[0-9]{1,20}$/.test(text) ? BigInt(text) : 0n
  if (value === 0n || value > MAX_UINT64) {
    throw invalidArgument(
      `--selector '${text}' is not a positive uint64`,
      'pass the chain selector in decimal (see https://docs.chain.link/ccip/directory)',
    )
  }
  return value
}

function chooseSelector(chainId: bigint, explicit: bigint | undefined): bigint {
  const known = lookupSelector(chainId)
  if (explicit === undefined) {
    if (known !== undefined) return known.selector
    throw new CcipError(
      ErrorCode.UnknownChainId,
      `Chain id ${chainId} is not in the built-in selector table`,
      {
        hint: 'pass --selector <uint64> (see https://docs.chain.link/ccip/directory)',
        exitCode: ExitCode.Usage,
      },
    )
  }
  // Selectors are fixed per chain: a different one is a typo that would misroute every message.
  if (known !== undefined && known.selector !== explicit) {
    throw invalidArgument(
      `--selector ${explicit} does not match chain id ${chainId} (${known.name} has selector ${known.selector})`,
      'drop --selector: the built-in table knows this chain',
    )
  }
  return explicit
}

async function readChainId(rpc: RawRpc, url: URL): Promise<bigint> {
  let result: unknown
  try {
    result = await rpc.call('eth_chainId', [])
  } catch (error) {
    if (!(error instanceof RpcFailure)) throw error
    throw unreachable(url, error.kind === 'rejected' ? `eth_chainId failed: ${error.message}` : error.message)
  }
  if (typeof result !== 'string' || !/^0x[0-9a-f]+$/i.test(result)) {
    throw unreachable(url, 'it did not answer eth_chainId like an Ethereum node')
  }
  return BigInt(result)
}

async function readTypeAndVersion(
  rpc: RawRpc,
  url: URL,
  router: string,
  chainId: bigint,
  decode: (data: string) => readonly unknown[],
): Promise<string> {
  let result: unknown
  try {
    result = await rpc.call('eth_call', [{ to: router, data: VIEW_SELECTORS.typeAndVersion }, 'latest'])
  } catch (error) {
    if (!(error instanceof RpcFailure)) throw error
    if (error.kind === 'unreachable') throw unreachable(url, error.message)
    throw notARouter(`${router} reverted on typeAndVersion(), so it is not a CCIP Router`)
  }
  if (result === '0x') throw notARouter(`No contract at ${router} on chain ${chainId}`)
  let decoded: unknown
  try {
    decoded = typeof result === 'string' ? decode(result)[0] : undefined
  } catch {
    decoded = undefined
  }
  if (typeof decoded !== 'string')
    throw notARouter(`${router} does not answer typeAndVersion(), so it is not a CCIP Router`)
  return decoded
}

function unreachable(url: URL, reason: string): CcipError {
  return new CcipError(
    ErrorCode.RpcUnreachable,
    `Cannot use the RPC at ${redactUrl(url)}: ${redactUrlsIn(reason)}`,
    {
      hint: 'check the URL and that the node is running',
    },
  )
}

function notARouter(message: string): CcipError {
  return new CcipError(ErrorCode.NotARouter, message, {
    hint: 'pass the CCIP Router address for this chain (https://docs.chain.link/ccip/directory), or leave out --router',
  })
}
