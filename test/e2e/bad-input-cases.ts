import { devAccount } from '../../src/profiles/dev-keys.js'
import { DEAD, HALF_NODE_PORT, type HomeKind, SECRET } from '../helpers/bad-input-homes.js'

/**
 * The bad-input table: every command of `ccip --help`, given what users get wrong. Each case says
 * the exit code and error code it must end with; the runner (bad-inputs.test.ts) adds the checks
 * every case shares. `home` defaults to 'dead': local profiles at ports where nothing listens.
 */
export interface BadInput {
  args: string[]
  exit: 1 | 2 | 3
  code: string
  home?: HomeKind
  env?: Record<string, string>
}

const ID = `0x${'ab'.repeat(32)}`
/** dev account 1 with one letter's case flipped: a valid-looking address with a wrong checksum. */
const BAD_SUM = '0x70997970c51812dc3A010C7d01b50e0d17dc79C8'
const DIGITS_80 = '9'.repeat(80)
const DIGITS_78 = '9'.repeat(78)
const GOOD = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
/** Not a dev-mnemonic key: a remote chain accepts it. */
const OWN_KEY = `0x${'5a'.repeat(32)}`
/** m/44'/60'/0'/0/105: a local commit transmitter's key, public like every dev-mnemonic key. */
const NODE_KEY = devAccount(105).privateKey
const HALF_URL = `http://127.0.0.1:${HALF_NODE_PORT}/v2/${SECRET}`
const FREE = `http://127.0.0.1:${DEAD.free}`
const SET = ['ratelimit', 'set', '--chain', 'alpha', '--remote', 'beta', '--token', 'CCIP-BnM']
const LANE = ['--from', 'alpha', '--to', 'beta']
const TOKEN = ['--chains', 'alpha,beta', '--name', 'My Token', '--symbol', 'MYT']
const SETUP = ['--token', 'MYT', '--chains', 'alpha,beta']

const usage = (...args: string[]): BadInput => ({ args, exit: 2, code: 'USAGE' })
const invalid = (...args: string[]): BadInput => ({ args, exit: 2, code: 'INVALID_ARGUMENT' })
const missing = (...args: string[]): BadInput => ({ args, exit: 3, code: 'PROFILE_NOT_FOUND' })
const down = (...args: string[]): BadInput => ({ args, exit: 1, code: 'RPC_UNREACHABLE' })
const at = (home: HomeKind, exit: 1 | 2 | 3, code: string, ...args: string[]): BadInput => ({
  args,
  exit,
  code,
  home,
})

