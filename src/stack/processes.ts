import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { sleep } from '../time.js'

/** Alive and not a zombie (an exited process its parent has not reaped yet is as good as gone). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return !isZombie(pid)
  } catch (error) {
    // EPERM: it exists but belongs to someone else, so it is certainly not one of ours.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The command line of a process, or undefined when it is gone. */
export function commandLine(pid: number): string | undefined {
  const proc = `/proc/${pid}/cmdline`
  if (existsSync('/proc/self')) {
    try {
      return readFileSync(proc, 'utf8').split('\0').join(' ').trim()
    } catch {
      return undefined
    }
  }
  try {
    return execFileSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8' }).trim() || undefined
  } catch {
    return undefined
  }
}

/** Resident memory of a process in MiB (/proc on Linux, ps elsewhere); undefined when it is gone. */
export function residentMiB(pid: number): number | undefined {
  try {
    if (existsSync('/proc/self')) {
      const line = readFileSync(`/proc/${pid}/status`, 'utf8')
        .split('\n')
        .find((l) => l.startsWith('VmRSS:'))
      return line === undefined ? undefined : Number(line.replace(/\D+/g, '')) / 1024
    }
    const kib = Number(execFileSync('ps', ['-p', String(pid), '-o', 'rss='], { encoding: 'utf8' }).trim())
    return kib > 0 ? kib / 1024 : undefined
  } catch {
    return undefined
  }
}

/**
 * True when `pid` is still the process we started: alive and its command line still contains
 * our marker. Guards against killing an unrelated process that reused a recorded pid.
 */
export function isOurProcess(pid: number, marker: string): boolean {
  if (!isAlive(pid)) return false
  return commandLine(pid)?.includes(marker) ?? false
}

/** SIGTERM, wait for the exit, SIGKILL after `graceMs`. Resolves once the process is gone. */
export async function stopProcess(pid: number, graceMs = 5_000): Promise<void> {
  if (!isAlive(pid)) return
  try {
    process.kill(pid, 'SIGTERM')
  } catch {
    return
  }
  const deadline = Date.now() + graceMs
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      try {
        process.kill(pid, 'SIGKILL')
      } catch {
        return
      }
    }
    await sleep(20)
  }
}

/**
 * An exited process that was not reaped yet still answers kill(pid, 0). Every thread must be
 * done: a multi-threaded process (anvil) shows its main thread as a zombie while the others are
 * still exiting, and those still hold its sockets (its port is not free yet).
 */
function isZombie(pid: number): boolean {
  try {
    const tasks = readdirSync(`/proc/${pid}/task`)
    return tasks.every((tid) => {
      const state = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1]?.[0]
      return state === 'Z' || state === 'X'
    })
  } catch {
    return false
  }
}
