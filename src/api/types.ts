import type { SignerLike } from '../chain/signers.js'
import type { ChainContracts } from '../stack/deployment.js'

/**
 * The public API's own types: plain data (addresses and hex as strings, amounts as bigint), so
 * that neither ethers nor viem is forced on a caller. Everything here is re-exported by
 * src/index.ts; nothing else of the tree is.
 */

/** A CCIP message to send or quote. Chains are named as their profiles (`alpha`, `sepolia`, …). */
export interface SendRequest {
  from: string
  to: string
  /** Default: the sender's own address. */
  receiver?: string
  /** 0x-hex bytes, or any other string as its UTF-8 bytes. Default: none. */
  data?: string
  /** Tokens to transfer: a symbol the lane supports (`CCIP-BnM`) or the token's address, and an amount in the token's smallest unit. */
  tokens?: readonly TokenAmount[]
  /** Gas for the receiver's ccipReceive. Default: 200,000 with data or a contract receiver, else 0. */
  gasLimit?: bigint
  /** `native` (default), `LINK`, or a fee token's address. */
  feeToken?: string
  /** CCIP 1.6 lanes: allow out-of-order execution (the message carries no sender nonce). */
  outOfOrder?: boolean
  /**
   * CCIP 2.0 lanes: what the verifiers wait for: 'finalized' (default), 'safe', or a block depth
   * (1–65535; faster than finality). An option of the other version is INVALID_ARGUMENT.
   */
  finality?: 'finalized' | 'safe' | number
  /** CCIP 2.0 lanes: the verifiers (CCV addresses on the source) the message requires. Default: the lane's. */
  ccvs?: readonly string[]
  /** CCIP 2.0 lanes: the executor to pay, or 'none' (nobody executes it automatically). Default: the lane's. */
  executor?: string
  /** Who signs: a dev account index on the local stack's chains (default 0 there)… */
  account?: number
  /** …or a signer of yours: an ethers Signer, a viem account, or a viem WalletClient with an account. */
  signer?: SignerLike
}

export interface TokenAmount {
  token: string
  amount: bigint
}

/** One chain of a local stack. */
export interface LocalChain {
  name: string
  chainId: number
  selector: bigint
  rpcUrl: string
  contracts: ChainContracts
  /** The funded dev accounts (index → address); `account: i` in a request signs with the i-th. */
  accounts: readonly string[]
}

export interface LocalStackOptions {
  /** How many chains (alpha, beta, gamma, …). Default 3. */
  chains?: number
  /** Seconds between blocks. Default 0.2. */
  blockTime?: number
  /**
   * 'instant': a block as soon as there is work (a send, the finality blocks after it, a commit,
   * an execution), so a message completes in a fraction of a block time; otherwise one a second.
   * Default 'interval': a block every blockTime, as a real chain.
   */
  mining?: 'interval' | 'instant'
  /**
   * Which CCIP version the lanes run: '1.6' (default), '2.0', or 'mixed' (the lane between the
   * i-th and j-th chain runs 2.0 when i + j is odd, else 1.6). A saved stack in `home` keeps its own.
   */
  ccip?: '1.6' | '2.0' | 'mixed'
  /** Blocks until a source block counts as final. Default 1. */
  finalityDepth?: number
  /** The first chain's RPC port (the others follow). Default: a free range, chosen at start. */
  portBase?: number
  /**
   * Where the stack keeps its profiles, saved state and logs. Default: a new temporary directory,
   * removed again by stop(). A directory of your own keeps the stack's state across runs.
   */
  home?: string
  /** Discard saved state in `home`: start from a fresh deployment. */
  fresh?: boolean
  /**
   * Where fresh deployments are kept for the next new stack (a copy starts in about a second
   * instead of deploying for 3–4 s). Default: $CCIPKIT_CACHE, else ~/.cache/ccipkit; false: none.
   */
  deploymentCache?: string | false
  /**
   * Run the DON and RMN nodes in one worker thread per duty, as `ccip local up` does: more
   * throughput under heavy load (hundreds of messages a second), a slower start (~0.3 s). Default
   * false: every duty shares one thread, which a test suite's traffic never fills.
   */
  nodeThreads?: boolean
  /** Progress lines while the stack starts. */
  onStep?: (line: string) => void
}

export interface WaitOptions {
  /** Milliseconds. Default 60,000. */
  timeout?: number
  /** Called on every state change, the first read included. */
  onState?: (state: string) => void
}
