import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { CcipError, ErrorCode } from '../errors.js'
import { isAlive } from './processes.js'

/**
 * An exclusive lock file holding the owner's pid, so two `ccip local` commands never change the
 * stack at the same time. A lock whose owner died is taken over.
 */
export function acquireLock(path: string): () => void {
  mkdirSync(dirname(path), { recursive: true })
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' })
      return () => rmSync(path, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = Number(readFileSafe(path))
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new CcipError(ErrorCode.StackRunning, `another ccip local command is running (pid ${owner})`, {
          hint: 'wait for it to finish, or stop it',
        })
      }
      rmSync(path, { force: true })
    }
  }
  throw new CcipError(ErrorCode.StackState, `could not take the lock ${path}`, {
    hint: 'remove the file and retry',
  })
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim()
  } catch {
    return ''
  }
}
