import { CcipError, ErrorCode, ExitCode } from '../errors.js'
import type { MessageStatusResult } from '../messages/status.js'
import { historyFilter, messageIdOf, messageQuery, onlyKnown, tokenQuery } from './query.js'
import type { ExplorerSource } from './source.js'

/**
 * The explorer's JSON API: every page reads only this, and this reads only the library's client
 * (through ExplorerSource). Each route returns data or throws a CcipError; the server turns that
 * into `{ error: { code, message, hint } }` with the matching HTTP status.
 */
export type ApiRoute = (source: ExplorerSource, params: URLSearchParams, rest: string) => Promise<unknown>

const noQuery = (params: URLSearchParams) => onlyKnown(params, [])

export const API_ROUTES: Record<string, ApiRoute> = {
  overview: async (source, params) => {
    noQuery(params)
    return source.overview()
  },
  lanes: async (source, params) => {
    noQuery(params)
    return (await source.overview()).lanes
  },
  curses: async (source, params) => {
    noQuery(params)
    return (await source.overview()).curses
  },
  nodes: async (source, params) => {
    noQuery(params)
    const { localStack, nodes, chains, unreachable } = await source.overview()
    return { localStack, nodes, chains, unreachable }
  },
  messages: async (source, params, rest) => {
    if (rest !== '') {
      noQuery(params)
      return messageView(await readMessage(source, rest))
    }
    return source.messages(messageQuery(params))
  },
  stats: async (source, params) => source.stats(historyFilter(params)),
  tokens: async (source, params) => {
    const { chain, token } = tokenQuery(params)
    return { chain, token, ...((await source.tokenInfo(chain, token)) ?? { symbol: null, decimals: null }) }
  },
}

/** One message by id; UNKNOWN is a 404 that says where it was looked for. */
export async function readMessage(source: ExplorerSource, rawId: string): Promise<MessageStatusResult> {
  const id = messageIdOf(rawId)
  const status = await source.message(id)
  if (status.state === 'UNKNOWN') {
    throw new CcipError(ErrorCode.MessageNotFound, `no chain has message ${id}`, {
      hint: 'check the id (`ccip send` prints it); a message of another network needs its chains as profiles (`ccip chains add`)',
      exitCode: ExitCode.NotFound,
    })
  }
  return status
}

/** The status as the page draws it, with the command that executes a failed message by hand. */
export function messageView(status: MessageStatusResult) {
  return {
    ...status,
    ...(status.state === 'FAILURE' ? { manualExec: `ccip manual-exec ${status.messageId}` } : {}),
  }
}
