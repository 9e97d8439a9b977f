import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Contract, ContractFactory, formatUnits, Wallet } from 'ethers'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from '../../src/api/client.js'
import { packageRoot } from '../../src/package-root.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import { launchBrowser, type RunningExplorer, screenshot, startExplorerCli } from '../helpers/browser.js'
import { fileStack } from '../helpers/stack.js'

/**
 * `ccip explorer` in a real browser (the system's headless Chromium) against a real mixed
 * 1.6 / 2.0 stack: the list shows what was sent and takes new messages without a reload, a
 * message page shows every phase with the transactions `ccip status` gives, a curse shows on
 * /lanes within 2 s, and bad input or a stopped stack gets a page that says what to do.
 * Screenshots of every page go to test-artifacts/explorer/.
 */
const stack = fileStack('explorer', { up: ['--ccip', 'mixed', '--instant'] })
// A second stack whose chains the first one's home adds as real networks (not local profiles).
const far = fileStack('explorer-far', { up: ['--chains', '2', '--instant'] })
let browser: Browser
let explorer: RunningExplorer
let page: Page
const ids = { v16: '', v20: '', failed: '' }

interface Sent {
  messageId: string
  version: string
}
interface StatusJson {
  state: string
  phases: { state: string; txHash: string | null }[]
}

const send = (to: string, data: string, ...extra: string[]) =>
  stack.json<Sent>('send', '--from', 'alpha', '--to', to, '--data', data, ...extra)

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  // alpha → beta runs 2.0 on the mixed stack, alpha → gamma 1.6.
  const [v20, v16] = [await send('beta', 'hello 2.0', '--wait'), await send('gamma', 'hello 1.6', '--wait')]
  expect([v20.version, v16.version]).toEqual(['2.0', '1.6'])
  ids.v20 = v20.messageId
  ids.v16 = v16.messageId
  // A 1.6 message to a receiver that reverts: FAILURE (the CLI exits 4 for it).
  const failing = await stack.cli([
    'send',
    '--from',
    'alpha',
    '--to',
    'gamma',
    '--receiver',
    await revertingReceiver('gamma'),
    '--data',
    '0xdead',
    '--wait',
    '--json',
  ])
  expect(failing.code, failing.stderr).toBe(4)
  ids.failed = (JSON.parse(failing.stdout) as Sent).messageId
  explorer = await startExplorerCli(stack.home)
}, 120_000)

afterAll(async () => {
  await explorer?.stop()
  await browser?.close()
})

const at = (path: string) => new URL(path, explorer.url).toString()

