import { join } from 'node:path'
import { Contract, type JsonRpcProvider, toBeHex, zeroPadValue } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ccipAbi } from '../../src/chain/artifacts.js'
import { ProfileChain } from '../../src/chain/profile-chain.js'
import { createContext } from '../../src/context.js'
import { packageRoot } from '../../src/package-root.js'
import { devAccount } from '../../src/profiles/dev-keys.js'
import { RATE_LIMITS } from '../../src/stack/settings.js'
import type { StackStatus } from '../../src/stack/status.js'
import { makeProvider } from '../helpers/chain.js'
import { jsonOf, runCli } from '../helpers/cli.js'
import { sendRaw, waitExecuted } from '../helpers/send.js'
import { fileStack } from '../helpers/stack.js'

/**
 * `ccip lanes list` against a real local stack: the lane table as the chains hold it, sequence
 * numbers and messages in flight across a real send, and curses set straight on the RMNRemotes
 * (not through `ccip rmn`), so this file tests the reading side only.
 */
const harness = fileStack('lanes')
const home = harness.home
const cli = (...args: string[]) => harness.cli(args)
const LANE_KEYS = [
  'ccvs',
  'cursedOn',
  'dest',
  'executor',
  'inFlight',
  'nextSequenceNumber',
  'offRamp',
  'onRamp',
  'source',
  'state',
  'tokens',
  'version',
]
const GLOBAL = '0x01000000000000000000000000000001'

interface Bucket {
  enabled: boolean
  tokens: string
  capacity: string
  rate: string
}
interface LaneJson {
  source: string
  dest: string
  state: string
  cursedOn: string[]
  onRamp: string | null
  offRamp: string | null
  nextSequenceNumber: string | null
  inFlight: string | null
  tokens: { symbol: string; outbound: Bucket; inbound: Bucket | null }[]
}

let stack: StackStatus
const providers = new Map<string, JsonRpcProvider>()
const c = (name: string) => stack.chains.find((x) => x.name === name)!
const provider = (name: string) => providers.get(name)!
const lanes = async (...filters: string[]): Promise<LaneJson[]> => {
  const run = await cli('lanes', 'list', ...filters, '--json')
  expect(run.code, run.stderr).toBe(0)
  return jsonOf<LaneJson[]>(run)
}
const lane = (all: LaneJson[], source: string, dest: string) =>
  all.find((l) => l.source === source && l.dest === dest)!
const subject = (chain: string) => zeroPadValue(toBeHex(BigInt(c(chain).selector)), 16)

/**
 * Curse or lift `subject` on `chain`'s RMNRemote as its owner: dev account 0 directly, or, when
 * the stack hands the RMNRemote to a curse-authority contract, through that contract's operator
 * entry points (dev account 0 is the operator).
 */
async function setCurse(chain: string, subj: string, cursed: boolean): Promise<void> {
  const operator = devAccount(0).connect(provider(chain))
  const rmn = new Contract(c(chain).contracts.rmnRemote, ccipAbi('rmnRemote'), operator)
  const owner = String(await rmn.getFunction('owner')())
  const tx =
    owner === operator.address
      ? await rmn.getFunction(cursed ? 'curse(bytes16)' : 'uncurse(bytes16)')(subj)
      : cursed
        ? await new Contract(owner, ['function curse(bytes16[],string)'], operator).getFunction('curse')(
            [subj],
            'lanes test',
          )
        : await new Contract(owner, ['function uncurse(bytes16[])'], operator).getFunction('uncurse')([subj])
  expect((await tx.wait())?.status).toBe(1)
  expect(await rmn.getFunction('isCursed(bytes16)')(subj)).toBe(cursed)
}

beforeAll(async () => {
  stack = harness.status
  for (const chain of stack.chains) providers.set(chain.name, makeProvider(chain.rpcUrl!, chain.chainId))
})
afterAll(async () => {
  for (const p of providers.values()) p.destroy()
})

