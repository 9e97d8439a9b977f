import { CcipError, describeError, ErrorCode } from '../errors.js'

/**
 * The one place that turns a node that cannot be used into a user-facing error, and the one
 * place that formats an RPC URL for a message. RPC URLs routinely carry an API key in the path,
 * the query or the user-info, so an error shows the scheme and host only.
 */

/** `https://host[:port]`, plus `/…` when a path or query was dropped. Not a URL: the input text. */
export function redactUrl(url: string | URL): string {
  let parsed: URL
  try {
    parsed = typeof url === 'string' ? new URL(url) : url
  } catch {
    return '<invalid URL>'
  }
  const hidden = (parsed.pathname !== '/' && parsed.pathname !== '') || parsed.search !== ''
  return `${parsed.protocol}//${parsed.host}${hidden ? '/…' : ''}`
}

/** Every http(s)/ws(s) URL inside `text`, redacted: for texts we did not write (causes, stacks). */
export function redactUrlsIn(text: string): string {
  return text.replace(/\b(?:https?|wss?):\/\/[^\s"'`<>)\]}]+/gi, (match) => redactUrl(match))
}

/** Errno codes of a connection that never delivered an answer. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
])

/**
 * Did the node fail to answer at all (as opposed to answering with a JSON-RPC error)? Knows the
 * shapes of every transport we use: our node:http TransportError, Node's errno errors (also as
 * the `cause` of fetch's TypeError or ethers' wrappers), and ethers' TIMEOUT / SERVER_ERROR.
 */
export function isUnreachable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    // CAST: probing optional fields of an unknown error object.
    const { name, code, cause } = e as { name?: unknown; code?: unknown; cause?: unknown }
    if (name === 'TransportError' || name === 'TimeoutError') return true
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code === 'TIMEOUT')) return true
    if (code === 'SERVER_ERROR') return true
    e = cause
  }
  return false
}

/** What we need of a chain profile to name it in an error. */
export interface ChainRef {
  name: string
  rpcUrl: string
  local: boolean
}

/** RPC_UNREACHABLE naming the chain (details.chain) and its host, with the hint that fits. */
export function rpcUnreachable(chain: ChainRef, cause: unknown): CcipError {
  if (cause instanceof CcipError) return cause
  const reason = redactUrlsIn(describeError(cause))
  return new CcipError(
    ErrorCode.RpcUnreachable,
    `Chain '${chain.name}' does not answer at ${redactUrl(chain.rpcUrl)} (${reason})`,
    {
      hint: chain.local
        ? 'is the local stack running? Start it with `ccip local up`'
        : `check that the node is up and the profile's RPC URL is right (\`ccip chains show ${chain.name}\`)`,
      details: { chain: chain.name },
      cause,
    },
  )
}
