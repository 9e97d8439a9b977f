import { keccak256 as ethersKeccak, formatUnits, getAddress, hexlify, Interface, randomBytes } from 'ethers'
import { describe, expect, it } from 'vitest'
import { type CcipContract, ccipAbi } from '../../src/chain/artifacts.js'
import { checksumAddress, keccak256 } from '../../src/protocol/keccak.js'
import { parseTypeAndVersion } from '../../src/protocol/lane-version.js'
import * as views from '../../src/protocol/view-calls.js'
import { tokenUnits } from '../../src/ui/ratelimit.js'

/**
 * The ethers-free view calls of `lanes list` / `ratelimit` must agree with ethers on the shipped
 * CCIP ABIs: the same calldata for random arguments, the same values from results ethers encodes.
 */
const iface = new Map<CcipContract, Interface>()
const abi = (c: CcipContract) => {
  if (!iface.has(c)) iface.set(c, new Interface(ccipAbi(c)))
  return iface.get(c)!
}
const address = () => getAddress(hexlify(randomBytes(20)))
const u64 = () => BigInt(hexlify(randomBytes(8)))
const u128 = () => BigInt(hexlify(randomBytes(16)))
const POOLS: CcipContract[] = ['burnMintPool', 'lockReleasePool']

/** Check one view: calldata against ethers' encoder, then decode what ethers encodes as its result. */
function agrees<T>(
  contract: CcipContract,
  fn: string,
  args: unknown[],
  call: views.ViewCall<T>,
  result: unknown[],
): { ours: T; theirs: ReturnType<Interface['decodeFunctionResult']> } {
  const i = abi(contract)
  expect(call.data, `${contract}.${fn} calldata`).toBe(i.encodeFunctionData(fn, args))
  const encoded = i.encodeFunctionResult(fn, result)
  return { ours: call.decode(encoded), theirs: i.decodeFunctionResult(fn, encoded) }
}

describe('view selectors', () => {
  it('every written-out selector is the shipped ABI function selector', () => {
    const where: Record<keyof typeof views.VIEW_SELECTORS, [CcipContract, string][]> = {
      getOnRamp: [['router', 'getOnRamp']],
      getOffRamps: [['router', 'getOffRamps']],
      getStaticConfig: [
        ['onRamp', 'getStaticConfig'],
        ['offRamp', 'getStaticConfig'],
      ],
      getExpectedNextSequenceNumber: [['onRamp', 'getExpectedNextSequenceNumber']],
      getSourceChainConfig: [['offRamp', 'getSourceChainConfig']],
      isCursed: [['rmnRemote', 'isCursed(bytes16)']],
      getAllConfiguredTokens: [['tokenAdminRegistry', 'getAllConfiguredTokens']],
      getPools: [['tokenAdminRegistry', 'getPools']],
      symbol: [['token', 'symbol']],
      typeAndVersion: [
        ['router', 'typeAndVersion'],
        ['onRamp', 'typeAndVersion'],
        ['onRampV2', 'typeAndVersion'],
        ['offRampV2', 'typeAndVersion'],
      ],
      decimals: [['token', 'decimals']],
      isSupportedChain: POOLS.map((p) => [p, 'isSupportedChain']),
      getRemoteToken: POOLS.map((p) => [p, 'getRemoteToken']),
      getCurrentOutboundRateLimiterState: POOLS.map((p) => [p, 'getCurrentOutboundRateLimiterState']),
      getCurrentInboundRateLimiterState: POOLS.map((p) => [p, 'getCurrentInboundRateLimiterState']),
      getSupportedChains: POOLS.map((p) => [p, 'getSupportedChains']),
      owner: POOLS.map((p) => [p, 'owner']),
      getRateLimitAdmin: POOLS.map((p) => [p, 'getRateLimitAdmin']),
      getLatestPriceSequenceNumber: [['offRamp', 'getLatestPriceSequenceNumber']],
    }
    for (const [name, selector] of Object.entries(views.VIEW_SELECTORS)) {
      for (const [contract, fn] of where[name as keyof typeof where]) {
        expect(selector, `${contract}.${fn}`).toBe(abi(contract).getFunction(fn)!.selector)
      }
    }
  })
})

