import { isZeroAddress } from '../protocol/abi-words.js'
import { laneFindings, limitFindings } from './check-lanes.js'
import type { PoolOnChain, TokenOnChain } from './inspect.js'
import { same } from './plan-common.js'

/**
 * `ccip token check`, the doctor: what in a token's cross-chain set-up makes transfers fail or
 * strand funds, judged from what the chains hold (TokenOnChain, read by inspect.ts). Pure: each
 * finding says how bad it is, what breaks, and the command that fixes it.
 */
export type Severity = 'error' | 'warning' | 'info'

export interface Finding {
  severity: Severity
  /** Stable name of the problem, e.g. POOL_NOT_SET. */
  code: string
  chain: string
  /** The other chain of a lane problem. */
  remote?: string
  /** What is wrong. */
  problem: string
  /** What it breaks. */
  breaks: string
  /** The command (or call) that fixes it. */
  fix: string
}

export interface CheckInput {
  /** How the user names the token in commands (`--token …`). */
  tokenRef: string
  chains: readonly TokenOnChain[]
  /** Chain selector (decimal) → profile name. */
  names: Record<string, string>
}

export function checkToken(input: CheckInput): Finding[] {
  const findings: Finding[] = []
  const byName = new Map(input.chains.map((c) => [c.chain, c]))
  const nameOf = (selector: bigint) => input.names[selector.toString()] ?? selector.toString()
  const cmd = (verb: string, chains: string[], more = '') =>
    `ccip token ${verb} --token ${input.tokenRef} --chains ${chains.join(',')}${more}`
  for (const c of input.chains) {
    const add = (f: Omit<Finding, 'chain'>) => findings.push({ chain: c.chain, ...f })
    registryFindings(c, add, cmd)
    const pool = c.pool
    if (pool === null) continue
    poolFindings(c, pool, add, cmd)
    for (const other of input.chains) {
      if (other === c) continue
      const remote = pool.remotes.find((r) => r.selector === other.selector)
      laneFindings(c, other, remote, add, cmd)
    }
    for (const r of pool.remotes)
      limitFindings(c, r, nameOf(r.selector), byName.get(nameOf(r.selector)), add, cmd)
  }
  return findings
}

export type Add = (f: Omit<Finding, 'chain'>) => void
export type Cmd = (verb: string, chains: string[], more?: string) => string

function registryFindings(c: TokenOnChain, add: Add, cmd: Cmd) {
  const { registry, pool } = c
  if (isZeroAddress(registry.administrator) && !isZeroAddress(registry.pendingAdministrator))
    add({
      severity: 'warning',
      code: 'ADMIN_NOT_ACCEPTED',
      problem: `${registry.pendingAdministrator} was proposed as the token's CCIP admin but has not accepted`,
      breaks: 'nobody can set the pool or change the registration until the role is accepted',
      fix: `${cmd('register', [c.chain])}  (signed by ${registry.pendingAdministrator})`,
    })
  else if (isZeroAddress(registry.administrator))
    add({
      severity: 'error',
      code: 'NOT_REGISTERED',
      problem: 'the token has no CCIP admin in the TokenAdminRegistry',
      breaks: 'no pool can be set: every transfer of the token reverts',
      fix: cmd('register', [c.chain]),
    })
  if (pool === null) {
    add({
      severity: 'error',
      code: 'NO_POOL',
      problem: 'the token has no pool',
      breaks: 'every transfer of the token from or to this chain reverts',
      fix: cmd('setup', [c.chain], ' --pool burn-mint'),
    })
    return
  }
  if (isZeroAddress(registry.pool))
    add({
      severity: 'error',
      code: 'POOL_NOT_SET',
      problem: `the pool ${pool.address} is deployed but not set in the TokenAdminRegistry`,
      breaks: 'every transfer of the token from or to this chain reverts (the OnRamp/OffRamp find no pool)',
      fix: cmd('register', [c.chain]),
    })
  if (!same(pool.token, c.token.address))
    add({
      severity: 'error',
      code: 'POOL_FOR_OTHER_TOKEN',
      problem: `the pool ${pool.address} is built for ${pool.token}`,
      breaks: 'the registry refuses it / transfers move the wrong token',
      fix: cmd('setup', [c.chain], ' --pool burn-mint'),
    })
  if (pool.decimals !== c.token.decimals)
    add({
      severity: 'error',
      code: 'POOL_DECIMALS',
      problem: `the pool assumes ${pool.decimals} decimals, the token has ${c.token.decimals}`,
      breaks: 'amounts are scaled wrongly on arrival',
      fix: 'deploy a new pool (it takes the token’s decimals) and set it',
    })
  if (!isZeroAddress(registry.administrator) && !same(registry.administrator, pool.owner))
    add({
      severity: 'info',
      code: 'ADMIN_NOT_POOL_OWNER',
      problem: `the token admin (${registry.administrator}) and the pool owner (${pool.owner}) are different accounts`,
      breaks:
        'nothing; but only the admin can change the pool, only the owner can change remotes and rate limits',
      fix: 'sign each change with the account that holds that role',
    })
}

function poolFindings(c: TokenOnChain, pool: PoolOnChain, add: Add, cmd: Cmd) {
  if (pool.type === 'burn-mint' && (pool.mayMint === false || pool.mayBurn === false)) {
    const missing = [pool.mayMint === false ? 'mint' : '', pool.mayBurn === false ? 'burn' : '']
      .filter(Boolean)
      .join(' and ')
    add({
      severity: 'error',
      code: 'NO_MINT_BURN_ROLE',
      problem: `the burn/mint pool may not ${missing} the token`,
      breaks:
        pool.mayMint === false
          ? 'transfers to this chain fail on arrival: the funds are burned or locked on the source'
          : 'transfers from this chain revert',
      fix: cmd('grant', [c.chain]),
    })
  }
  const box = pool.liquidity
  if (box !== undefined && !box.poolAuthorized)
    add({
      severity: 'error',
      code: 'LOCK_BOX_NOT_AUTHORIZED',
      problem: `the pool may not use its lock box ${box.holder}`,
      breaks: 'every lock and release reverts',
      fix: cmd('pool deploy', [c.chain], ' --pool lock-release --pool-version 2.0'),
    })
  if (box !== undefined && box.amount === 0n)
    add({
      severity: 'warning',
      code: 'NO_LIQUIDITY',
      problem: 'the lock/release pool holds no liquidity',
      breaks:
        'transfers to this chain fail on arrival (nothing to release) until others have locked tokens here',
      fix: cmd('setup', [c.chain], ' --liquidity AMOUNT'),
    })
}
