import { InvalidArgumentError } from 'commander'
import { describe, expect, it } from 'vitest'
import { pointInTime } from '../../src/ui/parse.js'

describe('--since/--until values', () => {
  const now = Date.parse('2026-12-07T12:00:00Z')
  const parse = pointInTime(() => now)
  const at = (iso: string) => Date.parse(iso) / 1000

  it('takes durations back from now, unix seconds and ISO dates', () => {
    expect(parse('30m')).toBe(at('2026-12-07T11:30:00Z'))
    expect(parse('6h')).toBe(at('2026-12-07T06:00:00Z'))
    expect(parse('7d')).toBe(at('2026-11-30T12:00:00Z'))
    expect(parse('1w')).toBe(at('2026-11-30T12:00:00Z'))
    expect(parse('1765000000')).toBe(1_765_000_000)
    expect(parse('2026-12-01')).toBe(at('2026-12-01T00:00:00Z'))
    expect(parse('2026-12-01T08:30:00Z')).toBe(at('2026-12-01T08:30:00Z'))
  })

  it('refuses anything else with the forms it takes', () => {
    for (const bad of ['yesterday', '12:00', '2026-13-45', '-1h', '1.5h', '', '30']) {
      expect(() => parse(bad), bad).toThrow(InvalidArgumentError)
    }
  })
})
