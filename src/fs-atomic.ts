import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { rename, rm, writeFile } from 'node:fs/promises'

/** Write a file so that readers see either the old or the new content, never a torn one. */
export function writeFileAtomic(path: string, content: string | Uint8Array, mode?: number): void {
  const tmp = `${path}.${process.pid}.tmp`
  try {
    writeFileSync(tmp, content, mode === undefined ? undefined : { mode })
    renameSync(tmp, path)
  } finally {
    rmSync(tmp, { force: true })
  }
}

let asyncWrites = 0

/** writeFileAtomic without blocking the event loop (for files of many MB). */
export async function writeFileAtomicAsync(path: string, content: string | Uint8Array): Promise<void> {
  const tmp = `${path}.${process.pid}.${asyncWrites++}.tmp`
  try {
    await writeFile(tmp, content)
    await rename(tmp, path)
  } finally {
    await rm(tmp, { force: true })
  }
}

export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`)
}

export function readJson<T>(path: string): T | undefined {
  if (!existsSync(path)) return undefined
  // CAST: callers own the schema of the files they wrote themselves.
  return JSON.parse(readFileSync(path, 'utf8')) as T
}
