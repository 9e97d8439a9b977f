import { must, timeCli } from './measure.js'
import type { Record, Row } from './run.js'

const CHAINS = 'alpha,beta,gamma'

/**
 * Issue 12's commands on the running default stack (0.2 s blocks): a fresh token made
 * cross-chain on 3 chains by `ccip token setup` (pools, grants, registration, connections: 18
 * transactions, 6 on each chain, every one waited for), and the doctor over it. Our own targets:
 * a setup that takes longer than a few blocks per step would make users reach for scripts.
 */
export function benchToken(home: string, record: Record, rows: Row[]): void {
  const setup: number[] = []
  const check: number[] = []
  let sent = 0
  for (let i = 1; i <= 3; i++) {
    const symbol = `BENCH${i}`
    const deploy = ['token', 'deploy', '--chains', CHAINS, '--name', symbol, '--symbol', symbol]
    must(timeCli(deploy, home), 'token deploy')
    const args = ['token', 'setup', '--token', symbol, '--chains', CHAINS, '--pool', 'burn-mint']
    const run = timeCli([...args, '--outbound', '1000/10', '--inbound', '1100/11', '--json'], home)
    must(run, 'token setup')
    sent = (JSON.parse(run.stdout) as { transactions: unknown[] }).transactions.length
    setup.push(run.ms / 1000)
    const doctor = timeCli(['token', 'check', symbol, '--json'], home)
    must(doctor, 'token check')
    check.push(doctor.ms)
  }
  record('`ccip token setup` (3 chains, burn/mint pools, limits) to done', setup, 's', 10)
  rows.push({
    metric: `  ${sent} transactions, 6 per chain, each waited for`,
    value: 0,
    unit: '',
    target: '',
    ok: true,
    runs: 0,
  })
  record('`ccip token check` (3 chains)', check, 'ms', 1000)
}