/** The first line `ccip watch` prints when its output is not a terminal. */
async function watchLine(home: string): Promise<string> {
  const watch = spawn(process.execPath, [join(packageRoot(), 'dist/bin/ccip.js'), 'watch'], {
    env: { ...process.env, CCIPKIT_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let text = ''
  watch.stderr.on('data', (d: Buffer) => {
    text += d.toString()
  })
  const deadline = Date.now() + 10_000
  while (!text.includes('cursed=') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
  watch.kill('SIGINT')
  await new Promise((r) => watch.on('exit', r))
  return text.split('\n').find((l) => l.includes('cursed=')) ?? text
}

/** A RevertingReceiver (fixtures/contracts, MIT) wired to the chain's Router. */
async function revertingReceiver(chain: string): Promise<string> {
  // CAST: a committed solc artifact (test/contracts/compile.ts writes them).
  const artifact = JSON.parse(
    readFileSync(join(packageRoot(), 'fixtures/contracts/artifacts/RevertingReceiver.json'), 'utf8'),
  ) as { abi: []; bytecode: string }
  const signer = new Wallet(devAccount(3).privateKey, stack.provider(chain))
  const receiver = await new ContractFactory(artifact.abi, artifact.bytecode, signer).deploy(
    stack.chain(chain).contracts.router,
    true,
  )
  await receiver.waitForDeployment()
  return receiver.getAddress()
}

describe('ccip explorer in headless Chromium', () => {
  it('lists the sent messages, and a new one appears without a reload', async () => {
    const answer = await page.goto(at('/'))
    expect(answer?.status()).toBe(200)
    // At first paint: the rows come in the HTML, not after a round trip.
    for (const id of [ids.v16, ids.v20]) expect(await page.locator(`tr[data-id="${id}"]`).count()).toBe(1)
    // A mark on the document (the test's lib has no DOM types: the page's globalThis is the window).
    await page.evaluate(() => Object.assign(globalThis, { sameDocument: true }))
    // Sent without waiting: the row appears, then its state moves on in place.
    // CAST: with --async, --json prints the messageId alone (a JSON string).
    const later = (await send('beta', 'later', '--async')) as unknown as string
    await page.waitForSelector(`tr[data-id="${later}"]`, { timeout: 10_000 })
    await page.waitForSelector(`tr[data-id="${later}"][data-state="SUCCESS"]`, { timeout: 20_000 })
    expect(await page.evaluate(() => (globalThis as { sameDocument?: boolean }).sameDocument)).toBe(true)
    expect(await page.textContent(`tr[data-id="${ids.v16}"]`)).toContain('alpha → gamma')
    // The fee in whole tokens of its own token, as the token itself says (ethers reads and formats).
    const { fee } = await stack.json<{ fee: { token: string; amount: string } }>('status', ids.v16)
    const token = new Contract(
      fee.token,
      ['function symbol() view returns (string)', 'function decimals() view returns (uint8)'],
      stack.provider('alpha'),
    )
    const [symbol, decimals] = await Promise.all([
      token.getFunction('symbol')(),
      token.getFunction('decimals')(),
    ])
    const [whole = '', fraction = ''] = formatUnits(fee.amount, decimals).split('.')
    const shown = `${Number(whole).toLocaleString('en-US')}${fraction === '0' ? '' : `.${fraction.slice(0, 6)}`} ${symbol}`
    await expect
      .poll(() => page.textContent(`tr[data-id="${ids.v16}"] td.fee`), { timeout: 5_000 })
      .toBe(shown)
    await screenshot(page, 'list')
  })

  it('filters the list by lane, state and sender', async () => {
    const shown = async (query: string) => {
      expect((await page.goto(at(`/${query}`)))?.status(), query).toBe(200)
      return page.$$eval('tr[data-id]', (rows) => rows.map((r) => r.getAttribute('data-id')))
    }
    const lane = await shown('?from=alpha&to=gamma')
    expect(lane).toContain(ids.v16)
    expect(lane).not.toContain(ids.v20)
    expect(await shown('?state=SUCCESS&sender=0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266')).toEqual(
      expect.arrayContaining([ids.v16, ids.v20]),
    )
    expect(await shown('?sender=0x70997970C51812dc3A010C7d01b50e0d17dc79C8')).toEqual([])
    expect(await page.textContent('#rows')).toContain('No messages match')
    expect(await shown('?state=FAILURE')).toEqual([ids.failed])
  })

  it('draws the stats as charts', async () => {
    expect((await page.goto(at('/stats')))?.status()).toBe(200)
    expect(Number(await page.getAttribute('body', 'data-messages'))).toBeGreaterThanOrEqual(3)
    for (const chart of ['#chart-timeline', '#chart-latency', '#chart-tokens']) {
      expect(await page.locator(`svg${chart}`).count(), chart).toBe(1)
    }
    expect(await page.locator('#chart-timeline rect.bar').count()).toBeGreaterThan(0)
    await screenshot(page, 'stats')
  })

  it('shows every phase of a 1.6 and of a 2.0 message with its transaction', async () => {
    const expected = {
      v16: ['SENT', 'SOURCE_FINALIZED', 'COMMITTED', 'BLESSED', 'SUCCESS'],
      v20: ['SENT', 'SOURCE_FINALIZED', 'VERIFIED', 'SUCCESS'],
    }
    for (const version of ['v16', 'v20'] as const) {
      const id = ids[version]
      const status = await stack.json<StatusJson>('status', id)
      expect(status.phases.map((p) => p.state)).toEqual(expected[version])
      expect((await page.goto(at(`/message/${id}`)))?.status()).toBe(200)
      expect(await page.textContent('#message-id')).toBe(id)
      for (const phase of status.phases) {
        const row = page.locator(`li[data-phase="${phase.state}"]`)
        expect((await row.getAttribute('class')) ?? '', phase.state).not.toContain('pending')
        expect(await row.getAttribute('data-tx'), phase.state).toBe(phase.txHash ?? '')
        if (phase.txHash !== null) expect(await row.textContent()).toContain(phase.txHash)
      }
      expect(await page.textContent('#page')).toContain(version === 'v16' ? 'merkle root' : 'CCVs')
      expect(await page.textContent('#data-text')).toBe(version === 'v16' ? 'hello 1.6' : 'hello 2.0')
      await screenshot(page, `message-${version === 'v16' ? '1.6' : '2.0'}`)
    }
  })

  it('shows a failure with its decoded reason and the manual-exec command', async () => {
    // `ccip status` of a FAILURE exits 4, its JSON on stdout all the same.
    const run = await stack.cli(['status', ids.failed, '--json'])
    expect(run.code).toBe(4)
    const status = JSON.parse(run.stdout) as { state: string; failure: { reason: string } }
    expect(status.state).toBe('FAILURE')
    expect((await page.goto(at(`/message/${ids.failed}`)))?.status()).toBe(200)
    expect(await page.textContent('#failure .what')).toBe(`FAILURE: ${status.failure.reason}`)
    expect(await page.textContent('#manual-exec')).toBe(`ccip manual-exec ${ids.failed}`)
    expect(await page.getAttribute('li[data-phase="FAILURE"]', 'class')).not.toContain('pending')
    await screenshot(page, 'message-failure')
  })

  it('shows rate limits as gauges and the nodes’ health on /lanes', async () => {
    const capacity = 5n * 10n ** 18n
    await createClient({ home: stack.home }).setRateLimit({
      chain: 'alpha',
      remote: 'gamma',
      token: 'CCIP-BnM',
      direction: 'outbound',
      capacity,
      rate: 10n ** 17n,
    })
    await page.goto(at('/lanes'))
    // The outbound gauge of alpha → gamma: tokens available of the new capacity, refilled per second.
    const gauge = page.locator('tr[data-lane="alpha>gamma"] .gauge').first()
    await expect
      .poll(() => gauge.getAttribute('title'), { timeout: 5_000 })
      .toMatch(` of ${capacity} (smallest unit), +${10n ** 17n}/s`)
    expect(await gauge.textContent()).toContain('5 / 5 · +0.1/s')
    expect(await page.textContent('#nodes-health')).toContain('healthy')
    expect(await page.locator('#nodes tr').count()).toBeGreaterThan(4)
    await screenshot(page, 'lanes')
  })

  it('shows a curse on /lanes within 2 s, with who cursed and why', async () => {
    await page.goto(at('/lanes'))
    await page.waitForSelector('tr[data-lane="alpha>gamma"][data-state="active"]')
    const client = createClient({ home: stack.home })
    await client.curse({ subjects: ['alpha'], on: ['gamma'], reason: 'explorer test' })
    // From the moment the curse is mined: the curse and the lane's state, both within 2 s.
    const deadline = Date.now() + 2_000
    for (const selector of [
      'tr[data-curse="gamma:alpha"]',
      'tr[data-lane="alpha>gamma"][data-state="cursed"]',
    ]) {
      await page.waitForSelector(selector, { timeout: Math.max(1, deadline - Date.now()) })
    }
    expect(await page.textContent('tr[data-curse="gamma:alpha"]')).toContain('explorer test')
    // `ccip watch` (plain lines off a terminal) draws the same overview: the same lanes, cursed alike.
    const lanes = await page.locator('tr[data-lane]').count()
    const cursed = await page.locator('tr[data-lane][data-state="cursed"]').count()
    expect(cursed).toBeGreaterThan(0)
    expect(await watchLine(stack.home)).toContain(` lanes=${lanes} cursed=${cursed} `)
    await screenshot(page, 'lanes-cursed')
    await client.uncurse({ subjects: ['alpha'], on: ['gamma'] })
    await page.waitForSelector('#no-curses', { timeout: 5_000 })
  })

  it('answers bad input with a clear page or JSON error, never a blank page', async () => {
    const unknown = `0x${'ab'.repeat(32)}`
    const pages: [string, number, string, string][] = [
      [`/message/${unknown}`, 404, `no chain has message ${unknown}`, 'unknown-id'],
      ['/message/0x1234', 400, 'is not a message id', 'malformed-id'],
      ['/?state=NOPE', 400, "unknown state 'NOPE'", 'bad-filter'],
      ['/?sender=0xabc', 400, 'is not an address', 'bad-sender'],
      ['/nowhere', 404, 'there is no page /nowhere', 'no-page'],
    ]
    for (const [path, status, text, shot] of pages) {
      expect((await page.goto(at(path)))?.status(), path).toBe(status)
      expect(await page.textContent('.problem .what'), path).toContain(text)
      expect(await page.textContent('.problem .hint'), path).not.toBe('')
      await screenshot(page, shot)
    }
    // A second explorer on the same port: PORT_BUSY, saying how to pick another.
    const busy = await stack.cli(['explorer', '--port', new URL(explorer.url).port, '--json'])
    expect(busy.code).toBe(1)
    expect(JSON.parse(busy.stderr)).toMatchObject({
      error: { code: 'PORT_BUSY', hint: expect.stringContaining('--port') },
    })
    const api = await fetch(at('/api/messages?limit=0'))
    expect(api.status).toBe(400)
    const body = (await api.json()) as { error: { code: string; message: string; hint: string } }
    expect(body.error).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: "limit '0' is not a number from 1 to 1000",
    })
    expect(body.error.hint).toBeTruthy()
    for (const [query, status, message] of [
      ['?chain=alpha&token=0x12', 400, "token '0x12' is not an address"],
      ['?token=0x0000000000000000000000000000000000000001', 400, "chain '' is not a chain name"],
      ['?chain=alpha&token=0x0000000000000000000000000000000000000001&x=1', 400, 'x'],
    ] as const) {
      const r = await fetch(at(`/api/tokens${query}`))
      expect(r.status, query).toBe(status)
      expect(((await r.json()) as { error: { message: string } }).error.message, query).toContain(message)
    }
    // Not a token: answered, without a symbol.
    const none = await fetch(at('/api/tokens?chain=alpha&token=0x0000000000000000000000000000000000000001'))
    expect(await none.json()).toEqual({
      chain: 'alpha',
      token: '0x0000000000000000000000000000000000000001',
      symbol: null,
      decimals: null,
    })
  })

  it('says the local stack is not running, and comes back by itself when it is up again', async () => {
    const portBase = new URL(stack.chain('alpha').rpcUrl ?? '').port
    expect((await stack.cli(['local', 'down'])).code).toBe(0)
    const answer = await page.goto(at('/'))
    expect(answer?.status()).toBe(503)
    expect(await page.textContent('.problem .what')).toBe('the local stack is not running')
    expect(await page.textContent('.problem .hint')).toContain('ccip local up --detach')
    await screenshot(page, 'stack-stopped')

    // Real networks in the same home are still read while the stack is stopped.
    const farSent = await far.json<Sent>('send', '--from', 'alpha', '--to', 'beta', '--data', 'far', '--wait')
    for (const name of ['alpha', 'beta']) {
      const chain = far.chain(name)
      const added = await stack.cli([
        'chains',
        'add',
        `net-${name}`,
        '--rpc-url',
        chain.rpcUrl ?? '',
        '--router',
        chain.contracts.router,
        '--selector',
        String(chain.selector),
      ])
      expect(added.code, added.stderr).toBe(0)
    }
    expect((await page.goto(at('/')))?.status()).toBe(200)
    await page.waitForSelector(`tr[data-id="${farSent.messageId}"]`, { timeout: 10_000 })
    expect(await page.textContent(`tr[data-id="${farSent.messageId}"]`)).toContain('net-alpha → net-beta')
    expect((await page.goto(at(`/message/${farSent.messageId}`)))?.status()).toBe(200)
    await page.waitForSelector('li[data-phase="SUCCESS"]')
    await screenshot(page, 'stack-stopped-real-networks')
    // The stopped stack's own messages and chains: it says the stack is not running.
    for (const path of [`/message/${ids.v16}`, '/?from=alpha']) {
      expect((await page.goto(at(path)))?.status(), path).toBe(503)
      expect(await page.textContent('.problem .what'), path).toContain('not running')
    }
    for (const name of ['alpha', 'beta'])
      expect((await stack.cli(['chains', 'remove', `net-${name}`])).code).toBe(0)
    const up = await stack.cli([
      'local',
      'up',
      '--detach',
      '--port-base',
      portBase,
      '--ccip',
      'mixed',
      '--instant',
    ])
    expect(up.code, up.stderr).toBe(0)
    // No reload by the test: the page notices the stack is back and shows the list again.
    await page.waitForSelector(`tr[data-id="${ids.v16}"]`, { timeout: 30_000 })
    expect(await page.locator('#problem').isHidden()).toBe(true)
  })
})
