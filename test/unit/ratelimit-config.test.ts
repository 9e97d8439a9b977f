import { describe, expect, it } from 'vitest'
import { CcipError } from '../../src/errors.js'
import {
  compareDecimal,
  parseLimitChange,
  toConfig,
  validateConfig,
} from '../../src/operator/ratelimit-config.js'

const usageHint = (fn: () => unknown): string => {
  try {
    fn()
  } catch (error) {
    if (!(error instanceof CcipError)) throw error
    expect(error.exitCode).toBe(2)
    return error.hint ?? ''
  }
  throw new Error('expected a usage error')
}

describe('rate-limit values, checked like TokenPool 1.6.1 checks them', () => {
  it('parses one direction with capacity and rate, or --disable', () => {
    expect(parseLimitChange({ outbound: true, capacity: '10', rate: '2.5' })).toEqual({
      direction: 'outbound',
      disable: false,
      capacity: '10',
      rate: '2.5',
    })
    expect(parseLimitChange({ inbound: true, disable: true })).toEqual({
      direction: 'inbound',
      disable: true,
    })
  })

  it('refuses a missing or double direction, half a config, and --disable with values', () => {
    expect(usageHint(() => parseLimitChange({ capacity: '1', rate: '1' }))).toContain('--outbound')
    expect(usageHint(() => parseLimitChange({ outbound: true, inbound: true, disable: true }))).toContain(
      '--outbound',
    )
    expect(usageHint(() => parseLimitChange({ outbound: true, capacity: '1' }))).toContain('rate ≤ capacity')
    expect(usageHint(() => parseLimitChange({ outbound: true, disable: true, rate: '0' }))).toContain(
      'capacity 0 and rate 0',
    )
    expect(usageHint(() => parseLimitChange({ outbound: true, capacity: '-1', rate: '0' }))).toContain(
      'non-negative',
    )
    expect(usageHint(() => parseLimitChange({ outbound: true, capacity: '1e3', rate: '0' }))).toContain(
      'non-negative',
    )
  })

  it('enforces rate ≤ capacity exactly, accepting the edges the deployed pool accepts', () => {
    expect(
      usageHint(() => parseLimitChange({ outbound: true, capacity: '10', rate: '10.000001' })),
    ).toContain('rate ≤ capacity')
    expect(() => parseLimitChange({ outbound: true, capacity: '10', rate: '10.000' })).not.toThrow()
    expect(() => parseLimitChange({ outbound: true, capacity: '0', rate: '0' })).not.toThrow()
    expect(() => parseLimitChange({ outbound: true, capacity: '5', rate: '0' })).not.toThrow()
  })

  it('compares decimals without floating point', () => {
    expect(compareDecimal('0.3', '0.30')).toBe(0)
    expect(compareDecimal('.5', '0.49999999999999999999')).toBe(1)
    expect(compareDecimal('100000000000000000000001', '100000000000000000000000.9')).toBe(1)
    expect(compareDecimal('9', '10')).toBe(-1)
  })

  it('scales to the token decimals and refuses extra precision or values beyond uint128', () => {
    const change = parseLimitChange({ outbound: true, capacity: '1000.5', rate: '.25' })
    expect(toConfig(change, 18, 'X')).toEqual({
      isEnabled: true,
      capacity: 10005n * 10n ** 17n,
      rate: 25n * 10n ** 16n,
    })
    expect(toConfig(change, 6, 'X')).toEqual({ isEnabled: true, capacity: 1_000_500_000n, rate: 250_000n })
    expect(toConfig(parseLimitChange({ inbound: true, disable: true }), 18, 'X')).toEqual({
      isEnabled: false,
      capacity: 0n,
      rate: 0n,
    })
    const tooPrecise = parseLimitChange({ outbound: true, capacity: '1.0000001', rate: '1' })
    expect(usageHint(() => toConfig(tooPrecise, 6, 'USDC'))).toContain('6 decimals')
    const huge = parseLimitChange({ outbound: true, capacity: (2n ** 128n).toString(), rate: '1' })
    expect(() => toConfig(huge, 0, 'X')).toThrow(/uint128/)
  })

  it('validates a config as the pool would', () => {
    expect(() => validateConfig({ isEnabled: true, capacity: 1n, rate: 1n })).not.toThrow()
    expect(() => validateConfig({ isEnabled: true, capacity: 1n, rate: 2n })).toThrow(/above capacity/)
    expect(() => validateConfig({ isEnabled: false, capacity: 1n, rate: 0n })).toThrow(/disabled/)
  })
})