describe('view calls agree with ethers on the shipped ABIs', () => {
  it('Router: getOnRamp (zero address → null) and getOffRamps', () => {
    const dest = u64()
    const ramp = address()
    const found = agrees('router', 'getOnRamp', [dest], views.getOnRamp(dest), [ramp])
    expect(found.ours).toBe(found.theirs[0])
    expect(
      views.getOnRamp(dest).decode(abi('router').encodeFunctionResult('getOnRamp', [`0x${'0'.repeat(40)}`])),
    ).toBeNull()
    const offRamps = [1, 2, 3].map(() => ({ sourceChainSelector: u64(), offRamp: address() }))
    const all = agrees('router', 'getOffRamps', [], views.getOffRamps, [offRamps])
    expect(all.ours).toEqual(
      all.theirs[0].map((o: { sourceChainSelector: bigint; offRamp: string }) => ({
        sourceChainSelector: o.sourceChainSelector,
        offRamp: o.offRamp,
      })),
    )
  })

  it('OnRamp and OffRamp: static configs, next sequence number, source chain config', () => {
    const on = {
      chainSelector: u64(),
      rmnRemote: address(),
      nonceManager: address(),
      tokenAdminRegistry: address(),
    }
    const onStatic = agrees('onRamp', 'getStaticConfig', [], views.onRampStaticConfig, [on])
    expect(onStatic.ours).toEqual({
      rmnRemote: onStatic.theirs[0].rmnRemote,
      tokenAdminRegistry: onStatic.theirs[0].tokenAdminRegistry,
    })
    const off = {
      chainSelector: u64(),
      gasForCallExactCheck: 5000,
      rmnRemote: address(),
      tokenAdminRegistry: address(),
      nonceManager: address(),
    }
    const offStatic = agrees('offRamp', 'getStaticConfig', [], views.offRampStaticConfig, [off])
    expect(offStatic.ours).toEqual({
      rmnRemote: offStatic.theirs[0].rmnRemote,
      tokenAdminRegistry: offStatic.theirs[0].tokenAdminRegistry,
    })
    const dest = u64()
    const seq = agrees(
      'onRamp',
      'getExpectedNextSequenceNumber',
      [dest],
      views.expectedNextSequenceNumber(dest),
      [u64()],
    )
    expect(seq.ours).toBe(seq.theirs[0])
    for (const isEnabled of [true, false]) {
      const source = u64()
      const config = {
        router: address(),
        isEnabled,
        minSeqNr: u64(),
        isRMNVerificationDisabled: !isEnabled,
        onRamp: hexlify(randomBytes(32)),
      }
      const got = agrees('offRamp', 'getSourceChainConfig', [source], views.sourceChainEnabled(source), [
        config,
      ])
      expect(got.ours).toBe(got.theirs[0].isEnabled)
      const min = agrees('offRamp', 'getSourceChainConfig', [source], views.sourceChainMinSeqNr(source), [
        config,
      ])
      expect(min.ours).toBe(min.theirs[0].minSeqNr)
    }
    const priceSeq = agrees('offRamp', 'getLatestPriceSequenceNumber', [], views.latestPriceSequenceNumber, [
      u64(),
    ])
    expect(priceSeq.ours).toBe(priceSeq.theirs[0])
  })

  it('RMNRemote.isCursed(bytes16)', () => {
    const subject = hexlify(randomBytes(16))
    for (const cursed of [true, false]) {
      const got = agrees('rmnRemote', 'isCursed(bytes16)', [subject], views.isCursed(subject), [cursed])
      expect(got.ours).toBe(got.theirs[0])
    }
    expect(() => views.isCursed('0x1234')).toThrow()
  })

  it('TokenAdminRegistry: getAllConfiguredTokens and getPools, empty and not', () => {
    for (const n of [0, 1, 3]) {
      const tokens = Array.from({ length: n }, address)
      const [start, max] = [u64(), u64()]
      const all = agrees(
        'tokenAdminRegistry',
        'getAllConfiguredTokens',
        [start, max],
        views.allConfiguredTokens(start, max),
        [tokens],
      )
      expect(all.ours).toEqual([...all.theirs[0]])
      const pools = agrees('tokenAdminRegistry', 'getPools', [tokens], views.getPools(tokens), [
        tokens.map(() => address()),
      ])
      expect(pools.ours).toEqual([...pools.theirs[0]])
    }
  })

  it('ERC20 symbol (including multi-byte UTF-8) and decimals', () => {
    for (const s of ['CCIP-BnM', '', 'Ünïcödé-₿', 'X'.repeat(70)]) {
      const got = agrees('token', 'symbol', [], views.symbol, [s])
      expect(got.ours).toBe(got.theirs[0])
    }
    for (const d of [0, 6, 18, 255]) {
      const got = agrees('token', 'decimals', [], views.decimals, [d])
      expect(got.ours).toBe(Number(got.theirs[0]))
    }
  })

  it('typeAndVersion, and the lane version it tells', () => {
    for (const tv of ['OnRamp 1.6.0', 'OnRamp 2.0.0', 'Router 1.2.0']) {
      const got = agrees('onRampV2', 'typeAndVersion', [], views.typeAndVersion, [tv])
      expect(got.ours).toBe(got.theirs[0])
    }
    expect(parseTypeAndVersion('OnRamp 2.0.0')).toEqual({ type: 'OnRamp', version: '2.0.0', ccip: '2.0' })
    expect(parseTypeAndVersion('EVM2EVMOnRamp 1.5.0')).toEqual({
      type: 'EVM2EVMOnRamp',
      version: '1.5.0',
      ccip: undefined,
    })
    expect(parseTypeAndVersion('OnRamp 1.6.0-dev').ccip).toBe('1.6')
    expect(() => parseTypeAndVersion('OnRamp')).toThrow(/not a typeAndVersion/)
  })

  it('TokenPool views on both pool types', () => {
    for (const pool of POOLS) {
      const remote = u64()
      for (const supported of [true, false]) {
        const got = agrees(pool, 'isSupportedChain', [remote], views.isSupportedChain(remote), [supported])
        expect(got.ours).toBe(got.theirs[0])
      }
      for (const bytes of ['0x', hexlify(randomBytes(32)), hexlify(randomBytes(45))]) {
        const got = agrees(pool, 'getRemoteToken', [remote], views.getRemoteToken(remote), [bytes])
        expect(got.ours).toBe(got.theirs[0])
      }
      for (const direction of ['outbound', 'inbound'] as const) {
        const fn =
          direction === 'outbound'
            ? 'getCurrentOutboundRateLimiterState'
            : 'getCurrentInboundRateLimiterState'
        const bucket = {
          tokens: u128(),
          lastUpdated: 1_700_000_000,
          isEnabled: direction === 'outbound',
          capacity: u128(),
          rate: u128(),
        }
        const got = agrees(pool, fn, [remote], views.rateLimiterState(direction, remote), [bucket])
        const t = got.theirs[0]
        expect(got.ours).toEqual({
          tokens: t.tokens,
          lastUpdated: Number(t.lastUpdated),
          isEnabled: t.isEnabled,
          capacity: t.capacity,
          rate: t.rate,
        })
      }
      const chains = agrees(pool, 'getSupportedChains', [], views.getSupportedChains, [[u64(), u64()]])
      expect(chains.ours).toEqual([...chains.theirs[0]])
      for (const [fn, call] of [
        ['owner', views.owner],
        ['getRateLimitAdmin', views.getRateLimitAdmin],
      ] as const) {
        const got = agrees(pool, fn, [], call, [address()])
        expect(got.ours).toBe(got.theirs[0])
      }
    }
  })

  it('a result too short for its layout throws instead of reading zeros', () => {
    expect(() => views.onRampStaticConfig.decode(`0x${'00'.repeat(64)}`)).toThrow()
    expect(() => views.rateLimiterState('outbound', 1n).decode('0x')).toThrow()
    expect(() => views.getOffRamps.decode('0x')).toThrow()
    expect(() => views.symbol.decode(`0x${'0'.repeat(62)}20${'0'.repeat(62)}05`)).toThrow()
  })
})

