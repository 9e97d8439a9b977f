import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { threadId } from 'node:worker_threads'
import { CcipError, ErrorCode } from './errors.js'

/** Temp files end in `.tmp`: whatever a killed writer leaves is recognisable (and swept by `local up`). */
export const TEMP_SUFFIX = '.tmp'

let writes = 0
// pid and thread: the node daemon writes from several threads of one process, and two writers of
// one path must never share (and rename) each other's half-written temp file.
const tempPath = (path: string): string => `${path}.${process.pid}.${threadId}.${writes++}${TEMP_SUFFIX}`

/**
 * Write a file so that readers see either the old or the new content, never a torn one. If the
 * write or the rename fails (full disk, read-only home), the temp file is removed and the
 * original error is thrown, not one from the clean-up.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array, mode?: number): void {
  const tmp = tempPath(path)
  try {
    writeFileSync(tmp, content, mode === undefined ? undefined : { mode })
    renameSync(tmp, path)
  } catch (error) {
    try {
      rmSync(tmp, { force: true })
    } catch {
      // the original error says more than this one
    }
    throw error
  }
}

export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`)
}

const CORRUPT_HINT =
  'restore the file, or start over: `ccip local reset` (or `ccip local up --fresh`) discards the saved stack'

/** The one error for a state file that cannot be read or is not what we wrote: it names the file. */
export function corruptFile(path: string, why: string, hint = CORRUPT_HINT, cause?: unknown): CcipError {
  return new CcipError(ErrorCode.StackState, `${path} is unusable: ${why}`, {
    hint,
    ...(cause === undefined ? {} : { cause }),
  })
}

/**
 * Read a JSON file we wrote ourselves; undefined when it does not exist. A truncated, hand-broken
 * or unreadable file is a STACK_STATE error naming it (never a bare JSON parse error).
 */
export function readJson<T>(path: string, hint?: string): T | undefined {
  if (!existsSync(path)) return undefined
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw corruptFile(
      path,
      `cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      hint,
      error,
    )
  }
  try {
    // CAST: callers own the schema of the files they wrote themselves (and check it where it matters).
    return JSON.parse(text) as T
  } catch (error) {
    const why = text.trim() === '' ? 'it is empty' : `not valid JSON (${(error as Error).message})`
    throw corruptFile(path, why, hint, error)
  }
}
