import { PROFILE_NAME_PATTERN } from '../profiles/profile.js'
import { isMessageId } from '../protocol/event-words.js'
import { MessageState } from '../protocol/status.js'
import { badRequest } from './errors.js'
import type { HistoryQuery } from './source.js'

/**
 * The explorer's filters, from a URL's query. Each is checked here, so a typo is a clear 400
 * naming the filter and what it takes, never an empty list that looks like "no messages".
 */

/** The states a message can be listed in (UNKNOWN is "not found", never a row). */
export const LIST_STATES = Object.values(MessageState).filter((s) => s !== 'UNKNOWN')
const LIMIT_MAX = 1_000

export function messageQuery(params: URLSearchParams): HistoryQuery {
  onlyKnown(params, ['from', 'to', 'state', 'sender', 'limit', 'since', 'until'])
  const state = value(params, 'state')
  if (state !== undefined && !LIST_STATES.some((s) => s === state)) {
    throw badRequest(`unknown state '${state}'`, `the states: ${LIST_STATES.join(', ')}`)
  }
  const sender = value(params, 'sender')
  if (sender !== undefined && !/^0x[0-9a-fA-F]{40}$/.test(sender)) {
    throw badRequest(`'${sender}' is not an address`, 'a sender is 0x followed by 40 hex digits')
  }
  const limit = value(params, 'limit')
  if (limit !== undefined && !(/^\d+$/.test(limit) && Number(limit) >= 1 && Number(limit) <= LIMIT_MAX)) {
    throw badRequest(`limit '${limit}' is not a number from 1 to ${LIMIT_MAX}`, 'e.g. ?limit=200')
  }
  return {
    ...historyFilter(params, false),
    // CAST: checked against LIST_STATES just above.
    ...(state === undefined ? {} : { state: state as MessageState }),
    ...(sender === undefined ? {} : { sender: sender.toLowerCase() }),
    ...(limit === undefined ? {} : { limit: Number(limit) }),
  }
}

/** from, to (chain profile names), since, until (unix seconds or an ISO date). */
export function historyFilter(params: URLSearchParams, strict = true): HistoryQuery {
  if (strict) onlyKnown(params, ['from', 'to', 'since', 'until'])
  const chain = (name: 'from' | 'to') => {
    const v = value(params, name)
    if (v !== undefined && !PROFILE_NAME_PATTERN.test(v)) {
      throw badRequest(
        `${name} '${v}' is not a chain name`,
        'name a chain profile, as `ccip chains list` shows',
      )
    }
    return v
  }
  const from = chain('from')
  const to = chain('to')
  const since = time(params, 'since')
  const until = time(params, 'until')
  return {
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    ...(since === undefined ? {} : { since }),
    ...(until === undefined ? {} : { until }),
  }
}

/** `?chain=<profile>&token=<address>`: a token to show amounts of. */
export function tokenQuery(params: URLSearchParams): { chain: string; token: string } {
  onlyKnown(params, ['chain', 'token'])
  const chain = value(params, 'chain')
  const token = value(params, 'token')
  if (chain === undefined || !PROFILE_NAME_PATTERN.test(chain))
    throw badRequest(`chain '${chain ?? ''}' is not a chain name`, 'e.g. ?chain=alpha&token=0x…')
  if (token === undefined || !/^0x[0-9a-fA-F]{40}$/.test(token))
    throw badRequest(`token '${token ?? ''}' is not an address`, 'a token is 0x followed by 40 hex digits')
  return { chain, token: token.toLowerCase() }
}

/** A message id from a path: 0x + 64 hex digits, lower-cased. */
export function messageIdOf(raw: string): string {
  const id = decodeURIComponent(raw)
  if (!isMessageId(id)) {
    throw badRequest(
      `'${id.slice(0, 80)}' is not a message id`,
      'a message id is 0x followed by 64 hex digits, as `ccip send` prints it',
    )
  }
  return id.toLowerCase()
}

function time(params: URLSearchParams, name: string): number | undefined {
  const v = value(params, name)
  if (v === undefined) return undefined
  const seconds = /^\d+$/.test(v) ? Number(v) : Date.parse(v) / 1000
  if (!Number.isFinite(seconds)) {
    throw badRequest(`${name} '${v}' is not a time`, 'unix seconds or an ISO date, e.g. 2026-01-31T12:00:00Z')
  }
  return Math.floor(seconds)
}

/** Empty values are "no filter" (a form submits every field). */
function value(params: URLSearchParams, name: string): string | undefined {
  const all = params.getAll(name)
  if (all.length > 1) throw badRequest(`${name} is given ${all.length} times`, `give ${name} once`)
  const v = all[0]?.trim()
  return v === undefined || v === '' ? undefined : v
}

/** A query naming anything but `known` is refused (a typo'd filter must not be silently ignored). */
export function onlyKnown(params: URLSearchParams, known: string[]): void {
  for (const key of params.keys()) {
    if (!known.includes(key)) {
      throw badRequest(`unknown filter '${key.slice(0, 40)}'`, `the filters here: ${known.join(', ')}`)
    }
  }
}
