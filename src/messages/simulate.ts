import { AbiCoder, Interface, isError, type JsonRpcProvider, keccak256, toBeHex } from 'ethers'
import { revertData } from '../chain/revert.js'
import { ERC20_ABI } from './tokens.js'

/**
 * Simulate `ccipSend` BEFORE anything is sent, as if the approvals were already mined, so that a
 * revert (curse, rate limit, unsupported token…) stops the command with no state change at all:
 * no approval is left behind. Two ways, both read-only:
 *  1. eth_call (and eth_estimateGas) with a state override that sets the ERC-20 allowance
 *     storage slot to the exact amount to approve. The slot is found by probing: override a
 *     candidate slot with a sentinel and see whether `allowance()` returns it. Works on geth,
 *     anvil, reth, erigon, nethermind and most hosted RPCs.
 *  2. When the slot is not found (unusual token layout) or overrides are refused, eth_simulateV1
 *     with the approvals and ccipSend as calls of one simulated block.
 * When neither is available the caller is told (`unsupported`) and decides.
 */

export interface CallRequest {
  from: string
  to: string
  data: string
  value: bigint
}

/** An allowance the sender lacks: `amount` must be approved to `spender` before the send. */
export interface PendingApproval {
  token: string
  spender: string
  amount: bigint
}

export type Simulation =
  | { outcome: 'ok'; via: 'eth_call' | 'eth_simulateV1'; gas: bigint | undefined }
  | { outcome: 'revert'; data: string | undefined; error: unknown }
  | { outcome: 'unsupported' }

const coder = AbiCoder.defaultAbiCoder()
const erc20 = new Interface(ERC20_ABI)
const SENTINEL = 0x5eed_cc1b_0000_0000_0000_0000_0000_0000_0000_0000_0000_c0ffeen
/** Solidity mapping slots 0-9, then OpenZeppelin 5's namespaced ERC20Storage._allowances (ERC-7201). */
const SLOTS = [
  ...Array.from({ length: 10 }, (_, i) => BigInt(i)),
  0x52c63247e1f47db19d5ce0460030c497f067ca4cebf71ba98eeadabe20bace01n,
]

const rpcTx = (t: CallRequest) => ({ from: t.from, to: t.to, data: t.data, value: toBeHex(t.value) })

/** The storage key of allowance[owner][spender], or undefined when no candidate layout matches. */
export async function findAllowanceKey(
  provider: JsonRpcProvider,
  token: string,
  owner: string,
  spender: string,
): Promise<string | undefined> {
  const data = erc20.encodeFunctionData('allowance', [owner, spender])
  for (const slot of SLOTS) {
    const inner = keccak256(coder.encode(['address', 'uint256'], [owner, slot]))
    const key = keccak256(coder.encode(['address', 'bytes32'], [spender, inner]))
    const override = { [token]: { stateDiff: { [key]: toBeHex(SENTINEL, 32) } } }
    try {
      const result = String(await provider.send('eth_call', [{ to: token, data }, 'latest', override]))
      if (BigInt(result) === SENTINEL) return key
    } catch {
      return undefined // the node refuses state overrides: no point probing further
    }
  }
  return undefined
}

/** Simulate `tx` as if every approval in `approvals` had been mined first. */
export async function simulateWithApprovals(
  provider: JsonRpcProvider,
  tx: CallRequest,
  approvals: PendingApproval[],
): Promise<Simulation> {
  const overrides: Record<string, { stateDiff: Record<string, string> }> = {}
  for (const a of approvals) {
    const key = await findAllowanceKey(provider, a.token, tx.from, a.spender)
    if (key === undefined) return simulateBundle(provider, tx, approvals)
    overrides[a.token] = { stateDiff: { ...overrides[a.token]?.stateDiff, [key]: toBeHex(a.amount, 32) } }
  }
  const params = approvals.length === 0 ? [rpcTx(tx), 'latest'] : [rpcTx(tx), 'latest', overrides]
  try {
    await provider.send('eth_call', params)
  } catch (error) {
    if (isError(error, 'CALL_EXCEPTION')) return { outcome: 'revert', data: revertData(error), error }
    throw error
  }
  // The gas of the real send (same state as the override), for its explicit gas limit.
  const gas = await provider.send('eth_estimateGas', params).then(
    (hex: unknown) => BigInt(String(hex)),
    () => undefined,
  )
  return { outcome: 'ok', via: 'eth_call', gas }
}

interface SimulatedCall {
  status: string
  returnData: string
  error?: { data?: string }
}

/** eth_simulateV1: the approvals, then `tx`, as calls of one simulated block on top of latest. */
export async function simulateBundle(
  provider: JsonRpcProvider,
  tx: CallRequest,
  approvals: PendingApproval[],
): Promise<Simulation> {
  const calls = [
    ...approvals.map((a) => ({
      from: tx.from,
      to: a.token,
      data: erc20.encodeFunctionData('approve', [a.spender, a.amount]),
    })),
    rpcTx(tx),
  ]
  let blocks: { calls: SimulatedCall[] }[]
  try {
    // CAST: eth_simulateV1 returns one result per simulated block, each with its calls.
    blocks = (await provider.send('eth_simulateV1', [{ blockStateCalls: [{ calls }] }, 'latest'])) as {
      calls: SimulatedCall[]
    }[]
  } catch {
    return { outcome: 'unsupported' }
  }
  const results = blocks[0]?.calls ?? []
  const failed = results.find((c) => c.status !== '0x1')
  if (failed !== undefined) {
    const data = failed.error?.data ?? failed.returnData
    return { outcome: 'revert', data: data === '0x' ? undefined : data, error: failed }
  }
  // gasUsed is not a safe gas limit (refunds, the 63/64 rule): the caller estimates after approving.
  return { outcome: 'ok', via: 'eth_simulateV1', gas: undefined }
}
