import { CcipError, type ErrorCode, ExitCode } from './errors.js'

/**
 * The one place that turns a failed file-system call on ccipkit's home into a user-facing error.
 * Node's errors name a syscall and an errno ("EROFS: read-only file system, open …"); the user
 * needs to know which of our files it was, what we were doing and what to do about it. Running
 * as root, permissions never fail, but a read-only mount or a home path that is a file still do.
 */
export type FsOp = 'read' | 'write' | 'create' | 'remove'

/** Node's errno code of a file-system error, if it is one. */
export function errnoOf(error: unknown): string | undefined {
  // CAST: Node's fs errors carry a string errno code.
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined
  return typeof code === 'string' ? code : undefined
}

export function fsError(
  code: ErrorCode,
  what: string,
  path: string,
  op: FsOp,
  cause: unknown,
  home?: string,
): CcipError {
  const errno = errnoOf(cause)
  const where = home === undefined ? 'the directory' : `CCIPKIT_HOME (${home})`
  const [reason, hint] = (() => {
    switch (errno) {
      case 'EROFS':
        return ['the file system is read-only', `point CCIPKIT_HOME at a writable directory`]
      case 'EACCES':
      case 'EPERM':
        return ['permission denied', `check the owner and mode of ${path} and ${where}`]
      case 'ENOTDIR':
        return [
          'a part of its path is a file, not a directory',
          `CCIPKIT_HOME must be a directory: move the file away or point CCIPKIT_HOME elsewhere`,
        ]
      case 'EISDIR':
        return ['it is a directory', `remove or rename the directory ${path}`]
      case 'ENOSPC':
      case 'EDQUOT':
        return ['the disk is full', 'free some space and run the command again']
      case 'ENOENT':
        return ['a directory on its path does not exist', `create ${where} or point CCIPKIT_HOME elsewhere`]
      default:
        return [errno ?? String(cause), `check ${path} and ${where}`]
    }
  })()
  const verb = op === 'create' ? 'create' : op
  return new CcipError(code, `Cannot ${verb} ${what} ${path}: ${reason}`, {
    hint,
    exitCode: ExitCode.Failed,
    details: { path, ...(errno === undefined ? {} : { errno }) },
    cause,
  })
}
