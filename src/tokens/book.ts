import { join } from 'node:path'
import { corruptFile, readJson, writeJsonAtomic } from '../fs-atomic.js'

/**
 * The token book ($CCIPKIT_HOME/tokens.json): where each of the user's own tokens lives on each
 * chain, and its pool there once one is deployed. A token that is not registered with CCIP yet has
 * no other name than its addresses, so `ccip token deploy` and `token pool deploy` write here and
 * `--token SYMBOL` reads here first. Entries are hints, never trusted: every reader checks the
 * contract on chain (a reset local stack leaves stale ones).
 */
export interface BookEntry {
  chainId: string
  token: string
  pool?: string
  /** A 2.0 lock/release pool's ERC20LockBox. */
  lockBox?: string
}

interface BookFile {
  version: 1
  /** symbol → chain profile name → entry. */
  tokens: Record<string, Record<string, BookEntry>>
}

const HINT = 'fix or delete the file: it only remembers addresses (`ccip token show` reads the chains)'

export const bookPath = (home: string): string => join(home, 'tokens.json')

function readBook(home: string): BookFile {
  const path = bookPath(home)
  const book = readJson<BookFile>(path, HINT)
  if (book === undefined) return { version: 1, tokens: {} }
  if (book.version !== 1 || typeof book.tokens !== 'object' || book.tokens === null)
    throw corruptFile(path, 'not a token book this version of ccip wrote', HINT)
  return book
}

/** The book's entries of `symbol` (exact, else case-insensitive when unambiguous), by chain name. */
export function bookEntries(home: string, symbol: string): Record<string, BookEntry> | undefined {
  const { tokens } = readBook(home)
  const exact = tokens[symbol]
  if (exact !== undefined) return exact
  const loose = Object.keys(tokens).filter((s) => s.toLowerCase() === symbol.toLowerCase())
  return loose.length === 1 ? tokens[loose[0]!] : undefined
}

/** Every symbol in the book. */
export const bookSymbols = (home: string): string[] => Object.keys(readBook(home).tokens)

/** Remember (merge) what is now known of `symbol` on some chains. */
export function recordInBook(home: string, symbol: string, entries: Record<string, BookEntry>): void {
  const book = readBook(home)
  const known = book.tokens[symbol] ?? {}
  for (const [chain, entry] of Object.entries(entries)) {
    const before = known[chain]
    // A new token address on a chain starts over: its old pool belonged to the old token.
    known[chain] =
      before === undefined || before.token.toLowerCase() !== entry.token.toLowerCase()
        ? entry
        : { ...before, ...entry }
  }
  book.tokens[symbol] = known
  writeJsonAtomic(bookPath(home), book)
}
