import { Contract, type InterfaceAbi, JsonRpcProvider } from 'ethers'
import { Chain } from '../../src/chain/chain.js'
import { chainProvider } from '../../src/chain/provider.js'

/** An ethers provider on a stack chain, sending through a Chain of its own as ccipkit's own providers do. */
export function makeProvider(rpcUrl: string, chainId: number | bigint): JsonRpcProvider {
  return chainProvider(new Chain({ name: rpcUrl, local: true, rpcUrl }), chainId)
}

export function provider(rpcUrl: string, chainId?: number): JsonRpcProvider {
  return new JsonRpcProvider(rpcUrl, chainId, {
    staticNetwork: chainId !== undefined,
    batchStallTime: 0,
    cacheTimeout: -1,
    pollingInterval: 50,
  })
}

/** A read-only contract view whose methods are called by name (tests assert on real chain data). */
export function view(address: string, abi: InterfaceAbi, runner: JsonRpcProvider) {
  const contract = new Contract(address, abi, runner)
  // biome-ignore lint/suspicious/noExplicitAny: ethers results are dynamic; the tests assert their shape
  return (fn: string, ...args: unknown[]): Promise<any> => contract.getFunction(fn)(...args)
}

const TYPE_AND_VERSION = ['function typeAndVersion() view returns (string)']
export function typeAndVersion(address: string, runner: JsonRpcProvider): Promise<string> {
  return view(address, TYPE_AND_VERSION, runner)('typeAndVersion')
}
