import type { WebError } from './errors.js'
import { embeddedJson, escapeHtml } from './json.js'
import { COMMON_SCRIPT } from './pages/common.js'
import { STYLE } from './style.js'

export type Section = 'messages' | 'lanes' | 'stats' | 'none'

export interface PageParts {
  title: string
  section: Section
  /** A fresh random value per response: the CSP lets only scripts carrying it run. */
  nonce: string
  /** The page's first data, read by the server: rows are in the DOM at first paint, no round trip. */
  initial: unknown
  script: string
  /** Server-made HTML for <main> (error pages); pages otherwise draw it from `initial`. */
  main?: string
}

const NAV: [Exclude<Section, 'none'>, string, string][] = [
  ['messages', '/', 'Messages'],
  ['lanes', '/lanes', 'Lanes & nodes'],
  ['stats', '/stats', 'Stats'],
]

/** One page: the header (nav, chains and health, filled by the script), a problem banner, main. */
export function page(p: PageParts): string {
  const nav = NAV.map(
    ([section, href, label]) =>
      `<a href="${href}"${section === p.section ? ' class="here"' : ''}>${label}</a>`,
  ).join('')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(p.title)} · ccip explorer</title><style>${STYLE}</style></head>
<body><header><span class="brand">ccip explorer</span><nav>${nav}</nav><div id="health"></div></header>
<main><div id="problem" class="problem" hidden></div><div id="page">${p.main ?? ''}</div></main>
<script type="application/json" id="initial">${embeddedJson(p.initial)}</script>
<script nonce="${p.nonce}">${COMMON_SCRIPT}\n${p.script}</script>
</body></html>`
}

/**
 * A page for a failure: what went wrong, the hint, and the way back. A stopped local stack's page
 * keeps asking and reloads itself once the stack is back.
 */
export function errorPage(failure: WebError, nonce: string): string {
  const { code, message, hint } = failure.error
  const main = `<div class="problem" data-code="${escapeHtml(code)}"><div class="what">${escapeHtml(message)}</div>
${hint === undefined ? '' : `<div class="hint">${hintHtml(hint)}</div>`}
<div class="muted mono" style="margin-top:6px">${escapeHtml(code)} · HTTP ${failure.status}</div></div>
<p><a href="/">All messages</a> · <a href="/lanes">Lanes &amp; nodes</a> · <a href="/stats">Stats</a></p>`
  return page({
    title: message,
    section: 'none',
    nonce,
    initial: failure,
    main,
    script: ERROR_SCRIPT,
  })
}

/** Commands in a hint (`ccip local up --detach`) are shown as code. */
function hintHtml(hint: string): string {
  return escapeHtml(hint).replace(/`([^`]+)`/g, '<code>$1</code>')
}

const ERROR_SCRIPT = `
startHeader(2000)
if (INITIAL.error.code === 'STACK_NOT_RUNNING') {
  poll(async () => {
    const r = await api('/api/overview')
    if (r.data && r.data.localStack !== 'stopped') location.reload()
  }, 1500)
}
`
