/**
 * `/stats`: the stats report (`ccip stats`) as charts drawn here in inline SVG (no chart library,
 * nothing fetched): messages over time, the end-to-end latency distribution, volume per token;
 * then totals, per-lane latency, fees, failure reasons and what the pools hold.
 */
export const STATS_SCRIPT = `
const page = document.getElementById('page')
const q = INITIAL.query
const NS = 'http://www.w3.org/2000/svg'
function s(tag, attrs, ...kids) {
  const e = document.createElementNS(NS, tag)
  for (const [k, v] of Object.entries(attrs || {})) if (k === 'text') e.textContent = v; else e.setAttribute(k, String(v))
  for (const kid of kids.flat(3)) if (kid) e.append(kid)
  return e
}
// Vertical bars with a value above each and a label under every n-th; empty data says so.
function bars(id, values, labels, title) {
  const W = 640, H = 220, L = 34, B = 34, top = 18
  const max = Math.max(1, ...values)
  const w = (W - L - 8) / Math.max(1, values.length)
  const every = Math.ceil(values.length / 8)
  return s('svg', { class: 'chart', id, viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': title },
    s('text', { x: L, y: 13, text: title }),
    s('line', { x1: L, y1: H - B, x2: W - 8, y2: H - B, stroke: 'currentColor', 'stroke-opacity': 0.3 }),
    s('text', { x: 4, y: top + 8, text: String(max) }), s('text', { x: 4, y: H - B, text: '0' }),
    values.map((v, i) => {
      const bh = (v / max) * (H - B - top - 6)
      const x = L + i * w
      return [s('rect', { class: 'bar', x: x + 1, y: H - B - bh, width: Math.max(1, w - 2), height: bh }, s('title', { text: labels[i] + ': ' + v })),
        i % every === 0 ? s('text', { x: x + 1, y: H - B + 14, text: labels[i] }) : null]
    }),
    values.every((v) => v === 0) ? s('text', { x: W / 2 - 60, y: H / 2, text: 'no messages in this window' }) : null)
}
function hbars(id, items, title) {
  const W = 640, row = 24, H = 26 + row * Math.max(1, items.length), L = 170
  const max = Math.max(1, ...items.map((i) => i.value))
  return s('svg', { class: 'chart', id, viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': title },
    s('text', { x: 8, y: 14, text: title }),
    items.length === 0 ? s('text', { x: 8, y: 40, text: 'no token transfers in this window' }) : null,
    items.map((it, i) => [s('text', { x: 8, y: 38 + i * row, text: it.label }),
      s('rect', { class: 'bar', x: L, y: 26 + i * row, width: Math.max(1, (it.value / max) * (W - L - 170)), height: row - 8 }),
      s('text', { x: L + (it.value / max) * (W - L - 170) + 6, y: 38 + i * row, text: it.note })]))
}
function timeLabel(t, step) { const d = new Date(t * 1000); return step >= 86400 ? (d.getMonth() + 1) + '/' + d.getDate() : pad(d.getHours()) + ':' + pad(d.getMinutes()) }
function dist(d) { return d ? 'p50 ' + seconds(d.p50) + ' · p90 ' + seconds(d.p90) + ' · max ' + seconds(d.max) + ' (' + d.count + ')' : '—' }
function filters() {
  const input = (name, ph) => h('label', {}, name, h('input', { name, value: q[name] || '', placeholder: ph, size: 14 }))
  const form = h('form', { class: 'filters', method: 'get', action: '/stats' }, input('from', 'chain'), input('to', 'chain'),
    input('since', 'ISO date or unix s'), input('until', 'ISO date or unix s'), h('button', { class: 'primary', type: 'submit' }, 'Apply'), link('/stats', 'clear'))
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    const params = new URLSearchParams()
    for (const [k, v] of new FormData(form)) if (String(v).trim() !== '') params.set(k, String(v).trim())
    location.href = '/stats' + (params.size ? '?' + params : '')
  })
  return form
}
let lastText = ''
function draw(r) {
  // Redrawn only when the report changed: the filter form must not be reset under the user's typing.
  const text = JSON.stringify(r)
  if (text === lastText) return
  lastText = text
  const t = r.total
  const tl = r.timeline
  const tokens = t.tokens.map((x) => ({ label: (x.symbol || short(x.token, 4)) + ' from ' + x.chain, value: x.transfers,
    note: units(x.amount, x.decimals) + ' in ' + x.transfers + ' transfer' + (x.transfers === 1 ? '' : 's') }))
  clear(page, h('h1', {}, 'Stats'), filters(),
    h('div', { class: 'grid' }, h('div', { class: 'card', id: 'totals' }, h('h2', { text: 'Totals' }), h('div', { class: 'kv' },
      ['messages', t.messages, 'success', t.success, 'failure', t.failure, 'in flight', t.inFlight,
        'fees', t.feesUsd === null ? '—' : '$' + t.feesUsd.toFixed(2), 'send → executed', dist(t.latency.sentToExecuted),
        'send → committed', dist(t.latency.sentToCommitted)].map((v) => h('div', { text: String(v) })))),
      t.failures.length ? h('div', { class: 'card' }, h('h2', { text: 'Why messages failed' }), t.failures.map((f) => h('div', {}, f.count + ' × ' + f.reason))) : null),
    h('h2', { text: 'Messages over time' }),
    bars('chart-timeline', tl.counts, tl.counts.map((_, i) => timeLabel(tl.start + i * tl.bucketSeconds, tl.bucketSeconds)), 'messages sent per ' + seconds(tl.bucketSeconds)),
    h('h2', { text: 'Latency (send → executed)' }),
    bars('chart-latency', r.latencyHistogram.map((b) => b.count), r.latencyHistogram.map((b) => '≤' + seconds(b.upTo)), 'messages by end-to-end latency'),
    h('h2', { text: 'Volume per token' }), hbars('chart-tokens', tokens, 'transfers per token and source chain'),
    h('h2', { text: 'Lanes' }), h('table', { id: 'lane-stats' }, h('tr', {}, ['Lane', 'CCIP', 'Messages', 'Success', 'Failure', 'In flight', 'Send → executed'].map((x) => h('th', { text: x }))),
      r.lanes.map((l) => h('tr', {}, h('td', { text: l.source + ' → ' + l.dest }), h('td', { text: l.version }), h('td', { text: l.messages }),
        h('td', { text: l.success }), h('td', { text: l.failure }), h('td', { text: l.inFlight }), h('td', { text: dist(l.latency.sentToExecuted) })))),
    r.holdings.length ? [h('h2', { text: 'Held by the pools' }), h('table', { id: 'holdings' }, r.holdings.map((x) => h('tr', {},
      h('td', { text: x.chain }), h('td', { text: x.symbol || x.token }), h('td', { text: x.kind }), h('td', { text: units(x.amount, x.decimals) }))))] : null)
  document.body.setAttribute('data-messages', String(t.messages))
}
draw(INITIAL.report)
poll(async () => {
  const r = await api('/api/stats' + location.search)
  showProblem(r.error)
  if (r.data) draw(r.data)
}, 5000)
startHeader(3000)
`
