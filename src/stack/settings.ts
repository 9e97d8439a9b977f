import { FUNDED_DEV_ACCOUNTS } from '../profiles/dev-mnemonic-addresses.js'

/**
 * Every number the local stack is configured with, in one place, so the README can document
 * them and tests can assert against them.
 */
const e18 = 10n ** 18n

export const DEFAULTS = {
  chains: 3,
  /** 18545+: clear of 8545, which users' own nodes (anvil, hardhat) usually hold. */
  portBase: 18545,
  /**
   * Seconds between blocks. After its send block a message needs the finality depth, a commit
   * block and an execution block: with 0.2 s and depth 1, send→SUCCESS is ~0.8 s (0.25 s and
   * depth 2 measured ~1.2 s, 0.5 s ~2.4 s). Faster blocks cost idle CPU (~15% of a core for the
   * nodes at 0.2 s) and make every 'within N blocks' deadline shorter in wall time.
   */
  blockTime: 0.2,
  /**
   * Blocks a message must be buried under before the commit DON treats it as final. Local
   * chains never reorganize; 1 keeps SOURCE_FINALIZED a phase of its own at the least cost
   * (each block of depth adds one block time to every message, and to the tail of a burst).
   * Rehearse deeper finality (and reorgs below it) with --finality-depth.
   */
  finalityDepth: 1,
  /**
   * Blocks whose transactions anvil keeps (--transaction-block-keeper): 100 s at 0.2 s blocks.
   * Older transactions, receipts and logs are dropped, so an anvil's memory and saved state stop
   * growing with history (≈ 40 KB per message otherwise, most of it call traces); their logs are
   * kept in the stack's log archive first (chain/log-archive.ts). Our commands read old logs
   * from the archive; other tools see receipts and logs of the last 500 blocks only.
   * CCIPKIT_KEEP_BLOCKS overrides it (tests use a small window to reach the archive sooner).
   */
  keepBlocks: 500,
  /**
   * States anvil keeps for old blocks (--prune-history; at least 4× the finality depth): how deep
   * anvil_reorg can go and how far back eth_call at a block number works. Each is a copy of the
   * chain's state in memory; unpruned, anvil keeps 500 of them (the stack passed 800 MiB near
   * 1,500 messages, 446 MiB with none).
   */
  keptStates: 16,
  /**
   * Resident memory (MiB) past which the node process restarts a chain from the cut it just took
   * (nodes/refresher.ts): anvil never gives back what its blocks held, 20–35 KB per block
   * measured on anvil 1.7.1 (≈ 5 MiB a minute per chain in the 10 msg/s soak), while a chain loaded from a cut
   * holds only what the cut has. 0 turns it off (CCIPKIT_CHAIN_MEMORY_MIB), for test suites that
   * keep evm_snapshot ids or impersonations across a long run: a restart forgets both.
   */
  chainMemoryMiB: 150,
  /**
   * Bytes of old block headers (left out of each cut, see slim-dump.ts) past which a chain is
   * restarted all the same: its anvil still serializes them on every cut, so the cut's wall time
   * grew with the chain's age (1.1 s at 3,000 messages, 1.7 s at 10,000 in the soak) though its
   * size did not. 4 MiB is ~2,500 headers, ~8 minutes of 0.2 s blocks. Off with chainMemoryMiB 0.
   */
  chainOldHeaderBytes: 4 * 2 ** 20,
} as const

/** States anvil keeps for old blocks: keptStates, and never fewer than 4× the finality depth. */
export const keptStatesFor = (finalityDepth: number): number =>
  Math.max(DEFAULTS.keptStates, 4 * finalityDepth)

/** Dev-account funding at deploy time and per `ccip faucet` call (token units, 18 decimals). */
export const FUNDING = {
  devAccounts: FUNDED_DEV_ACCOUNTS,
  native: 10_000n * e18, // anvil's own --balance for the dev accounts
  link: 10_000n * e18,
  bnm: 1_000n * e18,
  lnm: 1_000n * e18,
  /** LnM is lock/release on alpha: the pool holds this much so inbound transfers can be released. */
  lnmPoolLiquidity: 1_000_000n * e18,
  /** Native sent to each DON/RMN node key so it can pay for its transactions. */
  nodeNative: 10n * e18,
} as const

export const FAUCET = {
  native: 100n * e18,
  link: 1_000n * e18,
  bnm: 100n * e18,
  lnm: 100n * e18,
} as const

/** Token-pool rate limits, per remote chain. Inbound is 10% above outbound, as Chainlink advises. */
export const RATE_LIMITS = {
  outbound: { isEnabled: true, capacity: 100_000n * e18, rate: 100n * e18 },
  inbound: { isEnabled: true, capacity: 110_000n * e18, rate: 110n * e18 },
} as const

