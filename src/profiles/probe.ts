import { rpcCall } from '../chain/rpc.js'
import { isUnreachable, redactUrlsIn } from '../chain/rpc-errors.js'

/**
 * Raw JSON-RPC for checking a node before a profile is saved. Deliberately not an ethers
 * provider on HTTP: its network detection retries forever and prints to stdout. Over WebSocket we
 * do use ethers (Node 20 has no WebSocket of its own), with a static network so it never detects.
 */
export interface RawRpc {
  call(method: string, params: unknown[]): Promise<unknown>
  close(): Promise<void>
}

/** Why a call failed: the node could not be reached at all, or it answered with an error. */
export class RpcFailure extends Error {
  override name = 'RpcFailure'
  constructor(
    readonly kind: 'unreachable' | 'rejected',
    message: string,
  ) {
    super(message)
  }
}

export async function openRawRpc(url: URL, timeoutMs: number, signal?: AbortSignal): Promise<RawRpc> {
  if (url.protocol === 'ws:' || url.protocol === 'wss:') return openSocket(url, timeoutMs, signal)
  return {
    call: (method, params) =>
      raceAbort(
        rpcCall<unknown>(url.href, method, params, timeoutMs).catch((error: unknown) => {
          throw classifyHttp(error, timeoutMs)
        }),
        signal,
      ),
    close: async () => {},
  }
}

function classifyHttp(error: unknown, timeoutMs: number): RpcFailure {
  if (!(error instanceof Error)) return new RpcFailure('unreachable', String(error))
  // The node:http transport, Node's errno errors and timeouts: no answer came at all. Anything
  // else is the node's JSON-RPC answer (a revert, an unknown method).
  if (isUnreachable(error)) {
    const text = error.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : error.message
    return new RpcFailure('unreachable', redactUrlsIn(text))
  }
  return new RpcFailure('rejected', redactUrlsIn(error.message))
}

async function openSocket(url: URL, timeoutMs: number, signal?: AbortSignal): Promise<RawRpc> {
  const { Network, WebSocketProvider } = await import('ethers')
  const network = new Network('unknown', 0n)
  const provider = new WebSocketProvider(url.href, undefined, { staticNetwork: network })
  let failSocket: ((error: RpcFailure) => void) | undefined
  const socketFailed = new Promise<never>((_, reject) => {
    failSocket = reject
  })
  socketFailed.catch(() => {}) // observed through the race in call(); never unhandled
  // Without a listener, a refused connection is an uncaught 'error' event that ends the process.
  provider.websocket.onerror = (event: unknown) => {
    const text =
      typeof event === 'object' && event !== null && 'message' in event ? String(event.message) : undefined
    failSocket?.(new RpcFailure('unreachable', text ?? 'the WebSocket connection failed'))
  }
  return {
    async call(method, params) {
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new RpcFailure('unreachable', `no answer within ${timeoutMs / 1000} s`)),
          timeoutMs,
        )
      })
      try {
        const sent = provider.send(method, params).catch((error: unknown) => {
          throw new RpcFailure('rejected', errorText(error))
        })
        return await raceAbort(Promise.race([sent, timeout, socketFailed]), signal)
      } finally {
        clearTimeout(timer)
      }
    },
    close: () => provider.destroy(),
  }
}

function errorText(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error)
  const short = 'shortMessage' in error ? error.shortMessage : 'message' in error ? error.message : undefined
  return typeof short === 'string' ? short : String(error)
}

function raceAbort<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (signal === undefined) return promise
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}
