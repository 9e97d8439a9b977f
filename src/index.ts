/**
 * ccipkit's public API: `import { startLocalStack } from 'ccipkit'`. Deliberately small; the
 * rest of the tree is internal and may change between versions. README, "The library", has a
 * walk-through; every exported name carries its documentation.
 */
export { CcipClient, type ClientOptions, createClient } from './api/client.js'
export { LocalStack, startLocalStack } from './api/local-stack.js'
export type { CurseRequest, RateLimitRequest } from './api/operator-actions.js'
export type { TokenDeployRequest, TokenLimit, TokenSetupRequest } from './api/token-actions.js'
export type { LocalChain, LocalStackOptions, SendRequest, TokenAmount, WaitOptions } from './api/types.js'
export type { SignerLike } from './chain/signers.js'
export { CcipError, ErrorCode, ExitCode } from './errors.js'
export type { HistoryFilter, HistoryMessage } from './history/types.js'
export type { FeeQuoteDetails as FeeQuote } from './messages/fee.js'
export type { SendResult as SentMessage } from './messages/send.js'
export type { MessageStatusResult as MessageStatus } from './messages/status.js'
export type { Lane } from './operator/lanes.js'
/** The local chains' dev mnemonic (anvil's): its accounts 0–9 are funded; never use it elsewhere. */
export { DEV_MNEMONIC } from './profiles/dev-mnemonic-addresses.js'
export { MessageState, type Phase } from './protocol/status.js'
export type { ChainContracts } from './stack/deployment.js'
export type { LaneStats, StatsReport } from './stats/types.js'
export type { Finding as TokenFinding } from './tokens/check.js'
export type { TokenOnChain } from './tokens/inspect.js'
