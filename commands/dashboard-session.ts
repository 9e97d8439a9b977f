/**
 * Drives the live dashboard for `ccip watch` and the foreground `ccip local up`: chain data is
 * re-read every second, the view re-rendered twice a second (ages tick). On a terminal it is an
 * ink view on stderr; otherwise one plain log line per refresh. Returns a stop function.
 */
import { createElement } from 'react'
import { type DashboardSnapshot, dashboardSnapshot } from '../src/operator/dashboard.js'
import type { CommandContext } from '../src/ui/command.js'
import { Dashboard, dashboardLine } from '../src/ui/Dashboard.js'

export async function startDashboard(ctx: CommandContext): Promise<() => void> {
  let snap: DashboardSnapshot = await dashboardSnapshot(ctx.home)
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
        snap = await dashboardSnapshot(ctx.home)
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