const messageFlags = (verb: 'send' | 'fee'): BadInput[] => [
  usage(verb, '--from', 'alpha'),
  usage(verb, ...LANE, '--receiver', BAD_SUM),
  usage(verb, ...LANE, '--receiver', '0x1234'),
  invalid(verb, ...LANE, '--token', 'CCIP-BnM'),
  invalid(verb, ...LANE, '--token', 'CCIP-BnM:abc'),
  invalid(verb, ...LANE, '--token', 'CCIP-BnM:-1'),
  invalid(verb, ...LANE, '--token', `${BAD_SUM}:1`),
  invalid(verb, ...LANE, '--token', '0x1234:1'),
  invalid(verb, ...LANE, '--token', `CCIP-BnM:${DIGITS_80}`),
  invalid(verb, ...LANE, '--fee-token', BAD_SUM),
  invalid(verb, ...LANE, '--fee-token', 'DOGE'),
  usage(verb, ...LANE, '--gas-limit', DIGITS_80),
  usage(verb, ...LANE, '--account', '10'),
  usage(verb, ...LANE, '--account', 'x'),
  usage(verb, ...LANE, '--gas-limit', DIGITS_78),
  usage(verb, ...LANE, '--gas-limit', '-5'),
  usage(verb, ...LANE, '--gas-limit', '1.5'),
  invalid(verb, ...LANE, '--data', '0xabc'),
  invalid(verb, ...LANE, '--data', '0xzz'),
  invalid(verb, ...LANE, '--finality', 'soon'),
  invalid(verb, ...LANE, '--finality', '70000'),
  invalid(verb, ...LANE, '--ccv', '0x1234'),
  invalid(verb, ...LANE, '--executor', BAD_SUM),
  missing(verb, '--from', 'nope', '--to', 'beta'),
  missing(verb, '--from', 'alpha', '--to', 'nope'),
  down(verb, ...LANE),
  down(verb, ...LANE, '--receiver', GOOD.toLowerCase(), '--data', 'hi'),
  // A remote chain needs a signer before anything is read; the dev keys are refused there.
  { args: [verb, '--from', 'remote', '--to', 'alpha'], exit: 1, code: 'WALLET' },
  {
    args: [verb, '--from', 'remote', '--to', 'alpha'],
    exit: 1,
    code: 'RPC_UNREACHABLE',
    env: { CCIPKIT_PRIVATE_KEY: OWN_KEY },
  },
  {
    args: [verb, '--from', 'remote', '--to', 'alpha'],
    exit: 1,
    code: 'DEV_KEY_REFUSED',
    env: { CCIPKIT_PRIVATE_KEY: NODE_KEY },
  },
  usage(verb, '--from', 'norouter', '--to', 'alpha'),
  at('empty', 3, 'PROFILE_NOT_FOUND', verb, ...LANE),
  at('corrupt', 1, 'PROFILE_STORE', verb, ...LANE),
]

