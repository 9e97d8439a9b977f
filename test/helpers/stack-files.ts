import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { isPortFree } from '../../src/stack/ports.js'
import type { CliRun } from './cli.js'

/**
 * Every file under `dir` (recursively) with the sha256 of its bytes: compare two to prove nothing
 * changed. Log directories are left out: any start attempt appends to them, and they hold no state.
 */
export function fileHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name)
      if (statSync(path).isDirectory()) {
        if (name !== 'logs') walk(path)
      } else out[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex')
    }
  }
  walk(dir)
  return out
}

/**
 * Live processes of a test's stack, found the way the code under test cannot hide them: by their
 * command lines (anvil on one of `ports`, or anything naming `home`), not by its manifest.
 */
export function stackProcesses(home: string, ports: number[]): { pid: number; cmd: string }[] {
  const found: { pid: number; cmd: string }[] = []
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry)
    if (!Number.isInteger(pid) || pid === process.pid) continue
    let cmd: string
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim()
      // A zombie (exited, not yet reaped) holds nothing; its state is the letter after the name.
      if (/\) [ZX] /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))) continue
    } catch {
      continue
    }
    const anvilOnPort = /\banvil\b/.test(cmd) && ports.some((p) => cmd.includes(`--port ${p} `))
    if (anvilOnPort || (cmd.includes(home) && !cmd.includes('vitest'))) found.push({ pid, cmd })
  }
  return found
}

/** Nothing of the stack alive and every port free, allowing a moment for killed processes to go. */
export async function expectNothingLeft(home: string, ports: number[]): Promise<string[]> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const left = stackProcesses(home, ports).map((p) => `${p.pid} ${p.cmd}`)
    const busy: string[] = []
    for (const port of ports) if (!(await isPortFree(port))) busy.push(`port ${port} busy`)
    if ((left.length === 0 && busy.length === 0) || Date.now() > deadline) return [...left, ...busy]
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** The `{"error": …}` document a failing `--json` command writes to stderr. */
export function errorOf(run: CliRun): { code: string; message: string; hint?: string } {
  try {
    return (JSON.parse(run.stderr) as { error: { code: string; message: string; hint?: string } }).error
  } catch {
    throw new Error(
      `stderr is not one JSON error (exit ${run.code}):\n${run.stderr}\n--- stdout:\n${run.stdout}`,
    )
  }
}
