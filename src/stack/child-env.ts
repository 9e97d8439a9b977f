import { readdirSync, readFileSync } from 'node:fs'

/**
 * The environment of every process of the local stack (anvil, the node daemon). They outlive the
 * `ccip local up` that started them, so whatever they inherit stays readable in
 * /proc/<pid>/environ for the stack's lifetime: a CCIPKIT_PRIVATE_KEY or an API token exported for
 * some other command must not be in it. Hence an allow-list, not a deny-list: a variable nobody
 * thought of is left out.
 */
const ALLOWED = new Set([
  // What a process needs to run and to find its files and temp dir.
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'TMPDIR',
  'TEMP',
  'TMP',
  'LANG',
  'LC_ALL',
  'LC_CTYPE',
  'TZ',
  // Windows cannot start a process without these.
  'SYSTEMROOT',
  'WINDIR',
  'COMSPEC',
  'PATHEXT',
  'USERPROFILE',
  // anvil's own diagnostics.
  'RUST_LOG',
  'RUST_BACKTRACE',
  // Knobs the node daemon reads (src/nodes). NODE_OPTIONS stays out on purpose: an --inspect or
  // --require meant for the CLI would also hit the daemon (and clash on the inspector port).
  'CCIPKIT_SNAPSHOT_MS',
  'CCIPKIT_NODES_DEBUG',
])

/** Even an allowed name is dropped if it looks like it holds a secret. */
const SECRET = /KEY|SECRET|TOKEN|PASS|PWD|MNEMONIC|SEED|CREDENTIAL|AUTH|COOKIE|SESSION/i

/**
 * Every process of a stack carries this variable (its CCIPKIT_HOME), so the processes of one home
 * can be found even when no manifest lists them: an `up` that died before it recorded a pid.
 */
export const STACK_HOME_VAR = 'CCIPKIT_STACK_HOME'

export function childEnv(home: string | undefined, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && ALLOWED.has(name.toUpperCase()) && !SECRET.test(name)) out[name] = value
  }
  if (home !== undefined) {
    out.CCIPKIT_HOME = home
    out[STACK_HOME_VAR] = home
  }
  return out
}

/**
 * Pids of the live processes tagged with `home` (see STACK_HOME_VAR). Linux only (/proc); elsewhere
 * an empty list, and the pids recorded in the manifest are all we know.
 */
export function stackProcessesOf(home: string): number[] {
  let entries: string[]
  try {
    entries = readdirSync('/proc')
  } catch {
    return []
  }
  const tag = `\0${STACK_HOME_VAR}=${home}\0`
  const pids: number[] = []
  for (const entry of entries) {
    const pid = Number(entry)
    if (!Number.isInteger(pid) || pid === process.pid) continue
    try {
      if (`\0${readFileSync(`/proc/${pid}/environ`, 'latin1')}\0`.includes(tag)) pids.push(pid)
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return pids
}