export const CASES: BadInput[] = [
  // The program itself
  usage('bogus'),
  usage('chains', 'list', '--bogus-flag'),
  usage('chains', 'bogus'),
  // ccip chains
  usage('chains', 'show'),
  missing('chains', 'show', 'nope'),
  missing('chains', 'remove', 'nope'),
  missing('chains', 'use', 'nope'),
  at('empty', 3, 'PROFILE_NOT_FOUND', 'chains', 'remove', 'nope'),
  at('empty', 3, 'PROFILE_NOT_FOUND', 'chains', 'use', 'nope'),
  at('empty', 3, 'PROFILE_NOT_FOUND', 'chains', 'show', 'nope'),
  at('missing', 3, 'PROFILE_NOT_FOUND', 'chains', 'remove', 'nope'),
  at('missing', 1, 'RPC_UNREACHABLE', 'chains', 'add', 'x', '--rpc-url', FREE),
  invalid('chains', 'add', 'bad name!', '--rpc-url', FREE),
  usage('chains', 'add', 'x'),
  invalid('chains', 'add', 'x', '--rpc-url', 'ftp://example.com'),
  invalid('chains', 'add', 'x', '--rpc-url', 'not a url'),
  invalid('chains', 'add', 'x', '--rpc-url', FREE, '--indexer', 'ftp://indexer.example'),
  invalid('chains', 'add', 'x', '--rpc-url', FREE, '--router', BAD_SUM),
  invalid('chains', 'add', 'x', '--rpc-url', FREE, '--router', '0x1234'),
  invalid('chains', 'add', 'x', '--rpc-url', FREE, '--selector', '0'),
  invalid('chains', 'add', 'x', '--rpc-url', FREE, '--selector', DIGITS_80),
  invalid('chains', 'add', 'x', '--rpc-url', FREE, '--keystore', '/nonexistent/keystore.json'),
  { args: ['chains', 'add', 'alpha', '--rpc-url', FREE], exit: 1, code: 'PROFILE_EXISTS' },
  down('chains', 'add', 'x', '--rpc-url', `http://127.0.0.1:${DEAD.free}/v2/${SECRET}`),
  // The node answers eth_chainId, then hangs up: unreachable, not "not a CCIP Router".
  down('chains', 'add', 'x', '--rpc-url', HALF_URL, '--router', '0x0BF3dE8c5D3e8A2B34D2BEeB17ABfCeBaf363A59'),
  at('corrupt', 1, 'PROFILE_STORE', 'chains', 'list'),
  at('corrupt', 1, 'PROFILE_STORE', 'chains', 'add', 'x', '--rpc-url', FREE),
  at('corrupt', 1, 'PROFILE_STORE', 'chains', 'remove', 'alpha'),
  at('schema', 1, 'PROFILE_STORE', 'chains', 'list'),
  at('schema', 1, 'PROFILE_STORE', 'chains', 'use', 'alpha'),
  at('schema', 1, 'PROFILE_STORE', 'chains', 'show', 'alpha'),
  at('file', 1, 'PROFILE_STORE', 'chains', 'list'),
  at('file', 1, 'PROFILE_STORE', 'chains', 'add', 'x', '--rpc-url', FREE),
  at('file', 1, 'PROFILE_STORE', 'chains', 'remove', 'alpha'),
  // ccip local
  usage('local', 'up', '--chains', '9'),
  usage('local', 'up', '--chains', '1'),
  usage('local', 'up', '--chains', 'three'),
  usage('local', 'up', '--block-time', '-1'),
  usage('local', 'up', '--finality-depth', 'x'),
  usage('local', 'up', '--port-base', '70000'),
  usage('local', 'up', '--ccip', '3.0'),
  usage('local', 'down', 'extra'),
  usage('local', 'status', 'extra'),
  usage('local', 'reset', '--bogus'),
  usage('local', 'bogus'),
  // ccip faucet
  usage('faucet', '--to', BAD_SUM),
  usage('faucet', '--to', '0x12'),
  { args: ['faucet'], exit: 1, code: 'STACK_NOT_RUNNING' },
  { args: ['faucet', '--chain', 'alpha', '--to', GOOD], exit: 1, code: 'STACK_NOT_RUNNING' },
  // ccip send / fee
  ...messageFlags('send'),
  usage('send', ...LANE, '--wait', '--async'),
  usage('send', ...LANE, '--timeout', '0'),
  usage('send', ...LANE, '--timeout', '10'),
  usage('send', ...LANE, '--async', '--timeout', '10'),
  { args: ['send', ...LANE], exit: 1, code: 'WALLET', env: { CCIPKIT_PRIVATE_KEY: 'garbage' } },
  ...messageFlags('fee'),
  // ccip status
  usage('status'),
  usage('status', '0x1234'),
  usage('status', 'not-an-id'),
  usage('status', ID, '--indexer', 'ftp://indexer.example'),
  usage('manual-exec', ID, '--indexer', 'not a url'),
  missing('status', ID, '--from', 'nope'),
  missing('status', ID, '--to', 'nope'),
  down('status', ID),
  down('status', ID, ...LANE),
  down('status', ID, '--from', 'remote'),
  down('status', ID, '--watch'),
  at('file', 1, 'PROFILE_STORE', 'status', ID),
  // ccip watch
  { args: ['watch'], exit: 1, code: 'STACK_NOT_RUNNING' },
  usage('watch', 'extra'),
  // ccip explorer (a busy port: test/e2e/explorer.test.ts)
  usage('explorer', '--port', 'x'),
  usage('explorer', '--port', '70000'),
  usage('explorer', '--port', '-1'),
  usage('explorer', 'extra'),
  // ccip manual-exec
  usage('manual-exec'),
  usage('manual-exec', '0x12'),
  usage('manual-exec', ID, '--gas-limit', '0'),
  usage('manual-exec', ID, '--account', '12'),
  usage('manual-exec', ID, '--account', '1', '--keystore', 'k.json'),
  usage('manual-exec', ID, '--gas-limit', 'abc'),
  usage('manual-exec', ID, '--gas-limit', DIGITS_80),
  missing('manual-exec', ID, '--from', 'nope'),
  down('manual-exec', ID),
  down('manual-exec', ID, ...LANE),
  // ccip messages list
  usage('messages', 'list', '--limit', '0'),
  usage('messages', 'list', '--limit', '1001'),
  usage('messages', 'list', '--limit', 'x'),
  usage('messages', 'list', '--state', 'DONE'),
  missing('messages', 'list', '--from', 'nope'),
  missing('messages', 'list', '--to', 'nope'),
  down('messages', 'list'),
  down('messages', 'list', '--state', 'FAILURE'),
  down('messages', 'list', '--from', 'remote'),
  // ccip stats
  usage('stats', '--since', 'yesterday'),
  usage('stats', '--until', '12:00'),
  usage('stats', '--since', '2026-13-45'),
  usage('stats', '--since', '1h', '--until', '2h'),
  missing('stats', '--from', 'nope'),
  missing('stats', '--to', 'nope'),
  usage('stats', '--from', 'norouter'),
  down('stats'),
  down('stats', '--from', 'remote', '--since', '1h'),
  // ccip lanes list
  down('lanes', 'list'),
  missing('lanes', 'list', '--from', 'nope'),
  missing('lanes', 'list', '--to', 'nope'),
  down('lanes', 'list', ...LANE),
  down('lanes', 'list', '--from', 'remote'),
  usage('lanes', 'list', '--from', 'norouter'),
  at('corrupt', 1, 'PROFILE_STORE', 'lanes', 'list'),
  // ccip ratelimit
  down('ratelimit', 'show'),
  missing('ratelimit', 'show', '--chain', 'nope'),
  down('ratelimit', 'show', '--chain', 'alpha'),
  down('ratelimit', 'show', '--chain', 'remote'),
  usage('ratelimit', 'set'),
  usage(...SET, '--outbound', '--inbound', '--capacity', '1', '--rate', '1'),
  usage(...SET, '--outbound', '--capacity', '1', '--disable'),
  usage(...SET, '--capacity', '1', '--rate', '1'),
  usage(...SET, '--outbound', '--capacity', '1'),
  usage(...SET, '--outbound', '--capacity', '1', '--rate', '2'),
  usage(...SET, '--outbound', '--capacity', 'abc', '--rate', '1'),
  usage(...SET, '--outbound', '--capacity', '-1', '--rate', '1'),
  missing(
    'ratelimit',
    'set',
    '--chain',
    'nope',
    '--remote',
    'beta',
    '--token',
    'x',
    '--outbound',
    '--disable',
  ),
  missing(
    'ratelimit',
    'set',
    '--chain',
    'alpha',
    '--remote',
    'nope',
    '--token',
    'x',
    '--outbound',
    '--disable',
  ),
  down(...SET, '--outbound', '--capacity', '10', '--rate', '1', '--yes'),
  down(...SET, '--inbound', '--disable', '--dry-run'),
  // ccip rmn
  down('rmn', 'status'),
  missing('rmn', 'status', '--chain', 'nope'),
  down('rmn', 'status', '--chain', 'alpha'),
  down('rmn', 'status', '--chain', 'remote'),
  usage('rmn', 'curse'),
  usage('rmn', 'curse', '--chain', 'alpha'),
  usage('rmn', 'curse', '--on', 'beta'),
  usage('rmn', 'curse', '--chain', 'alpha', '--on', 'beta', '--account', '99'),
  usage(...SET, '--outbound', '--disable', '--account', '3', '--keystore', 'k.json'),
  usage('rmn', 'curse', '--chain', 'alpha', '--all', '--on', 'beta'),
  usage('rmn', 'curse', '--global', '--chain', 'alpha', '--on', 'beta'),
  usage('rmn', 'curse', '--chain', 'alpha', '--on', 'alpha'),
  missing('rmn', 'curse', '--chain', 'nope', '--on', 'beta'),
  missing('rmn', 'curse', '--chain', 'alpha', '--on', 'nope'),
  down('rmn', 'curse', '--chain', 'alpha', '--on', 'beta', '--yes'),
  down('rmn', 'curse', '--chain', 'alpha', '--on', 'beta', '--dry-run'),
  down('rmn', 'curse', '--global', '--on', 'remote', '--yes'),
  usage('rmn', 'uncurse', '--chain', 'alpha', '--all', '--on', 'beta'),
  usage('rmn', 'uncurse', '--global', '--chain', 'alpha', '--all'),
  usage('rmn', 'uncurse', '--chain', 'alpha', '--on', 'norouter', '--yes'),
  down('rmn', 'uncurse', '--global', '--all', '--yes'),
  at('schema', 1, 'PROFILE_STORE', 'rmn', 'status'),
  // ccip token
  usage('token', 'deploy', '--chains', 'alpha', '--name', 'X'),
  usage('token', 'deploy', ...TOKEN, '--decimals', '40'),
  usage('token', 'deploy', ...TOKEN, '--admin', '0x1234'),
  usage('token', 'deploy', ...TOKEN, '--admin', BAD_SUM),
  invalid('token', 'deploy', '--chains', 'alpha,alpha', '--name', 'X', '--symbol', 'X'),
  invalid('token', 'deploy', '--chains', 'alpha,', '--name', 'X', '--symbol', 'X'),
  invalid('token', 'deploy', '--chains', 'alpha', '--name', 'X', '--symbol', 'two words'),
  invalid('token', 'deploy', '--chains', 'alpha', '--name', ' ', '--symbol', 'X'),
  invalid('token', 'deploy', ...TOKEN, '--max-supply', '10', '--pre-mint', '11'),
  invalid('token', 'deploy', ...TOKEN, '--max-supply', 'lots'),
  invalid('token', 'deploy', ...TOKEN, '--pre-mint', DIGITS_80),
  missing('token', 'deploy', '--chains', 'alpha,nope', '--name', 'X', '--symbol', 'X'),
  down('token', 'deploy', ...TOKEN),
  down('token', 'deploy', ...TOKEN, '--dry-run'),
  usage('token', 'setup', '--chains', 'alpha'),
  usage('token', 'setup', ...SETUP, '--pool', 'mint'),
  usage('token', 'setup', ...SETUP, '--pool-version', '1.5'),
  usage('token', 'setup', ...SETUP, '--registry-module', BAD_SUM),
  usage('token', 'setup', ...SETUP, '--outbound', '10/20'),
  usage('token', 'pool', 'deploy', ...SETUP, '--outbound', '1/1'),
  invalid('token', 'setup', '--token', 'MYT', '--chains', 'alpha,alpha'),
  invalid('token', 'setup', ...SETUP, '--pool', 'burn-mint', '--home-chain', 'alpha'),
  invalid('token', 'setup', ...SETUP, '--pool', 'lock-release', '--home-chain', 'gamma'),
  invalid('token', 'setup', ...SETUP, '--outbound', 'lots'),
  invalid('token', 'setup', '--token', `alpha=0x1234,beta=${GOOD}`, '--chains', 'alpha,beta'),
  invalid('token', 'setup', '--token', `alpha=${GOOD}`, '--chains', 'alpha,beta'),
  invalid('token', 'setup', '--token', `alpha=${GOOD},gamma=${GOOD}`, '--chains', 'alpha,beta'),
  missing('token', 'setup', '--token', 'MYT', '--chains', 'alpha,nope'),
  down('token', 'setup', ...SETUP, '--pool', 'burn-mint'),
  down('token', 'setup', ...SETUP, '--pool', 'burn-mint', '--dry-run'),
  down('token', 'pool', 'deploy', ...SETUP, '--pool', 'lock-release'),
  down('token', 'register', ...SETUP),
  down('token', 'grant', ...SETUP),
  down('token', 'connect', ...SETUP, '--outbound', '100/1', '--inbound', '110/1'),
  usage('token', 'show'),
  down('token', 'show', 'MYT'),
  down('token', 'show', `alpha=${GOOD}`, '--chains', 'alpha'),
  missing('token', 'show', 'MYT', '--chains', 'nope'),
  invalid('token', 'check', 'MYT', '--chains', 'alpha,'),
  down('token', 'check', 'MYT', '--chains', 'alpha,beta'),
]
