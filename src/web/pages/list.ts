import { LIST_STATES } from '../query.js'

/**
 * `/`: the message list, newest first, filterable by lane, state and sender. Drawn from the rows
 * the server embedded (so they are there at first paint), then re-read every second: new messages
 * appear at the top (highlighted) and states change in place, without a reload.
 */
export const LIST_SCRIPT = `
const q = INITIAL.query
let limit = INITIAL.limit
let known = new Set()
let drawnOnce = false
let lastText = ''
const page = document.getElementById('page')
const chainSelect = (name) => h('select', { name, id: 'f-' + name }, h('option', { value: '' }, 'any'),
  q[name] ? h('option', { value: q[name], selected: true }, q[name]) : null)
const stateSelect = h('select', { name: 'state', id: 'f-state' }, h('option', { value: '' }, 'any'),
  ${JSON.stringify(LIST_STATES)}.map((s) => h('option', { value: s, selected: q.state === s }, s)))
const form = h('form', { class: 'filters', method: 'get', action: '/' },
  h('label', {}, 'from', chainSelect('from')), h('label', {}, 'to', chainSelect('to')),
  h('label', {}, 'state', stateSelect),
  h('label', {}, 'sender', h('input', { name: 'sender', id: 'f-sender', value: q.sender || '', placeholder: '0x…', size: 44 })),
  h('button', { class: 'primary', type: 'submit' }, 'Filter'), link('/', 'clear'))
// An empty field is no filter: leave it out of the URL.
form.addEventListener('submit', (e) => {
  e.preventDefault()
  const params = new URLSearchParams()
  for (const [k, v] of new FormData(form)) if (String(v).trim() !== '') params.set(k, String(v).trim())
  location.href = '/' + (params.size ? '?' + params : '')
})
const count = h('div', { class: 'muted', id: 'count' })
const body = h('tbody', { id: 'rows' })
const table = h('table', { id: 'messages' }, h('thead', {}, h('tr', {},
  ['Sent', 'Message', 'Lane', 'CCIP', 'State', 'Sender', 'Seq', 'Tokens', 'Fee'].map((t) => h('th', { text: t })))), body)
const more = h('button', { class: 'more', id: 'more' }, 'Show more')
more.addEventListener('click', () => { limit = Math.min(1000, limit + 100); refresh() })
clear(page, h('h1', {}, 'Messages'), form, count, table, more)
function row(m, fresh) {
  const tokens = m.tokens.length === 0 ? '' : m.tokens.length + ' token' + (m.tokens.length > 1 ? 's' : '')
  return h('tr', { 'data-id': m.messageId, 'data-state': m.state, class: fresh ? 'new' : null },
    h('td', { title: ago(m.sent.timestamp) }, when(m.sent.timestamp)), h('td', {}, msgLink(m.messageId)),
    h('td', {}, m.sourceChain + ' → ' + m.destChain), h('td', { text: m.version }), h('td', {}, badge(m.state)),
    h('td', { class: 'mono', title: m.sender }, short(m.sender, 6)), h('td', { text: m.sequenceNumber }),
    h('td', { text: tokens }), h('td', { class: 'fee' }, m.feeToken ? amountOf(m.feeAmount, m.sourceChain, m.feeToken) : ''))
}
function draw(rows) {
  const text = JSON.stringify(rows)
  if (text === lastText) return
  lastText = text
  const fresh = (id) => drawnOnce && !known.has(id)
  drawnOnce = true
  clear(body, rows.length === 0 ? h('tr', {}, h('td', { colspan: 9, class: 'empty' }, 'No messages match (yet): this list updates by itself.')) : null,
    rows.map((m) => row(m, fresh(m.messageId))))
  for (const m of rows) known.add(m.messageId)
  count.textContent = rows.length + ' newest message' + (rows.length === 1 ? '' : 's') + (rows.length >= limit ? ' (more below)' : '')
  more.hidden = rows.length < limit
  document.body.setAttribute('data-rows', String(rows.length))
}
function queryString() {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(q)) if (k !== 'limit' && v !== undefined) params.set(k, String(v))
  params.set('limit', String(limit))
  return params.toString()
}
async function refresh() {
  const r = await api('/api/messages?' + queryString())
  showProblem(r.error)
  if (r.data) draw(r.data)
}
draw(INITIAL.rows)
// The bench measures from navigation start to this mark: the rows are in the DOM.
performance.mark('ccip:rows')
poll(refresh, 1000)
startHeader(2000, (o) => {
  if (!o) return
  for (const name of ['from', 'to']) {
    const select = document.getElementById('f-' + name)
    const have = new Set([...select.options].map((x) => x.value))
    for (const c of o.chains) if (!have.has(c.name)) select.append(h('option', { value: c.name }, c.name))
  }
})
`
