/**
 * `/lanes`: every lane with its state and where it is cursed, in-flight messages, the token
 * pools' rate limiters as gauges (tokens available of the capacity, refill per second); the
 * curses with who cursed and why; the local stack's nodes. From the same overview as `ccip
 * watch`, re-read every 500 ms so that a curse shows within the issue's 2 s (a read takes
 * about half a second; one already under way when the curse lands is stale).
 */
export const LANES_SCRIPT = `
const page = document.getElementById('page')
function gauge(label, b, decimals) {
  if (!b) return h('div', { class: 'gauge muted' }, label + ': no pool')
  if (!b.enabled) return h('div', { class: 'gauge muted' }, label + ': no limit')
  const cap = Number(b.capacity)
  const share = cap === 0 ? 0 : Math.max(0, Math.min(1, Number(b.tokens) / cap))
  return h('div', { class: 'gauge' + (share < 0.1 ? ' low' : share < 0.5 ? ' mid' : ''), title: b.tokens + ' of ' + b.capacity + ' (smallest unit), +' + b.rate + '/s' },
    h('span', { text: label }), h('span', { class: 'bar' }, h('span', { class: 'fill', style: 'display:block;width:' + (share * 100).toFixed(1) + '%' })),
    h('span', { text: units(b.tokens, decimals) + ' / ' + units(b.capacity, decimals) + ' · +' + units(b.rate, decimals) + '/s' }))
}
function lanesTable(o) {
  if (o.lanes.length === 0) return h('div', { class: 'empty' }, 'No lanes between the chain profiles.')
  return h('table', { id: 'lanes' }, h('tr', {}, ['Lane', 'CCIP', 'State', 'Cursed on', 'Next seq', 'In flight', 'Rate limits (outbound · inbound)'].map((t) => h('th', { text: t }))),
    o.lanes.map((l) => h('tr', { 'data-lane': l.source + '>' + l.dest, 'data-state': l.state },
      h('td', {}, link('/?from=' + encodeURIComponent(l.source) + '&to=' + encodeURIComponent(l.dest), l.source + ' → ' + l.dest)),
      h('td', { text: l.version || '?' }), h('td', {}, badge(l.state)), h('td', { class: l.cursedOn.length ? 'bad' : 'muted', text: l.cursedOn.join(', ') || '—' }),
      h('td', { text: l.nextSequenceNumber === null ? '—' : l.nextSequenceNumber }), h('td', { text: l.inFlight === null ? '?' : l.inFlight }),
      h('td', {}, l.tokens.length === 0 ? h('span', { class: 'muted', text: 'no tokens' }) : l.tokens.map((t) => h('div', { style: 'margin-bottom:4px' },
        h('b', { text: t.symbol }), gauge('out', t.outbound, t.decimals), gauge('in', t.inbound, t.decimals)))))))
}
function cursesTable(o) {
  if (o.curses.length === 0) return h('div', { class: 'card muted', id: 'no-curses' }, 'Nothing is cursed.')
  return h('table', { id: 'curses' }, h('tr', {}, ['On chain', 'Subject', 'By', 'Why', 'Voters', 'Transaction'].map((t) => h('th', { text: t }))),
    o.curses.map((c) => h('tr', { class: 'bad', 'data-curse': c.chain + ':' + c.label },
      h('td', { text: c.chain }), h('td', { text: c.label === 'global' ? 'global (every lane)' : 'lane with ' + c.label }),
      h('td', { text: c.by }), h('td', { text: c.reason || '—' }), h('td', { class: 'mono' }, c.voters.map((v) => h('div', { text: short(v, 6) }))),
      h('td', {}, txCell(c.txHash)))))
}
function nodesPart(o) {
  if (!o.nodes) return h('div', { class: 'card muted' }, o.localStack === 'none' ? 'These profiles are not a local stack: no nodes of ours to show.' : 'The local stack is not running: no nodes.')
  const n = o.nodes
  return h('div', {}, h('div', { class: n.healthy ? 'ok' : 'bad', id: 'nodes-health' }, (n.healthy ? 'healthy' : 'NOT REPORTING') + (n.updatedAt ? ' · reported ' + ago(Date.parse(n.updatedAt) / 1000) : '')),
    n.degraded ? h('div', { class: 'problem' }, h('div', { class: 'what', text: 'DEGRADED: ' + n.degraded })) : null,
    h('table', { id: 'nodes' }, h('tr', {}, ['Node', 'Address', 'Rounds', 'Last round', 'Last error'].map((t) => h('th', { text: t }))),
      n.nodes.map((x) => h('tr', {}, h('td', { text: x.role + ' ' + x.index }), h('td', { class: 'mono', text: short(x.address, 6) }), h('td', { text: x.rounds }),
        h('td', { text: x.lastRoundAt ? ago(Date.parse(x.lastRoundAt) / 1000) : 'never' }),
        h('td', { class: x.lastError ? 'bad' : 'muted', text: x.lastError || '—' })))))
}
let lastText = ''
function draw(o) {
  // Ages in the nodes' table tick: redraw when the data changed or a second passed.
  const t = JSON.stringify([o.localStack, o.lanes, o.curses, o.nodes, o.unreachable, Math.floor(Date.now() / 5000)])
  if (t === lastText) return
  lastText = t
  clear(page, h('h1', {}, 'Lanes & nodes'), o.localStack === 'stopped' ? stoppedBox() : null,
    o.unreachable.map((u) => h('div', { class: 'problem' }, h('div', { class: 'what', text: u.chain + ' does not answer' }), h('div', { text: u.message }))),
    lanesTable(o), h('h2', { text: 'Curses' }), cursesTable(o), h('h2', { text: 'Nodes' }), nodesPart(o))
  document.body.setAttribute('data-cursed', String(o.curses.length))
}
drawHealth(INITIAL)
draw(INITIAL)
startHeader(500, (o, error) => { showProblem(error); if (o) draw(o) })
`
