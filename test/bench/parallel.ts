import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { packageRoot } from '../../src/package-root.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import { timeCli } from './measure.js'
import type { Record, Row } from './run.js'

/** One `ccip send` process, as a script starts it; resolves with its exit code. */
function sendProcess(home: string, args: string[], key: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(packageRoot(), 'dist/bin/ccip.js'), ...args], {
      env: { ...process.env, CCIPKIT_HOME: home, CCIPKIT_PRIVATE_KEY: key },
      stdio: 'ignore',
    })
    child.on('close', (code) => resolve(code ?? -1))
  })
}

/**
 * Issue 9's parallel-send target: 20 `ccip send` processes started at once from ONE account,
 * mixing data, burn/mint and lock/release tokens, LINK and native fees, two destinations. All must
 * land (exit 0). The wall time (first start to last exit, each send mined) is mostly 20 Node
 * processes loading ethers on 2 cores, so it is compared with the same 20 sends spread over the
 * 10 dev accounts: taking nonces in turn must cost (almost) nothing.
 */
export async function benchParallelSends(
  home: string,
  up: string[],
  record: Record,
  rows: Row[],
): Promise<void> {
  const started = timeCli(up, home)
  if (started.code !== 0) throw new Error(`up failed: ${started.stderr}`)
  const payloads = [
    ['--data', 'parallel'],
    ['--token', 'CCIP-BnM:0.1', '--fee-token', 'LINK'],
    ['--token', 'CCIP-LnM:0.2'],
    ['--data', '0xc0ffee', '--fee-token', 'LINK'],
  ]
  const burst = async (account: (i: number) => number) => {
    const t0 = performance.now()
    const codes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        sendProcess(
          home,
          ['send', '--from', 'alpha', '--to', i % 2 ? 'gamma' : 'beta', ...payloads[i % 4]!],
          devAccount(account(i)).privateKey,
        ),
      ),
    )
    return { landed: codes.filter((c) => c === 0).length, seconds: (performance.now() - t0) / 1000 }
  }
  const one = await burst(() => 7)
  const spread = await burst((i) => i % 10)
  record('20 parallel `ccip send` from one account: landed', [one.landed], 'sends', 20, true)
  record('  wall time ÷ the same 20 sends spread over 10 accounts', [one.seconds / spread.seconds], '×', 1.2)
  rows.push({
    metric: `  one account ${one.seconds.toFixed(1)} s, 10 accounts ${spread.seconds.toFixed(1)} s (${spread.landed}/20 landed)`,
    value: 0,
    unit: '',
    target: '',
    ok: true,
    runs: 0,
  })
}
