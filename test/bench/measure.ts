import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { packageRoot } from '../../src/package-root.js'
import { residentMiB } from '../../src/stack/processes.js'

/** Wall-clock milliseconds of one run of the built CLI (process start to exit, as a user feels it). */
export function timeCli(
  args: string[],
  home: string,
): { ms: number; code: number; stdout: string; stderr: string } {
  const t0 = performance.now()
  const run = spawnSync(process.execPath, [join(packageRoot(), 'dist/bin/ccip.js'), ...args], {
    env: { ...process.env, CCIPKIT_HOME: home },
    encoding: 'utf8',
  })
  return { ms: performance.now() - t0, code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Resident memory (MiB) of a process; 0 when it is gone. */
export const rssMiB = (pid: number): number => residentMiB(pid) ?? 0

/** Stop the bench on a failed step: a number measured past it would mean nothing. */
export function must(run: { code: number; stderr: string }, what: string): void {
  if (run.code !== 0) throw new Error(`${what} failed (exit ${run.code}):\n${run.stderr}`)
}
