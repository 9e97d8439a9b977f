import type { JsonRpcProvider } from 'ethers'

/**
 * The newest block that counts as final. Local chains have a configured finality depth (the
 * commit DON uses the same rule); on other chains the node's `finalized` tag decides.
 */
export async function finalizedBlockNumber(
  provider: JsonRpcProvider,
  finalityDepth?: number,
): Promise<number> {
  if (finalityDepth !== undefined) return Math.max(0, (await provider.getBlockNumber()) - finalityDepth)
  const block = await provider.getBlock('finalized')
  return block?.number ?? 0
}
