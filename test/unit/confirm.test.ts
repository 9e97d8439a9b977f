import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { CcipError } from '../../src/errors.js'
import { confirmDangerous } from '../../src/ui/confirm.js'

const ctx = (interactive: boolean) => ({ interactive, signal: new AbortController().signal })
function streams(answer?: string) {
  const input = new PassThrough()
  const output = new PassThrough()
  let written = ''
  output.on('data', (d: Buffer) => {
    written += d.toString()
    if (answer !== undefined && written.includes('to confirm:')) input.write(`${answer}\n`)
  })
  return { io: { input, output }, written: () => written }
}
const opts = { summary: 'Set the CCIP-BnM limits on alpha', typeToConfirm: 'alpha' }

describe('confirmDangerous', () => {
  it('--yes skips the question', async () => {
    const s = streams()
    await confirmDangerous(ctx(false), { ...opts, yes: true }, s.io)
    expect(s.written()).toBe('')
  })

  it('refuses without a terminal: exit 2, CONFIRMATION_REQUIRED, a hint naming --yes', async () => {
    const error = await confirmDangerous(ctx(false), opts, streams().io).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CcipError)
    expect(error).toMatchObject({ code: 'CONFIRMATION_REQUIRED', exitCode: 2 })
    expect(error instanceof CcipError ? error.hint : '').toContain('--yes')
  })

  it('shows the summary and goes on when the user types the word', async () => {
    const s = streams('alpha')
    await confirmDangerous(ctx(true), opts, s.io)
    expect(s.written()).toContain('Set the CCIP-BnM limits on alpha')
    expect(s.written()).toContain('Type alpha to confirm:')
  })

  it('aborts (exit 1, NOT_CONFIRMED) on any other answer', async () => {
    const error = await confirmDangerous(ctx(true), opts, streams('beta').io).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'NOT_CONFIRMED', exitCode: 1 })
  })
})
