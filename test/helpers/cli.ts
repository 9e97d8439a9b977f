import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { packageRoot } from '../../src/package-root.js'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** Run the BUILT `ccip` (dist/bin/ccip.js) the way a user does, with its own CCIPKIT_HOME. */
export function runCli(
  args: string[],
  opts: { home: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(packageRoot(), 'dist/bin/ccip.js'), ...args], {
      env: { ...process.env, ...opts.env, CCIPKIT_HOME: opts.home, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code: code ?? -1, stdout, stderr })
    })
  })
}

/** Parse stdout as the one JSON document `--json` promises; fail loudly with the output if not. */
export function jsonOf<T>(run: CliRun): T {
  try {
    return JSON.parse(run.stdout) as T
  } catch {
    throw new Error(
      `stdout is not one JSON document (exit ${run.code}):\n${run.stdout}\n--- stderr:\n${run.stderr}`,
    )
  }
}

export function tempHome(prefix: string): { home: string; cleanup: () => void } {
  const home = mkdtempSync(join(tmpdir(), `ccip-test-${prefix}-`))
  // CCIPKIT_TEST_KEEP_HOME=1 keeps the homes (logs, manifests, snapshots) to look into a failure.
  const keep = process.env.CCIPKIT_TEST_KEEP_HOME === '1'
  return { home, cleanup: () => (keep ? undefined : rmSync(home, { recursive: true, force: true })) }
}

/**
 * The last lines of a local stack's log for `role` (nodes, alpha, …), to explain a failed
 * end-to-end assertion without keeping the home around.
 */
export function stackLogTail(home: string, role: string, lines = 40): string {
  const file = join(home, 'local', 'logs', `${role}.log`)
  if (!existsSync(file)) return `(no ${role}.log)`
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
}