describe('keccak256, checksums and token units without ethers', () => {
  it('keccak256 matches ethers around the 136-byte block boundary and beyond', () => {
    for (const length of [0, 1, 31, 32, 135, 136, 137, 271, 272, 500]) {
      const input = randomBytes(length)
      expect(keccak256(input), `length ${length}`).toBe(ethersKeccak(input))
    }
  })

  it('checksumAddress matches getAddress', () => {
    for (let i = 0; i < 50; i++) {
      const a = hexlify(randomBytes(20))
      expect(checksumAddress(a)).toBe(getAddress(a))
    }
    expect(() => checksumAddress('0x1234')).toThrow()
  })

  it('tokenUnits formats as ethers formatUnits did, with grouped thousands', () => {
    const viaEthers = (value: bigint, decimals: number) => {
      const [whole = '0', fraction = '0'] = formatUnits(value, decimals).split('.')
      const grouped = BigInt(whole).toLocaleString('en-US')
      return fraction === '0' ? grouped : `${grouped}.${fraction}`
    }
    for (const decimals of [0, 6, 18]) {
      for (const value of [0n, 1n, 10n ** 23n, 1500n * 10n ** 15n, u128(), -(10n ** 20n) - 5n]) {
        expect(tokenUnits(value, decimals), `${value} / 10^${decimals}`).toBe(viaEthers(value, decimals))
      }
    }
  })
})
