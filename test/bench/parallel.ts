import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { packageRoot } from '../../src/package-root.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import { timeCli } from './measure.js'
import type { Record } from './run.js'

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
 * land (exit 0); the wall time is from the first start to the last exit (each mined).
 */
export async function benchParallelSends(home: string, up: string[], record: Record): Promise<void> {
  const started = timeCli(up, home)
  if (started.code !== 0) throw new Error(`up failed: ${started.stderr}`)
  const key = devAccount(7).privateKey
  const payloads = [
    ['--data', 'parallel'],
    ['--token', 'CCIP-BnM:0.1', '--fee-token', 'LINK'],
    ['--token', 'CCIP-LnM:0.2'],
    ['--data', '0xc0ffee', '--fee-token', 'LINK'],
  ]
  const t0 = performance.now()
  const codes = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      sendProcess(
        home,
        ['send', '--from', 'alpha', '--to', i % 2 ? 'gamma' : 'beta', ...payloads[i % 4]!],
        key,
      ),
    ),
  )
  const seconds = (performance.now() - t0) / 1000
  record(
    '20 parallel `ccip send` from one account: landed',
    [codes.filter((c) => c === 0).length],
    'sends',
    20,
    true,
  )
  record('20 parallel `ccip send` from one account: wall time', [seconds], 's', 10)
}
