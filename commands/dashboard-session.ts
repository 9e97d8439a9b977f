/**
 * Drives the live dashboard for `ccip watch` and the foreground `ccip local up`: chain data is
 * re-read every second, the view re-rendered twice a second (ages tick). On a terminal it is an
 * ink view on stderr; otherwise one plain log line per refresh. Returns a stop function.
 * `onStackGone`: called (and the refreshes end) when there is no running stack to show.
 */
import { createElement } from 'react'
import { createClient } from '../src/api/client.js'
import type { DashboardSnapshot } from '../src/operator/dashboard.js'
import type { CommandContext } from '../src/ui/command.js'
import { Dashboard, dashboardLine } from '../src/ui/Dashboard.js'

export async function startDashboard(
  ctx: CommandContext,
  opts: { onStackGone?: () => void } = {},
): Promise<() => void> {
  // The library's overview, as the explorer reads it: the local stack's chains, 6 newest messages.
  const client = createClient({ home: ctx.home })
  const read = () => client.overview({ scope: 'local', messages: 6 })
  let snap: DashboardSnapshot = await read()
  if (!snap.running && opts.onStackGone !== undefined) {
    opts.onStackGone()
    return () => {}
  }
  let stopped = false
  let ink: { rerender(node: ReturnType<typeof createElement>): void; unmount(): void } | undefined
  if (ctx.interactive) {
    const { render } = await import('ink')
    ink = render(createElement(Dashboard, { snap, now: Date.now() }), {
      stdout: process.stderr,
      patchConsole: false,
    })
  } else {
    ctx.out.info(dashboardLine(snap))
  }
  const render = setInterval(() => ink?.rerender(createElement(Dashboard, { snap, now: Date.now() })), 500)
  const refresh = async () => {
    while (!stopped) {
      await new Promise((r) => setTimeout(r, 1_000))
      if (stopped) break
      try {
        snap = await read()
        if (!snap.running && opts.onStackGone !== undefined) {
          // Nothing left to show: the caller ends (a `local up` session never gets here).
          opts.onStackGone()
          break
        }
        if (ink === undefined) ctx.out.info(dashboardLine(snap))
      } catch (error) {
        // A refresh that races a stopping stack is not worth dying for; show it and keep going.
        if (ink === undefined) ctx.out.warn(`dashboard: ${(error as Error).message}`)
      }
    }
  }
  void refresh()
  return () => {
    stopped = true
    clearInterval(render)
    ink?.unmount()
  }
}