describe('ccip lanes list', () => {
  it('lists the 6 lanes of a fresh stack, active, with the exact JSON keys and the deployed limits', async () => {
    const all = await lanes()
    expect(all.map((l) => `${l.source}>${l.dest}`).sort()).toEqual(
      ['alpha>beta', 'alpha>gamma', 'beta>alpha', 'beta>gamma', 'gamma>alpha', 'gamma>beta'].sort(),
    )
    for (const l of all) {
      expect(Object.keys(l).sort()).toEqual(LANE_KEYS)
      expect(l.state).toBe('active')
      expect(l.cursedOn).toEqual([])
      expect(l.onRamp).toBe(c(l.source).contracts.onRamp!)
      expect(l.offRamp).toBe(c(l.dest).contracts.offRamp!)
      expect(l.nextSequenceNumber).toMatch(/^[1-9]\d*$/)
      expect(l.inFlight).toBe('0')
      expect(l.tokens.map((t) => t.symbol).sort()).toEqual(['CCIP-BnM', 'CCIP-LnM'])
      for (const t of l.tokens) {
        expect(Object.keys(t).sort()).toEqual(['inbound', 'outbound', 'symbol'])
        expect(Object.keys(t.outbound).sort()).toEqual(['capacity', 'enabled', 'rate', 'tokens'])
        const { outbound, inbound } = RATE_LIMITS
        expect(t.outbound).toEqual({
          enabled: true,
          tokens: String(outbound.capacity),
          capacity: String(outbound.capacity),
          rate: String(outbound.rate),
        })
        expect(t.inbound).toEqual({
          enabled: true,
          tokens: String(inbound.capacity),
          capacity: String(inbound.capacity),
          rate: String(inbound.rate),
        })
      }
    }
  })

  it('the chain layer reads each lane version from its OnRamp: 1.6 here', async () => {
    const { profiles } = await createContext(home).profiles()
    const alpha = new ProfileChain(profiles.find((p) => p.name === 'alpha')!)
    expect(await alpha.laneVersion(BigInt(c('beta').selector))).toEqual({
      type: 'OnRamp',
      version: '1.6.0',
      ccip: '1.6',
    })
  })

  it('never loads ethers: its reads are hand-encoded view calls over bare JSON-RPC', async () => {
    const trace = join(packageRoot(), 'test/helpers/trace-loads.mjs')
    const run = await runCli(['lanes', 'list', '--json'], {
      home,
      env: { NODE_OPTIONS: `--import ${trace}` },
    })
    expect(run.code, run.stderr).toBe(0)
    expect(jsonOf<LaneJson[]>(run)).toHaveLength(6)
    const loaded = run.stderr.split('\n').filter((l) => l.startsWith('file:'))
    expect(loaded.some((u) => u.includes('/operator/lane-reads.js'))).toBe(true)
    expect(loaded.filter((u) => u.includes('node_modules/ethers/'))).toEqual([])
  })

  it('answers quickly (measured, not asserted)', async () => {
    const times: number[] = []
    for (let i = 0; i < 5; i++) {
      const start = performance.now()
      const run = await cli('lanes', 'list', '--json')
      times.push(performance.now() - start)
      expect(run.code, run.stderr).toBe(0)
    }
    times.sort((a, b) => a - b)
    console.log(
      `ccip lanes list --json (3 chains, 6 lanes), wall time incl. process start over 5 runs: ` +
        `min ${times[0]!.toFixed(0)} ms, median ${times[2]!.toFixed(0)} ms, max ${times[4]!.toFixed(0)} ms`,
    )
  })

  it('filters by --from / --to, and names a missing profile (exit 3)', async () => {
    const one = await lanes('--from', 'alpha', '--to', 'gamma')
    expect(one.map((l) => [l.source, l.dest])).toEqual([['alpha', 'gamma']])
    const from = await lanes('--from', 'beta')
    expect(from.map((l) => l.dest).sort()).toEqual(['alpha', 'gamma'])
    const missing = await cli('lanes', 'list', '--to', 'nowhere', '--json')
    expect(missing.code).toBe(3)
    expect(JSON.parse(missing.stderr).error.code).toBe('PROFILE_NOT_FOUND')
  })

  it('counts sequence numbers and messages in flight: held by a curse on the destination, 0 once executed', async () => {
    const before = lane(await lanes('--from', 'alpha', '--to', 'beta'), 'alpha', 'beta')
    const next = BigInt(before.nextSequenceNumber!)
    // beta's RMNRemote cursing alpha: sends from alpha still succeed, but beta refuses their commit.
    await setCurse('beta', subject('alpha'), true)
    const sender = devAccount(3)
    const send = {
      router: c('alpha').contracts.router,
      destSelector: BigInt(c('beta').selector),
      receiver: sender.address,
    }
    const ids = await sendRaw(sender, provider('alpha'), [send, { ...send, data: '0x1234' }])

    const held = lane(await lanes('--from', 'alpha', '--to', 'beta'), 'alpha', 'beta')
    expect(held.nextSequenceNumber).toBe(String(next + 2n))
    expect(held.inFlight).toBe('2')
    expect(held.state).toBe('cursed')
    expect(held.cursedOn).toEqual(['beta'])

    await setCurse('beta', subject('alpha'), false)
    const states = await waitExecuted(provider('beta'), c('beta').contracts.offRamp!, ids, 90_000)
    expect(ids.map((id) => states.get(id)?.at(-1))).toEqual([2, 2])
    const after = lane(await lanes('--from', 'alpha', '--to', 'beta'), 'alpha', 'beta')
    expect(after).toMatchObject({
      state: 'active',
      cursedOn: [],
      nextSequenceNumber: String(next + 2n),
      inFlight: '0',
    })
  })

  it('shows a lane curse on the side whose RMNRemote holds it, for both directions of the lane', async () => {
    // alpha's RMNRemote cursing beta's subject stops alpha → beta at the source and beta → alpha at the destination.
    await setCurse('alpha', subject('beta'), true)
    try {
      const all = await lanes()
      expect(lane(all, 'alpha', 'beta')).toMatchObject({ state: 'cursed', cursedOn: ['alpha'] })
      expect(lane(all, 'beta', 'alpha')).toMatchObject({ state: 'cursed', cursedOn: ['alpha'] })
      for (const [s, d] of [
        ['alpha', 'gamma'],
        ['gamma', 'alpha'],
        ['beta', 'gamma'],
        ['gamma', 'beta'],
      ] as const) {
        expect(lane(all, s, d)).toMatchObject({ state: 'active', cursedOn: [] })
      }
      // A curse on both sides names both chains, source first.
      await setCurse('beta', subject('alpha'), true)
      expect(lane(await lanes('--from', 'alpha', '--to', 'beta'), 'alpha', 'beta').cursedOn).toEqual([
        'alpha',
        'beta',
      ])
      await setCurse('beta', subject('alpha'), false)
    } finally {
      await setCurse('alpha', subject('beta'), false)
    }
    expect((await lanes()).every((l) => l.state === 'active')).toBe(true)
  })

  it('shows a global curse on every lane into and out of that chain', async () => {
    await setCurse('gamma', GLOBAL, true)
    try {
      const all = await lanes()
      for (const l of all) {
        const touchesGamma = l.source === 'gamma' || l.dest === 'gamma'
        expect(l.state, `${l.source} → ${l.dest}`).toBe(touchesGamma ? 'cursed' : 'active')
        expect(l.cursedOn).toEqual(touchesGamma ? ['gamma'] : [])
      }
    } finally {
      await setCurse('gamma', GLOBAL, false)
    }
  })

  it('prints a readable table without --json', async () => {
    const run = await cli('lanes', 'list', '--from', 'alpha', '--to', 'beta')
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/alpha → beta\s+1\.6\s+active\s+-\s+\d+\s+0\s+0x/)
    expect(run.stdout).toContain('100,000 / 100,000 +100/s')
    expect(run.stdout).toContain('110,000 / 110,000 +110/s')
  })
})
