import { launchBrowser, startExplorerCli } from '../helpers/browser.js'
import type { Record, Row } from './run.js'

const LOADS = 5

/** What the page measured: the mark its script sets once the rows are in the DOM, and first paint. */
interface PaintTimes {
  rows: number | null
  fcp: number | null
  shown: number
}

/**
 * Runs in the page. A function, not a string: the explorer's Content-Security-Policy forbids eval,
 * which Playwright needs for a string (a function goes over the DevTools protocol as is).
 */
function paintTimes(): PaintTimes {
  const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? null
  // CAST: the page's document; the bench compiles without DOM types.
  const { document } = globalThis as unknown as {
    document: { body: { getAttribute(n: string): string | null } }
  }
  return {
    rows: at('ccip:rows'),
    fcp: at('first-contentful-paint'),
    shown: Number(document.body.getAttribute('data-rows') ?? 0),
  }
}

const painted = (): boolean =>
  performance.getEntriesByName('first-contentful-paint').length > 0 &&
  performance.getEntriesByName('ccip:rows').length > 0

/**
 * The explorer's first paint (issue 13: ≤ 500 ms with 10,000 messages on the stack), against the
 * stack already running in `home`: `ccip explorer` started as a user starts it, `/` loaded in
 * headless Chromium 5 times, each a fresh page. A load counts from navigation start to the first
 * paint that shows the list with its rows: the later of the page's `ccip:rows` mark (rows in the
 * DOM) and first-contentful-paint. The explorer's first history read (it starts one when it
 * starts listening) is reported apart.
 */
export async function benchExplorer(home: string, record: Record, rows: Row[]): Promise<void> {
  const explorer = await startExplorerCli(home)
  const browser = await launchBrowser()
  try {
    const warm = performance.now()
    const first = await fetch(new URL('/api/messages?limit=100', explorer.url))
    if (!first.ok) throw new Error(`explorer: /api/messages answered ${first.status}: ${await first.text()}`)
    const warmMs = performance.now() - warm
    const paints: number[] = []
    let shown = 0
    for (let i = 0; i < LOADS; i++) {
      const page = await browser.newPage()
      const answer = await page.goto(explorer.url, { waitUntil: 'load' })
      if (answer?.status() !== 200) throw new Error(`explorer: / answered ${answer?.status()}`)
      await page.waitForFunction(painted)
      const times = await page.evaluate(paintTimes)
      if (times.rows === null || times.fcp === null) throw new Error('explorer: the page set no paint marks')
      paints.push(Math.max(times.rows, times.fcp))
      shown = times.shown
      await page.close()
    }
    record('explorer `/`: navigation to first paint of the message list', paints, 'ms', 500)
    rows.push({
      metric: `  ${shown} rows painted; the explorer's first history read (GET /api/messages) ${warmMs.toFixed(0)} ms`,
      value: 0,
      unit: '',
      target: '',
      ok: true,
      runs: 0,
    })
  } finally {
    await browser.close()
    await explorer.stop()
  }
}
