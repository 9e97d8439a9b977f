import { existsSync, rmSync, statSync, truncateSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { firstArchivedBlock } from '../chain/archive-blocks.js'
import { archiveEnd } from '../chain/log-archive.js'
import { CcipError, ErrorCode } from '../errors.js'
import { archiveFile, type StackPaths } from './paths.js'

/**
 * The log archives (chain/log-archive.ts) as part of a cut. The archive only grows and only
 * holds blocks deep below each chain's head, so the cut needs no copy of it: it records how many
 * bytes of it belong to the cut, and a restart cuts each file back to that.
 */

/** What of a chain's archive belongs to a cut. */
export interface ArchivedPart {
  /** The bytes up to its last checkpoint, durable on disk. */
  bytes: number
  /** Blocks from..to have their block line (archive-blocks.ts); from undefined: none has. */
  from: number | undefined
  to: number
}

/** `chain`'s archive up to its last checkpoint, made durable; undefined when it has none. */
export async function archivedPart(paths: StackPaths, chain: string): Promise<ArchivedPart | undefined> {
  const file = archiveFile(paths, chain)
  if (!existsSync(file)) return undefined
  // Measured before the sync: everything up to that checkpoint was written before it.
  const { bytes, to } = archiveEnd(file)
  const handle = await open(file, 'r+')
  await handle.sync().finally(() => handle.close())
  return { bytes, from: firstArchivedBlock(file), to }
}

/**
 * Make each archive exactly the cut's: cut back what was appended after it (blocks the restored
 * chains may not have), or remove it when the cut predates archives (its dumps hold every log).
 * A file shorter than the cut recorded was damaged: STACK_STATE, nothing changed.
 */
export function restoreArchives(
  paths: StackPaths,
  chains: readonly string[],
  recorded: Record<string, number> | undefined,
): void {
  const plan = chains.map((chain) => {
    const file = archiveFile(paths, chain)
    const bytes = recorded?.[chain]
    const size = existsSync(file) ? statSync(file).size : 0
    if (bytes !== undefined && size < bytes) {
      throw new CcipError(
        ErrorCode.StackState,
        `the log archive ${file} is shorter (${size} bytes) than the saved state needs (${bytes})`,
        {
          hint: 'restore the file, or start over: `ccip local up --fresh` (or `ccip local reset`) discards the saved stack',
        },
      )
    }
    return { file, bytes }
  })
  for (const { file, bytes } of plan) {
    if (bytes === undefined) rmSync(file, { force: true })
    else truncateSync(file, bytes)
  }
}
