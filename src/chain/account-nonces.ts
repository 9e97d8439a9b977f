import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CcipError, ErrorCode } from '../errors.js'
import { writeJsonAtomic } from '../fs-atomic.js'
import { isAlive } from '../stack/processes.js'
import { sleep } from '../time.js'

/**
 * Nonces for one account shared by many processes. Scripts run `ccip send` in parallel from one
 * account; each asking the node for its pending nonce gets the same number, and all but one
 * transaction fail ("nonce has already been used", "replacement fee too low"). So the few
 * milliseconds from reading the nonce to handing the signed transactions to the node are made
 * exclusive per (chain, account) with a lock file, and the next free nonce is also written down:
 * a load-balanced public RPC may not yet count a transaction another process just sent.
 */
export interface NonceWindow {
  /** The first nonce this holder may use. */
  next: number
  /** Whether transactions of this account are still unmined (pending > latest). */
  inFlight: boolean
}

export interface NonceSource {
  /** [pending, latest] transaction counts of the account, as the node sees them. */
  counts(): Promise<[pending: number, latest: number]>
}

/** Held longer than this, a lock is taken for abandoned (a hung or frozen holder). */
const STALE_LOCK_MS = 60_000
/** How long a written-down nonce is trusted over the node's count. */
const LEDGER_TRUST_MS = 120_000
const WAIT_LIMIT_MS = 180_000

interface Ledger {
  next: number
  /** The node's pending count when it was written: a lower count now means the chain was reset. */
  pendingSeen: number
  at: number
}

/**
 * Run `use` with the account's next nonces to itself; `use` returns how many it consumed (the
 * transactions it handed to the node). Without `dir` only the node's pending count is used.
 */
export async function withAccountNonces<T>(
  dir: string | undefined,
  chainId: bigint | number,
  address: string,
  nodes: NonceSource,
  use: (window: NonceWindow) => Promise<{ used: number; result: T }>,
  signal?: AbortSignal,
): Promise<T> {
  const key = `${chainId}-${address.toLowerCase()}`
  const release = dir === undefined ? () => undefined : await acquire(join(dir, `${key}.lock`), signal)
  try {
    const [pending, latest] = await nodes.counts()
    const ledgerFile = dir === undefined ? undefined : join(dir, `${key}.nonce.json`)
    const ledger = ledgerFile === undefined ? undefined : readLedger(ledgerFile)
    const trusted =
      ledger !== undefined &&
      Date.now() - ledger.at < LEDGER_TRUST_MS &&
      pending >= ledger.pendingSeen &&
      ledger.next > pending
    const next = trusted ? ledger.next : pending
    const { used, result } = await use({ next, inFlight: next > latest })
    if (ledgerFile !== undefined && used > 0) {
      writeJsonAtomic(ledgerFile, {
        next: next + used,
        pendingSeen: pending,
        at: Date.now(),
      } satisfies Ledger)
    }
    return result
  } finally {
    release()
  }
}

/**
 * Forget every nonce written down in `dir`: the chains were reverted (a stack snapshot), so the
 * accounts' counts went back to numbers the ledger cannot tell from ones it has seen.
 */
export function forgetNonces(dir: string): void {
  if (!existsSync(dir)) return
  for (const name of readdirSync(dir))
    if (name.endsWith('.nonce.json')) rmSync(join(dir, name), { force: true })
}

async function acquire(file: string, signal: AbortSignal | undefined): Promise<() => void> {
  mkdirSync(join(file, '..'), { recursive: true })
  const deadline = Date.now() + WAIT_LIMIT_MS
  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted()
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' })
      return () => rmSync(file, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    if (abandoned(file)) {
      rmSync(file, { force: true })
      continue
    }
    if (Date.now() > deadline) {
      throw new CcipError(ErrorCode.Timeout, 'another ccip command kept this account busy for 3 minutes', {
        hint: `if no other ccip command is running, remove ${file}`,
      })
    }
    // Short, jittered waits: a holder needs only the time to sign and hand over its transactions.
    await sleep(5 + Math.random() * Math.min(50, 5 * attempt))
  }
}

function abandoned(file: string): boolean {
  try {
    const owner = Number(readFileSync(file, 'utf8'))
    if (Number.isInteger(owner) && owner > 0 && !isAlive(owner)) return true
    return Date.now() - statSync(file).mtimeMs > STALE_LOCK_MS
  } catch {
    return false // released meanwhile: try again
  }
}

function readLedger(file: string): Ledger | undefined {
  try {
    const ledger = JSON.parse(readFileSync(file, 'utf8')) as Partial<Ledger>
    const ok = [ledger.next, ledger.pendingSeen, ledger.at].every((n) => typeof n === 'number')
    return ok ? (ledger as Ledger) : undefined
  } catch {
    return undefined
  }
}
