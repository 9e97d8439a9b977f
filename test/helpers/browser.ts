import { type ChildProcess, spawn } from 'node:child_process'
import { accessSync, constants, mkdirSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { packageRoot } from '../../src/package-root.js'

/**
 * A real browser for the explorer's tests: the system's Chromium (Debian's `chromium` package;
 * `.ci/run` installs it), driven by playwright-core, which downloads nothing. No Chromium is a
 * failure that says how to get one, never a skipped test.
 */
const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']

export function findChromium(): string {
  const override = process.env.CCIPKIT_CHROMIUM
  if (override !== undefined && override !== '') return override
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of NAMES) {
      const file = join(dir, name)
      try {
        accessSync(file, constants.X_OK)
        return file
      } catch {}
    }
  }
  throw new Error(
    'no Chromium on PATH: install it (Debian: apt-get install -y chromium; .ci/run does) or set CCIPKIT_CHROMIUM',
  )
}

export function launchBrowser(): Promise<Browser> {
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: findChromium(), headless: true, args: ['--no-sandbox'] })
}

/** Screenshots are kept as test artifacts: test-artifacts/explorer/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join(packageRoot(), 'test-artifacts', 'explorer')
  mkdirSync(dir, { recursive: true })
  const path = join(dir, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}

export interface RunningExplorer {
  url: string
  child: ChildProcess
  stop(): Promise<void>
}

/** `ccip explorer --port 0 --json` on `home`, as a user runs it; resolves with its URL once listening. */
export function startExplorerCli(home: string, extra: string[] = []): Promise<RunningExplorer> {
  const child = spawn(
    process.execPath,
    [join(packageRoot(), 'dist/bin/ccip.js'), 'explorer', '--port', '0', '--json', ...extra],
    { env: { ...process.env, CCIPKIT_HOME: home, FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let stdout = ''
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  const stop = async () => {
    if (child.exitCode !== null) return
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGTERM')
    await exited
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`explorer did not start in 20 s:\n${stderr}`)), 20_000)
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString()
      try {
        const { url } = JSON.parse(stdout) as { url: string }
        clearTimeout(timer)
        resolve({ url, child, stop })
      } catch {}
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`explorer exited (${code}) before listening:\n${stdout}\n${stderr}`))
    })
  })
}
