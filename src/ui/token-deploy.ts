import type { TokenDeployPlan, TokenDeployResult, TokenSpec } from '../tokens/deploy.js'
import { tokenUnits } from './ratelimit.js'
import { table } from './table.js'

/** Formatters for `ccip token deploy`. */

const specJson = (t: TokenSpec) => ({
  name: t.name,
  symbol: t.symbol,
  decimals: t.decimals,
  maxSupply: t.maxSupply,
  preMint: t.preMint,
})

const specLine = (t: TokenSpec): string =>
  `${t.name} (${t.symbol}), ${t.decimals} decimals, max supply ${t.maxSupply === 0n ? 'unlimited' : tokenUnits(t.maxSupply, t.decimals)}` +
  (t.preMint === 0n ? '' : `, ${tokenUnits(t.preMint, t.decimals)} pre-minted to the CCIP admin`)

/** `--dry-run --json`: the token, its CCIP admin, who deploys (and owns) it, the deployment's data, each chain's expected address. */
export const planJson = (plan: TokenDeployPlan) => ({
  token: specJson(plan.token),
  admin: plan.admin,
  deployer: plan.deployer,
  chains: plan.chains.map((c) => ({
    chain: c.chain,
    chainId: c.chainId,
    nonce: c.nonce,
    expectedAddress: c.address,
  })),
  data: plan.data,
})

export function renderPlan(plan: TokenDeployPlan): string {
  return `${renderPlanSummary(plan)}\n\nDeployment data (${(plan.data.length - 2) / 2} bytes):\n${plan.data}`
}

export function renderPlanSummary(plan: TokenDeployPlan): string {
  const rows = plan.chains.map((c) => [c.chain, c.address, String(c.nonce)])
  return [
    `Deploy ${specLine(plan.token)}`,
    `CCIP admin ${plan.admin}; deployed and owned by ${plan.deployer}`,
    '',
    table(['CHAIN', 'EXPECTED ADDRESS', 'NONCE'], rows),
  ].join('\n')
}

/** `--json`: the token and one `{chain, address, txHash}` per chain. */
export const resultJson = (result: TokenDeployResult) => ({
  token: specJson(result.token),
  admin: result.admin,
  deployer: result.deployer,
  deployments: result.deployments,
})

export function renderResult(result: TokenDeployResult): string {
  const rows = result.deployments.map((d) => [d.chain, d.address, d.txHash])
  return [
    `Deployed ${specLine(result.token)}; CCIP admin ${result.admin}, owner ${result.deployer}`,
    '',
    table(['CHAIN', 'TOKEN', 'TX'], rows),
  ].join('\n')
}
