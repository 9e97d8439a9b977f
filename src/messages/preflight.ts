import { Contract, formatUnits, Interface, type JsonRpcProvider } from 'ethers'
import { ccipAbi } from '../chain/artifacts.js'
import { withGasMargin } from '../chain/gas.js'
import { requiredAllowances } from './message-args.js'
import { insufficientBalance, type QuotedMessage, revertDataToError } from './quote.js'
import { type CallRequest, type PendingApproval, simulateWithApprovals } from './simulate.js'
import { ERC20_ABI, type TokenInfo } from './tokens.js'

/**
 * Everything `ccip send` checks before it sends anything: balances of the token, the fee token and
 * native (value + gas), the allowances to approve, and a simulation of the final ccipSend.
 * Any failure throws here, so no transaction (not even an approval) is ever sent for a message
 * that would revert.
 */
export interface SendPlan {
  approvals: PendingApproval[]
  /** Every allowance the send spends (approved or not): what a send in a busy account re-checks. */
  needs: PendingApproval[]
  /** The ccipSend transaction itself. */
  send: CallRequest
  /** Gas limit for ccipSend, from an estimate under the same overrides; undefined → estimate after approving. */
  sendGasLimit: bigint | undefined
  /** Set when the node could not simulate the send at all (see simulate.ts). */
  unsimulated: boolean
}

/** When the send can't be estimated up front, budget this much gas for the native-balance check. */
const SEND_GAS_BUDGET = 600_000n
const APPROVE_GAS_BUDGET = 60_000n

const router = new Interface(ccipAbi('router'))

export async function preflight(
  provider: JsonRpcProvider,
  quote: QuotedMessage,
  sender: string,
): Promise<SendPlan> {
  const needs = requiredAllowances(quote.tokens, quote.feeToken.address, quote.fee)
  const value = quote.feeToken.native ? quote.fee : 0n
  const nativeBalance = await provider.getBalance(sender)
  const approvals: PendingApproval[] = []
  const spends: PendingApproval[] = []
  for (const [address, amount] of needs) {
    spends.push({ token: address, spender: quote.router, amount })
    const erc20 = new Contract(address, ERC20_ABI, provider)
    const info = tokenFor(quote, address)
    const balance = BigInt(await erc20.getFunction('balanceOf')(sender))
    if (balance < amount) {
      throw insufficientBalance(info.symbol, quote.sourceChain, fmt(amount, info), fmt(balance, info))
    }
    const allowance = BigInt(await erc20.getFunction('allowance')(sender, quote.router))
    // Exact approvals: approve precisely what this message pulls; an allowance that already
    // covers it is used as is (no transaction).
    if (allowance < amount) approvals.push({ token: address, spender: quote.router, amount })
  }
  const native: TokenInfo = { address: '', symbol: 'native', decimals: 18 }
  if (nativeBalance < value) {
    throw insufficientBalance(
      'native (fee)',
      quote.sourceChain,
      fmt(value, native),
      fmt(nativeBalance, native),
    )
  }
  const send: CallRequest = {
    from: sender,
    to: quote.router,
    data: router.encodeFunctionData('ccipSend', [quote.destSelector, quote.message]),
    value,
  }
  // Simulated as if every allowance were exactly approved, not only the missing ones: another
  // send from this account may spend an existing allowance between our read and the simulation.
  const simulation = await simulateWithApprovals(provider, send, spends)
  if (simulation.outcome === 'revert') {
    throw revertDataToError(simulation.data, 'ccipSend', quote.errorContext, simulation.error)
  }
  const sendGas = simulation.outcome === 'ok' ? simulation.gas : undefined
  const feeData = await provider.getFeeData()
  const gasPrice = feeData.maxFeePerGas ?? feeData.gasPrice ?? 0n
  const gas =
    (sendGas === undefined ? SEND_GAS_BUDGET : withGasMargin(sendGas)) +
    BigInt(approvals.length) * APPROVE_GAS_BUDGET
  if (nativeBalance < value + gas * gasPrice) {
    const need = `${fmt(value + gas * gasPrice, native)} (fee ${fmt(value, native)} + gas)`
    throw insufficientBalance('native', quote.sourceChain, need, fmt(nativeBalance, native))
  }
  return {
    approvals,
    needs: spends,
    send,
    sendGasLimit: sendGas === undefined ? undefined : withGasMargin(sendGas),
    unsimulated: simulation.outcome === 'unsupported',
  }
}

function tokenFor(quote: QuotedMessage, address: string): TokenInfo {
  return quote.tokens.find((t) => t.address === address) ?? quote.feeToken
}

const fmt = (amount: bigint, token: TokenInfo) => `${formatUnits(amount, token.decimals)} ${token.symbol}`
