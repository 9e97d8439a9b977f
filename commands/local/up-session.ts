/**
 * The body of `ccip local up`, loaded only when it runs: start (or resume) the stack, print where
 * everything is, and in the foreground keep it alive until Ctrl-C, then stop it and save state.
 */

import { CcipError, ErrorCode, ExitCode } from '../../src/errors.js'
import { DEV_ADDRESSES } from '../../src/profiles/dev-addresses.js'
import type { CcipMode } from '../../src/stack/lane-plan.js'
import { inspectProcesses } from '../../src/stack/manifest.js'
import { stackPaths } from '../../src/stack/paths.js'
import { FUNDING } from '../../src/stack/settings.js'
import { startStack } from '../../src/stack/start.js'
import { stackStatus } from '../../src/stack/status.js'
import { stopStack } from '../../src/stack/stop.js'
import { sleep } from '../../src/time.js'
import type { CommandContext } from '../../src/ui/command.js'
import { renderUp } from '../../src/ui/stack.js'

export interface UpFlags {
  chains?: number
  blockTime?: number
  instant?: boolean
  ccip?: CcipMode
  finalityDepth?: number
  portBase?: number
  detach?: boolean
  fresh?: boolean
}

export async function runUp(ctx: CommandContext, flags: UpFlags): Promise<void> {
  const paths = stackPaths(ctx.home)
  const t0 = performance.now()
  const result = await startStack(ctx.home, paths, {
    signal: startSignal(ctx.signal),
    ...(flags.chains === undefined ? {} : { chains: flags.chains }),
    ...(flags.blockTime === undefined ? {} : { blockTime: flags.blockTime }),
    instant: flags.instant === true,
    ...(flags.ccip === undefined ? {} : { ccip: flags.ccip }),
    ...(flags.finalityDepth === undefined ? {} : { finalityDepth: flags.finalityDepth }),
    ...(flags.portBase === undefined ? {} : { portBase: flags.portBase }),
    fresh: flags.fresh === true,
    onStep: (line) => ctx.out.info(`… ${line}`),
  })
  const seconds = (performance.now() - t0) / 1000
  const status = await stackStatus(paths)
  const accounts = DEV_ADDRESSES.slice(0, FUNDING.devAccounts)
  const { stale: _stale, ...statusJson } = status
  ctx.out.result(
    {
      ...statusJson,
      mode: result.mode,
      seconds: Number(seconds.toFixed(3)),
      recoveredStale: result.recoveredStale,
      accounts,
    },
    () =>
      renderUp({
        mode: result.mode,
        seconds,
        detached: flags.detach === true,
        status,
        accounts,
        logsDir: paths.logsDir,
      }),
  )
  if (flags.detach === true) return

  // Foreground: the live dashboard, and a watch on our processes until Ctrl-C; if one dies, stop
  // the rest rather than limp on.
  const { startDashboard } = await import('../dashboard-session.js')
  const stopDashboard = await startDashboard(ctx)
  let died: string | undefined
  try {
    while (died === undefined) {
      await sleep(500, ctx.signal)
      const inspection = inspectProcesses(paths)
      if (inspection.liveness !== 'running') died = 'a process of the stack exited unexpectedly'
    }
  } catch {
    // Ctrl-C: fall through to the orderly stop.
  }
  stopDashboard()
  ctx.out.info(died === undefined ? '… stopping (saving chain state)' : `… ${died}; stopping the rest`)
  const stopped = await stopStack(paths, { save: true })
  ctx.out.info(`Stopped. Saved: ${stopped.saved.join(', ') || 'nothing'}.`)
  if (stopped.saveError !== undefined) {
    ctx.out.warn(
      `chain state NOT saved: ${stopped.saveError}; the next \`up\` resumes from the last saved cut`,
    )
  }
  if (died !== undefined || stopped.saveError !== undefined) process.exitCode = 1
}

/**
 * Ctrl-C, or the reader of our progress lines going away (`ccip local up 2>&1 | head -1`): either
 * ends the start, which then stops what it started. Without this, the write to the closed pipe
 * would throw out of the process mid-deploy. Once the reader is gone, later lines are dropped.
 */
function startSignal(interrupt: AbortSignal): AbortSignal {
  const stop = new AbortController()
  interrupt.addEventListener('abort', () => stop.abort(interrupt.reason), { once: true })
  process.stderr.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
    stop.abort(new CcipError(ErrorCode.Aborted, 'the output pipe closed', { exitCode: ExitCode.Aborted }))
  })
  return stop.signal
}
