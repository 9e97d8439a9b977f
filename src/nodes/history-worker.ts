/**
 * The local stack's message history kept current, in a worker thread of the node process
 * (history-keeper.ts starts it): every few seconds each chain's digest under the home
 * (`history/`, history/digest.ts) takes in the blocks mined since, exactly as `ccip stats` would
 * read them. The first `ccip stats` or explorer page after a long run then reads a few blocks, not
 * the chains' whole archives. Only a cache: a round that fails (a chain restarting for memory, a
 * cut) is simply tried again next time.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { createContext } from '../context.js'
import { describeError } from '../errors.js'
import { keepHistory } from '../history/history.js'
import { sleep } from '../time.js'

/** How often the digests take in new blocks (each digest file is written at most every 15 s). */
const KEEP_EVERY_MS = 5_000

if (parentPort === null) throw new Error('history-worker.js runs as a worker thread of the node process')
// CAST: history-keeper.ts passes exactly this.
const { home } = workerData as { home: string }
const ctx = createContext(home)
const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`)
let lastProblem = ''
// Until the node process terminates this thread (history-keeper.ts).
for (;;) {
  await sleep(KEEP_EVERY_MS)
  try {
    await keepHistory(ctx)
    lastProblem = ''
  } catch (error) {
    // Said once per kind of problem: a chain restarting fails a few rounds in a row.
    const problem = describeError(error)
    if (problem !== lastProblem) log(`history: ${problem} (tried again in ${KEEP_EVERY_MS / 1000} s)`)
    lastProblem = problem
  }
}
