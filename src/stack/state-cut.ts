import { existsSync, readdirSync, rmSync } from 'node:fs'
import { mkdir, open, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { CcipError, ErrorCode } from '../errors.js'
import { readJson, writeJsonAtomic } from '../fs-atomic.js'
import { archivedPart } from './archive-cut.js'
import { dumpChainState, headOfDump } from './chain-state.js'
import type { StackPaths } from './paths.js'
import { slimDump } from './slim-dump.js'

/**
 * Saved chain state as ONE CUT across all chains. Each cut is a directory `state/cut-<n>/` with
 * one dump per chain; `state/cut.json` names the complete cut to load and is replaced (atomic
 * rename) only once every dump of the new cut is on disk. A crash at any moment therefore leaves
 * either the previous set or the new one, never a mix of chains from different moments.
 *
 * Whoever calls saveCut must make sure no chain mines while it runs: the stack's chains mine
 * only when the node process says so (nodes/miner.ts), which pauses them for a cut, and `local
 * down` stops that process first. Then every dump is one moment of its chain (anvil_dumpState
 * copies blocks and state at different instants), and all of them the same moment of the whole
 * system: every node transaction in any dump was mined before the cut began, built from source
 * blocks that every dump contains; what the nodes send meanwhile waits in a mempool, which no
 * dump holds.
 */
export interface CutPointer {
  version: 1
  cut: number
  /** When the cut was taken. */
  at: string
  /** Each chain's block number in the cut. */
  heads: Record<string, number>
  /** Total bytes on disk and wall time of the whole cut. */
  bytes: number
  ms: number
  /**
   * Each chain's log archive up to this many bytes belongs to the cut (absent: no archive yet, the
   * dumps hold every log). A restart cuts each archive back to it (restoreArchives).
   */
  archive?: Record<string, number>
  /**
   * Bytes of old block headers each chain's dump held and the cut left out (slim-dump.ts): what
   * its anvil still serializes on every cut, and what a restart from this cut sheds.
   */
  oldHeaders?: Record<string, number>
}

export interface CutChain {
  name: string
  rpcUrl: string
}

const pointerFile = (paths: StackPaths) => join(paths.stateDir, 'cut.json')
const cutDir = (paths: StackPaths, cut: number) => join(paths.stateDir, `cut-${cut}`)
/** The layout before cuts: one file per chain, each saved on its own schedule. */
const legacyFile = (paths: StackPaths, chain: string) => join(paths.stateDir, `${chain}.json`)

/** The complete cut on disk, if any (an unreadable pointer counts as none). */
export function readCut(paths: StackPaths): CutPointer | undefined {
  try {
    const pointer = readJson<CutPointer>(pointerFile(paths))
    return pointer?.version === 1 ? pointer : undefined
  } catch {
    return undefined
  }
}

/** The saved state to start `chain` from: its file in the current cut (or the old layout's). */
export function savedChainFile(paths: StackPaths, chain: string): string | undefined {
  const cut = readCut(paths)
  const file = cut === undefined ? legacyFile(paths, chain) : join(cutDir(paths, cut.cut), `${chain}.json`)
  return existsSync(file) ? file : undefined
}

/**
 * Dump every chain (in parallel: the chains stand still for as long as this takes) into a new
 * cut directory, then point cut.json at it and delete the older cuts. On any failure the
 * partial directory is removed, the previous cut stays current, and a CcipError says why.
 */
export async function saveCut(paths: StackPaths, chains: readonly CutChain[]): Promise<CutPointer> {
  const t0 = Date.now()
  let dir: string | undefined
  try {
    // Above every number in use: a directory left by a crash, or an unreadable pointer, must
    // never make a new cut overwrite the one a restart would load.
    const next = Math.max(readCut(paths)?.cut ?? 0, ...cutNumbers(paths)) + 1
    dir = cutDir(paths, next)
    await mkdir(dir, { recursive: true })
    const saved = await Promise.all(
      chains.map(async (chain) => {
        const dump = await dumpChainState(chain.rpcUrl)
        const archived = await archivedPart(paths, chain.name)
        // Headers of blocks the archive has the times of stay out (slim-dump.ts says why).
        const { from, to } = archived ?? { from: undefined, to: -1 }
        const json = from === undefined ? dump : slimDump(dump, (n) => n > 0 && n >= from && n <= to)
        await writeDurably(join(cutDir(paths, next), `${chain.name}.json`), json)
        return {
          name: chain.name,
          head: headOfDump(json) ?? -1,
          bytes: json.length,
          archived: archived?.bytes,
          oldHeaders: dump.length - json.length,
        }
      }),
    )
    const pointer: CutPointer = {
      version: 1,
      cut: next,
      at: new Date(t0).toISOString(),
      heads: Object.fromEntries(saved.map((s) => [s.name, s.head])),
      bytes: saved.reduce((sum, s) => sum + s.bytes, 0),
      ms: Date.now() - t0,
    }
    const archive = saved.flatMap((s) => (s.archived === undefined ? [] : [[s.name, s.archived] as const]))
    if (archive.length > 0) pointer.archive = Object.fromEntries(archive)
    pointer.oldHeaders = Object.fromEntries(saved.map((s) => [s.name, s.oldHeaders]))
    writeJsonAtomic(pointerFile(paths), pointer)
    removeOtherCuts(paths, next)
    return pointer
  } catch (cause) {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true }).catch(() => undefined)
    const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause)
    throw new CcipError(ErrorCode.StateSave, `could not save the chains' state: ${reason}`, {
      hint: `check that ${paths.stateDir} is a writable directory with free space`,
      cause,
    })
  }
}

