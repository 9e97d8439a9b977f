import { Worker } from 'node:worker_threads'
import type { Log } from './loop.js'

/**
 * Runs the history worker (history-worker.ts) until `signal` aborts; resolves when it has ended.
 * Its own thread: a digest's first read of a long chain is seconds of synchronous work that must
 * not hold up mining, the archiver or a node duty. A worker that dies is not started again (the
 * history is a cache; `ccip stats` reads what the digests lack).
 */
export function keepHistoryInBackground(home: string, signal: AbortSignal, log: Log): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const worker = new Worker(new URL('./history-worker.js', import.meta.url), { workerData: { home } })
    // Stopped at once, even mid-read: it holds nothing that matters (a digest is written atomically,
    // and a temp file left by a cut-off write is swept by the next `local up`).
    const stop = () => void worker.terminate()
    signal.addEventListener('abort', stop, { once: true })
    worker.on('error', (error) => log(`history worker failed: ${error.stack ?? error.message}`))
    worker.on('exit', () => {
      signal.removeEventListener('abort', stop)
      resolve()
    })
  })
}
