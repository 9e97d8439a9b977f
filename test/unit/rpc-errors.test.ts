import { describe, expect, it } from 'vitest'
import { RpcError, TransportError } from '../../src/chain/json-rpc.js'
import { isUnreachable, redactUrl, redactUrlsIn, rpcUnreachable } from '../../src/chain/rpc-errors.js'
import { formatError } from '../../src/ui/output.js'

/** RPC URLs carry API keys: errors show scheme and host only. */
const KEYED = 'https://user:pw@eth-mainnet.example.com/v2/SECRETKEY?apikey=SECRET2'

describe('redactUrl', () => {
  it.each([
    [KEYED, 'https://eth-mainnet.example.com/…'],
    ['http://127.0.0.1:18545', 'http://127.0.0.1:18545'],
    ['http://127.0.0.1:18545/', 'http://127.0.0.1:18545'],
    ['wss://node.example/ws/KEY', 'wss://node.example/…'],
    ['not a url', '<invalid URL>'],
  ])('%s → %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown)
  })

  it('redacts every URL inside a foreign text, and nothing else', () => {
    const text = `request to ${KEYED} failed (requestUrl="${KEYED}") at 127.0.0.1:8545`
    const out = redactUrlsIn(text)
    expect(out).not.toMatch(/SECRET|pw@/)
    expect(out).toContain('https://eth-mainnet.example.com/…')
    expect(out).toContain('at 127.0.0.1:8545')
  })
})

describe('isUnreachable', () => {
  const errno = (code: string) => Object.assign(new Error(`connect ${code}`), { code })
  it.each([
    ['our node:http transport', new TransportError('socket hang up')],
    ['ECONNREFUSED', errno('ECONNREFUSED')],
    ['ENOTFOUND', errno('ENOTFOUND')],
    [
      'fetch: TypeError with the errno as cause',
      new TypeError('fetch failed', { cause: errno('ECONNRESET') }),
    ],
    ['ethers TIMEOUT', Object.assign(new Error('timeout'), { code: 'TIMEOUT' })],
  ])('%s: no answer', (_what, error) => {
    expect(isUnreachable(error)).toBe(true)
  })
  it.each([
    ['a JSON-RPC error (a revert)', new RpcError('eth_call: execution reverted', 3, '0x')],
    ['a plain error', new Error('eth_getLogs: query exceeds max block range 200')],
  ])('%s: an answer', (_what, error) => {
    expect(isUnreachable(error)).toBe(false)
  })
})

describe('rpcUnreachable', () => {
  it('names the chain and its host, never the key, with the hint for its kind of profile', () => {
    const remote = rpcUnreachable({ name: 'mainnet', rpcUrl: KEYED, local: false }, new Error(`GET ${KEYED}`))
    expect(remote.code).toBe('RPC_UNREACHABLE')
    expect(remote.details).toEqual({ chain: 'mainnet' })
    expect(remote.hint).toContain('ccip chains show mainnet')
    const local = rpcUnreachable({ name: 'alpha', rpcUrl: 'http://127.0.0.1:18545', local: true }, errorOf())
    expect(local.hint).toMatch(/local stack running/)
    for (const json of [true, false]) {
      const text = formatError(remote, { json, verbose: true })
      expect(text).toContain('eth-mainnet.example.com')
      expect(text).not.toMatch(/SECRET|pw@/)
    }
  })
})

function errorOf(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:18545'), { code: 'ECONNREFUSED' })
}
