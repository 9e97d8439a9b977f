/**
 * Browser code shared by every page (plain JS, run as is): DOM building without innerHTML (chain
 * data is never parsed as HTML), the JSON API with its errors, the problem banner, formatting,
 * polling, and the header's chains and health from the overview.
 */
export const COMMON_SCRIPT = String.raw`
'use strict'
const INITIAL = JSON.parse(document.getElementById('initial').textContent)
const FINAL = ['SUCCESS', 'FAILURE']
function h(tag, attrs, ...kids) {
  const e = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue
    if (k === 'class') e.className = v
    else if (k === 'text') e.textContent = v
    else e.setAttribute(k, v === true ? '' : String(v))
  }
  for (const kid of kids.flat(4)) {
    if (kid === null || kid === undefined || kid === false) continue
    e.append(kid instanceof Node ? kid : String(kid))
  }
  return e
}
function clear(e, ...kids) { e.replaceChildren(...kids.flat(4).filter((k) => k !== null && k !== undefined)); return e }
async function api(path) {
  try {
    const r = await fetch(path, { headers: { accept: 'application/json' }, cache: 'no-store' })
    const body = await r.json().catch(() => null)
    if (!r.ok || body === null) return { error: (body && body.error) || { code: 'HTTP_' + r.status, message: 'the explorer answered ' + r.status } }
    return { data: body }
  } catch (e) {
    return { error: { code: 'EXPLORER_DOWN', message: 'the explorer does not answer', hint: 'is \x60ccip explorer\x60 still running? Start it again and reload' } }
  }
}
function hintNodes(hint) {
  return String(hint).split('\x60').map((part, i) => (i % 2 === 1 ? h('code', { text: part }) : part))
}
// One banner for the page's data problems: shown while they last, gone once a read works again.
function showProblem(err) {
  const box = document.getElementById('problem')
  if (!err) { box.hidden = true; box.removeAttribute('data-code'); return }
  box.hidden = false
  box.setAttribute('data-code', err.code)
  clear(box, h('div', { class: 'what', text: err.message }), err.hint ? h('div', { class: 'hint' }, hintNodes(err.hint)) : null,
    h('div', { class: 'muted mono', text: err.code + ' · retrying' }))
}
// The same words as the server's STACK_NOT_RUNNING page: the overview leaves a stopped stack out.
function stoppedBox() {
  return h('div', { class: 'problem', 'data-code': 'STACK_NOT_RUNNING' }, h('div', { class: 'what', text: 'the local stack is not running' }),
    h('div', { class: 'hint' }, hintNodes('start it with \x60ccip local up --detach\x60; this page comes back by itself')))
}
function short(hex, keep) { keep = keep || 8; return !hex ? '' : hex.length <= 2 * keep + 3 ? hex : hex.slice(0, keep + 2) + '…' + hex.slice(-keep) }
function pad(n) { return String(n).padStart(2, '0') }
function when(ts) {
  if (!ts) return '—'
  const d = new Date(ts * 1000)
  return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds())
}
function ago(ts) {
  const s = Math.max(0, Math.round(Date.now() / 1000 - ts))
  return s < 60 ? s + ' s ago' : s < 3600 ? Math.floor(s / 60) + ' min ago' : s < 86400 ? Math.floor(s / 3600) + ' h ago' : Math.floor(s / 86400) + ' d ago'
}
function seconds(s) { return s === null || s === undefined ? '—' : s < 10 ? s.toFixed(1) + ' s' : Math.round(s) + ' s' }
// A token amount in its smallest unit (a decimal string) shown in whole tokens, exactly.
function units(amount, decimals) {
  if (amount === null || amount === undefined) return '—'
  if (decimals === null || decimals === undefined) return String(amount)
  const s = String(amount).padStart(decimals + 1, '0')
  const whole = s.slice(0, s.length - decimals).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const frac = s.slice(s.length - decimals).replace(/0+$/, '').slice(0, 6)
  return frac ? whole + '.' + frac : whole
}
// Each token's symbol and decimals, asked once per page (a failed read is asked again next time).
const tokenInfos = new Map()
function tokenInfo(chain, token) {
  const key = chain + ' ' + token
  if (!tokenInfos.has(key)) {
    tokenInfos.set(key, api('/api/tokens?chain=' + encodeURIComponent(chain) + '&token=' + encodeURIComponent(token)).then((r) => {
      if (r.error) tokenInfos.delete(key)
      return r.data || null
    }))
  }
  return tokenInfos.get(key)
}
// An amount of a token in whole tokens with its symbol once the token is known (in the smallest unit until then).
function amountOf(amount, chain, token) {
  const e = h('span', { class: 'amount', title: amount + ' (smallest unit) of ' + token, text: String(amount) })
  tokenInfo(chain, token).then((t) => {
    if (t && t.decimals !== null) e.textContent = units(amount, t.decimals) + ' ' + t.symbol
  })
  return e
}
function badge(state) { return h('span', { class: 'badge s-' + state, text: state }) }
function poll(work, ms) {
  const tick = async () => { try { await work() } finally { setTimeout(tick, typeof ms === 'function' ? ms() : ms) } }
  setTimeout(tick, typeof ms === 'function' ? ms() : ms)
}
function link(href, text, cls) { return h('a', { href, class: cls }, text) }
function msgLink(id) { return link('/message/' + id, short(id), 'mono') }
function txCell(hash) { return hash ? h('span', { class: 'mono', title: hash, text: short(hash) }) : h('span', { class: 'muted', text: 'off chain' }) }
// The header: chains with their heights, the local stack and its nodes, from the overview.
const overviewListeners = []
function drawHealth(o) {
  const box = document.getElementById('health')
  const stack = o.localStack === 'running' ? null
    : o.localStack === 'stopped' ? h('span', { class: 'bad', text: 'local stack stopped' }) : null
  const nodes = o.nodes ? h('span', { class: o.nodes.healthy ? 'ok' : 'bad', text: 'nodes ' + (o.nodes.healthy ? 'healthy' : 'NOT REPORTING') }) : null
  const cursed = o.lanes.filter((l) => l.state === 'cursed').length
  clear(box, o.chains.map((c) => h('span', { 'data-chain': c.name }, c.name + ' #' + (c.blockNumber === null ? '?' : c.blockNumber))),
    stack, nodes, cursed ? h('span', { class: 'bad', text: cursed + ' cursed' }) : null,
    o.unreachable.length ? h('span', { class: 'bad', text: 'unreachable: ' + o.unreachable.map((u) => u.chain).join(', ') }) : null)
}
function startHeader(ms, onOverview) {
  if (onOverview) overviewListeners.push(onOverview)
  const read = async () => {
    const r = await api('/api/overview')
    if (r.data) { drawHealth(r.data); for (const f of overviewListeners) f(r.data, null) }
    else for (const f of overviewListeners) f(null, r.error)
  }
  // After the first paint: the page shows its rows first, the header's chains a moment later.
  requestAnimationFrame(() => setTimeout(read, 0))
  poll(read, ms)
}
`
