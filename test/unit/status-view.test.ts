import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { hexlify, Interface, randomBytes } from 'ethers'
import { render } from 'ink-testing-library'
import { createElement } from 'react'
import { describe, expect, it } from 'vitest'
import { ccipAbi } from '../../src/chain/artifacts.js'
import { describeFailure } from '../../src/messages/failure.js'
import type { MessageStatusResult } from '../../src/messages/status.js'
import { packageRoot } from '../../src/package-root.js'
import { StatusView } from '../../src/ui/StatusView.js'
import { renderStatus, statusJson } from '../../src/ui/status.js'

const offRamp = new Interface(ccipAbi('offRamp'))
const receiver = new Interface(
  JSON.parse(readFileSync(join(packageRoot(), 'fixtures/contracts/artifacts/RevertingReceiver.json'), 'utf8'))
    .abi,
)
const id = hexlify(randomBytes(32))
const tx = () => hexlify(randomBytes(32))

function status(
  phases: MessageStatusResult['phases'],
  extra: Partial<MessageStatusResult> = {},
): MessageStatusResult {
  return {
    messageId: id,
    version: '1.6',
    state: phases[phases.length - 1]?.state ?? 'UNKNOWN',
    sourceChain: 'alpha',
    destChain: 'beta',
    sequenceNumber: 12n,
    nonce: 0n,
    phases,
    ...extra,
  }
}
const sent = { state: 'SENT' as const, txHash: tx(), blockNumber: 100, timestamp: 1_000 }
const finalized = { state: 'SOURCE_FINALIZED' as const, txHash: null, blockNumber: 102, timestamp: 1_001 }

describe('why an execution failed', () => {
  it('decodes the receiver revert inside ReceiverError', () => {
    const inner = receiver.encodeErrorResult('Rejected', [id])
    const data = offRamp.encodeErrorResult('ReceiverError', [inner])
    expect(describeFailure(data)).toEqual({
      returnData: data,
      error: 'ReceiverError',
      receiverError: `Rejected(messageId=${id})`,
      reason: `the receiver reverted: Rejected(messageId=${id})`,
    })
  })

  it('flags empty revert data as a possible out-of-gas, at either level', () => {
    expect(describeFailure('0x').reason).toBe('no revert data (possibly out of gas)')
    const wrapped = describeFailure(offRamp.encodeErrorResult('ReceiverError', ['0x']))
    expect(wrapped.receiverError).toBe('no revert data (possibly out of gas)')
  })

  it('decodes Error(string) and shows unknown errors as raw hex', () => {
    const reason = new Interface(['error Error(string)']).encodeErrorResult('Error', ['nope'])
    expect(describeFailure(offRamp.encodeErrorResult('ReceiverError', [reason])).receiverError).toBe(
      'Error(arg0=nope)',
    )
    const unknown = `0x12345678${'00'.repeat(32)}`
    const failure = describeFailure(offRamp.encodeErrorResult('ReceiverError', [unknown]))
    expect(failure.receiverError).toBe(`unknown error 0x12345678 (data ${unknown})`)
  })
})

describe('status views', () => {
  it('--json has exactly the contract fields, integers as decimal strings', () => {
    const json = statusJson(status([sent, finalized]))
    expect(Object.keys(json)).toEqual([
      'messageId',
      'version',
      'state',
      'sourceChain',
      'destChain',
      'sequenceNumber',
      'nonce',
      'phases',
    ])
    expect(json.sequenceNumber).toBe('12')
    expect(json.nonce).toBe('0')
    expect(json.phases).toEqual([
      { state: 'SENT', txHash: sent.txHash, blockNumber: 100, timestamp: 1_000 },
      { state: 'SOURCE_FINALIZED', txHash: null, blockNumber: 102, timestamp: 1_001 },
    ])
    const failure = describeFailure('0x')
    expect(Object.keys(statusJson(status([sent], { state: 'FAILURE', failure })))).toContain('failure')
  })

  it('the text view names each phase with its chain, block and time taken', () => {
    const text = renderStatus(status([sent, finalized]))
    expect(text).toContain(`Message ${id}: SOURCE_FINALIZED`)
    expect(text).toMatch(/SENT +alpha +100 +0x[0-9a-f]{64} +1970-01-01 00:16:40Z/)
    expect(text).toMatch(/SOURCE_FINALIZED +alpha +102 +- +1970-01-01 00:16:41Z +\+1 s/)
    expect(text).toContain('0 (out of order)')
    expect(text).toContain('waiting for the commit DON')
  })

  it('the live view ticks off reached phases and spins on the next one', () => {
    const view = render(createElement(StatusView, { status: status([sent, finalized]) }))
    const frame = view.lastFrame() ?? ''
    view.unmount()
    const lines = frame.split('\n')
    expect(lines[0]).toContain(`Message ${id} alpha → beta (seq 12)`)
    expect(lines[1]).toMatch(/^✓ SENT +alpha block 100/)
    expect(lines[2]).toMatch(/^✓ SOURCE_FINALIZED +alpha block 102 .* \+1 s$/)
    expect(lines[3]).toMatch(/^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] COMMITTED/)
    expect(lines[4]).toMatch(/^· BLESSED/)
    expect(lines[5]).toMatch(/^· SUCCESS/)
  })

  it('the live view ends on ✗ FAILURE instead of SUCCESS', () => {
    const commit = { state: 'COMMITTED' as const, txHash: tx(), blockNumber: 50, timestamp: 1_002 }
    const failed = { state: 'FAILURE' as const, txHash: tx(), blockNumber: 51, timestamp: 1_003 }
    const view = render(
      createElement(StatusView, {
        status: status([sent, finalized, commit, { ...commit, state: 'BLESSED' }, failed]),
      }),
    )
    const frame = view.lastFrame() ?? ''
    view.unmount()
    expect(frame).toMatch(/✗ FAILURE +beta block 51/)
    expect(frame).not.toContain('SUCCESS')
  })
})