/** What saving a stack whose nodes are stopped came to. */
export interface StackSave {
  /** The chains saved in the new cut (all of them, or none). */
  saved: string[]
  /** Chains no longer running: no consistent cut could be taken, the last one stays. */
  gone: string[]
  /** Why the cut failed (the last one stays). */
  error?: string
}

/**
 * Save the chains of a stack whose nodes are already stopped (so nothing links the chains) as one
 * cut, when every chain still runs. A cut without a dead chain would mix moments: then nothing is
 * saved, and `gone` names the dead. `local down` and the clean-up of a crashed stack both use it.
 */
export async function saveIfAllRunning(
  paths: StackPaths,
  chains: readonly (CutChain & { pid: number })[],
  alive: readonly { pid: number }[],
): Promise<StackSave> {
  const gone = chains.filter((c) => !alive.some((p) => p.pid === c.pid)).map((c) => c.name)
  if (gone.length > 0) return { saved: [], gone }
  try {
    await saveCut(paths, chains)
    return { saved: chains.map((c) => c.name), gone }
  } catch (error) {
    return { saved: [], gone, error: error instanceof Error ? error.message : String(error) }
  }
}

/** Written and flushed before the pointer names it: the pointer must never outrun its data. */
async function writeDurably(file: string, data: Uint8Array): Promise<void> {
  const handle = await open(file, 'w')
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

function cutNumbers(paths: StackPaths): number[] {
  if (!existsSync(paths.stateDir)) return []
  return readdirSync(paths.stateDir).flatMap((e) => {
    const n = /^cut-(\d+)$/.exec(e)?.[1]
    return n === undefined ? [] : [Number(n)]
  })
}

/** Older cuts, crashed partial ones and the old layout's files: only the current cut is kept. */
function removeOtherCuts(paths: StackPaths, keep: number): void {
  for (const entry of readdirSync(paths.stateDir)) {
    const old = /^cut-(\d+)$/.exec(entry) !== null && entry !== `cut-${keep}`
    const legacy = entry.endsWith('.json') && entry !== 'cut.json'
    // A pointer's temp file left by a kill -9 mid-rename.
    const torn = entry.endsWith('.tmp')
    if (old || legacy || torn) rmSync(join(paths.stateDir, entry), { recursive: true, force: true })
  }
}
