import { messageView, readMessage } from './api.js'
import { badRequest } from './errors.js'
import { page } from './html.js'
import { LANES_SCRIPT } from './pages/lanes.js'
import { LIST_SCRIPT } from './pages/list.js'
import { MESSAGE_SCRIPT } from './pages/message.js'
import { STATS_SCRIPT } from './pages/stats.js'
import { historyFilter, messageQuery, onlyKnown } from './query.js'
import type { ExplorerSource } from './source.js'

/**
 * The pages, by the first word of their path. Each reads its first data on the server through
 * the same calls as the JSON API (so a bad filter or an unknown id is a 400/404 page, and the rows
 * are in the HTML), then its script keeps it live from the API.
 */
type PageRoute = (
  source: ExplorerSource,
  params: URLSearchParams,
  rest: string,
  nonce: string,
) => Promise<string>

/** The list shows this many rows first; "Show more" asks for more. */
const FIRST_ROWS = 100

const noRest = (rest: string, path: string) => {
  if (rest !== '')
    throw badRequest(
      `there is no page /${path}/${rest.slice(0, 80)}`,
      'the explorer has /, /message/<id>, /lanes and /stats',
    )
}

export const PAGES: Record<string, PageRoute> = {
  '': async (source, params, rest, nonce) => {
    noRest(rest, '')
    const query = messageQuery(params)
    const limit = query.limit ?? FIRST_ROWS
    const rows = await source.listForPage({ ...query, limit })
    return page({
      title: 'Messages',
      section: 'messages',
      nonce,
      initial: { query, limit, rows },
      script: LIST_SCRIPT,
    })
  },
  message: async (source, params, rest, nonce) => {
    onlyKnown(params, [])
    const status = await readMessage(source, rest)
    return page({
      title: `Message ${status.messageId.slice(0, 10)}…`,
      section: 'messages',
      nonce,
      initial: messageView(status),
      script: MESSAGE_SCRIPT,
    })
  },
  lanes: async (source, params, rest, nonce) => {
    noRest(rest, 'lanes')
    onlyKnown(params, [])
    const overview = await source.overview()
    return page({ title: 'Lanes & nodes', section: 'lanes', nonce, initial: overview, script: LANES_SCRIPT })
  },
  stats: async (source, params, rest, nonce) => {
    noRest(rest, 'stats')
    const query = historyFilter(params)
    const report = await source.stats(query)
    return page({ title: 'Stats', section: 'stats', nonce, initial: { query, report }, script: STATS_SCRIPT })
  },
}