/** USD prices with 18 decimals per 1e18 smallest units, as FeeQuoter stores them. */
export const PRICES = {
  link: 20n * e18,
  weth: 3_000n * e18,
  /** USD per unit of destination gas (2e12 = $0.000002). */
  gas: 2_000_000_000_000n,
} as const

export const FEE_QUOTER = {
  maxFeeJuelsPerMsg: 100_000n * e18,
  tokenPriceStalenessThreshold: 90_000,
  premiumMultiplierWeiPerEth: { link: 9n * 10n ** 17n, weth: e18 },
} as const

/**
 * Chainlink's EVM lane defaults (deployment/v1_6_0 adapter), used for every lane, but for one:
 * the default allows 1 token per message, and the local lanes allow 5, so that a message with
 * several tokens (which CCIP supports where a lane allows it) can be rehearsed. A real lane that
 * allows 1 refuses more with UnsupportedNumberOfTokens, and `ccip send` says so.
 */
export const DEST_CHAIN_CONFIG = {
  isEnabled: true,
  maxNumberOfTokensPerMsg: 5,
  maxDataBytes: 30_000,
  maxPerMsgGasLimit: 3_000_000,
  destGasOverhead: 225_000,
  destGasPerPayloadByteBase: 16,
  destGasPerPayloadByteHigh: 40,
  destGasPerPayloadByteThreshold: 3_000,
  destDataAvailabilityOverheadGas: 0,
  destGasPerDataAvailabilityByte: 16,
  destDataAvailabilityMultiplierBps: 0,
  chainFamilySelector: '0x2812d52c', // EVM
  enforceOutOfOrder: false,
  defaultTokenFeeUSDCents: 25,
  defaultTokenDestGasOverhead: 90_000,
  defaultTxGasLimit: 200_000,
  gasMultiplierWeiPerEth: 11n * 10n ** 17n,
  gasPriceStalenessThreshold: 90_000,
  networkFeeUSDCents: 10,
} as const

export const OFF_RAMP = {
  gasForCallExactCheck: 5_000,
  /** After this, anyone may manually execute a committed message that is still untouched. */
  permissionLessExecutionThresholdSeconds: 3_600,
} as const

export const DON = {
  commitNodes: 4,
  execNodes: 4,
  rmnNodes: 3,
  /** OCR3 fault tolerance: commit reports carry exactly F+1 signatures. */
  f: 1,
  /** RMN: blessings carry fSign+1 signatures. */
  fSign: 1,
} as const

export const TOKENS = {
  bnm: { symbol: 'CCIP-BnM', name: 'CCIP Burn & Mint Test Token' },
  lnm: { symbol: 'CCIP-LnM', name: 'CCIP Lock & Release Test Token' },
  link: { symbol: 'LINK', name: 'ChainLink Token' },
} as const

/**
 * CCIP 2.0 lanes (ccip-2.0-protocol.md §3; Chainlink's deploy defaults where they exist). Fees
 * are USD cents; gas as the contracts count it.
 */
export const V2 = {
  onRamp: {
    maxUSDCentsPerMessage: 100_00,
    baseExecutionGasCost: 200_000,
    messageNetworkFeeUSDCents: 10,
    tokenNetworkFeeUSDCents: 25,
  },
  offRamp: { gasForCallExactCheck: 5_000, maxGasBufferToUpdateState: 12_000 },
  feeQuoter: {
    maxFeeJuelsPerMsg: 100_000n * e18,
    destChain: {
      isEnabled: true,
      maxDataBytes: 32_000,
      maxPerMsgGasLimit: 8_000_000,
      destGasOverhead: 0,
      destGasPerPayloadByteBase: 20,
      chainFamilySelector: '0x2812d52c', // EVM
      defaultTokenFeeUSDCents: 25,
      defaultTokenDestGasOverhead: 90_000,
      defaultTxGasLimit: 200_000,
      networkFeeUSDCents: 10,
      linkFeeMultiplierPercent: 90,
    },
  },
  committee: {
    /** Committee verifier nodes signing for every source, and how many signatures a result needs. */
    nodes: 3,
    threshold: 2,
    feeUSDCents: 5,
    gasForVerification: 75_000,
    payloadSizeBytes: 582,
  },
  executor: { maxCCVsPerMsg: 10, usdCentsFee: 3 },
  /** What the verifier and executor accept besides finality: any block depth ≥ 1 (faster than finality). */
  allowedFinalityConfig: '0x00000001',
  /** Executor nodes sending OffRamp.execute (they take turns per message). */
  executorNodes: 2,
} as const
