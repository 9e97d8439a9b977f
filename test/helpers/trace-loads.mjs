// Loaded with `node --import`: reports every module URL the process loads (one per line on fd 3
// when open, else nowhere), so a test can prove `ccip --help` never loads ethers, ink or conf.
import { register } from 'node:module'

register(
  `data:text/javascript,${encodeURIComponent(`
import { writeSync } from 'node:fs'
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context)
  try { writeSync(Number(process.env.CCIPKIT_TRACE_FD ?? 2), result.url + '\\n') } catch {}
  return result
}`)}`,
)
