/**
 * `/message/<id>`: the phase timeline (each phase with its time, delay from the send, transaction
 * and block; phases not reached yet greyed), the decoded data, tokens and fee, the commit root
 * (1.6) or the verifiers (2.0), every execution attempt, and on FAILURE the reason and the
 * command that executes it by hand. Re-read every second until final, then every few seconds
 * (a manual execution can still turn a FAILURE into a SUCCESS).
 */
export const MESSAGE_SCRIPT = String.raw`
const page = document.getElementById('page')
const EXEC = ['UNTOUCHED', 'IN_PROGRESS', 'SUCCESS', 'FAILURE']
const SOURCE_PHASES = ['SENT', 'SOURCE_FINALIZED']
function expected(m) {
  const end = m.state === 'FAILURE' ? 'FAILURE' : 'SUCCESS'
  return m.version === '2.0' ? ['SENT', 'SOURCE_FINALIZED', 'VERIFIED', end] : ['SENT', 'SOURCE_FINALIZED', 'COMMITTED', 'BLESSED', end]
}
function timeline(m) {
  const sent = m.phases[0] ? m.phases[0].timestamp : null
  return h('ol', { class: 'timeline', id: 'timeline' }, expected(m).map((state) => {
    const p = m.phases.find((x) => x.state === state)
    const chain = SOURCE_PHASES.includes(state) ? m.sourceChain : m.destChain
    if (!p) return h('li', { class: 'pending', 'data-phase': state }, h('span', { class: 'dot' }), h('b', { text: state }), h('span', { text: 'not yet' }), h('span'))
    const delay = sent === null || state === 'SENT' ? '' : ' (+' + seconds(p.timestamp - sent) + ')'
    return h('li', { class: state === 'FAILURE' ? 'failed' : null, 'data-phase': state, 'data-tx': p.txHash || '' },
      h('span', { class: 'dot' }), h('b', { text: state }), h('span', { title: ago(p.timestamp) }, when(p.timestamp) + delay),
      h('span', {}, where(p, chain)))
  }))
}
// SOURCE_FINALIZED is a block (no transaction of its own); VERIFIED happens off chain.
function where(p, chain) {
  if (p.txHash) return [h('span', { class: 'mono tx', text: p.txHash }), ' · block ' + p.blockNumber + ' on ' + chain]
  if (p.blockNumber !== null) return h('span', { class: 'muted', text: 'block ' + p.blockNumber + ' on ' + chain + ' (final; no transaction of its own)' })
  return h('span', { class: 'muted', text: 'off chain: the verifiers\u2019 results, as an indexer serves them' })
}
function text(hex) {
  if (!hex || hex === '0x' || hex.length % 2) return null
  try {
    const bytes = new Uint8Array(hex.slice(2).match(/../g).map((b) => parseInt(b, 16)))
    const s = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return /^[\x20-\x7e\s\u00a0-\uffff]*$/.test(s) && !/[\x00-\x08\x0e-\x1f]/.test(s) ? s : null
  } catch (e) { return null }
}
function kv(pairs) { return h('div', { class: 'kv' }, pairs.filter((p) => p).flatMap(([k, v]) => [h('div', { text: k }), h('div', {}, v)])) }
function details(m) {
  const d = m.detail
  if (!d) return null
  const data = text(d.data)
  return h('div', { class: 'card' }, h('h2', { text: 'Message' }), kv([
    ['lane', m.sourceChain + ' → ' + m.destChain + ' (CCIP ' + m.version + ')'],
    [m.version === '2.0' ? 'message number' : 'sequence number', m.sequenceNumber],
    m.nonce !== null ? ['nonce', m.nonce] : null,
    ['sender', h('span', { class: 'mono', text: d.sender })], ['receiver', h('span', { class: 'mono', text: d.receiver })],
    ['data', [h('div', { class: 'mono', id: 'data', text: d.data.length > 402 ? d.data.slice(0, 402) + '… (' + (d.data.length / 2 - 1) + ' bytes)' : d.data }),
      data ? h('div', {}, 'as text: ', h('q', { id: 'data-text', text: data })) : null]],
    ['gas limit', d.gasLimit === undefined || d.gasLimit === null ? 'default' : d.gasLimit],
    ['fee', [h('span', { id: 'fee' }, amountOf(d.feeTokenAmount, m.sourceChain, d.feeToken)), ' · token ', h('span', { class: 'mono', text: d.feeToken })]],
    ['on-ramp', h('span', { class: 'mono', text: d.onRamp })], d.offRamp ? ['off-ramp', h('span', { class: 'mono', text: d.offRamp })] : null,
  ]))
}
function tokens(d) {
  if (!d || d.tokenAmounts.length === 0) return null
  return h('div', { class: 'card' }, h('h2', { text: 'Tokens' }), h('table', { id: 'tokens' },
    h('tr', {}, h('th', { text: 'amount (smallest unit)' }), h('th', { text: 'source pool' }), h('th', { text: 'destination token' })),
    d.tokenAmounts.map((t) => h('tr', {}, h('td', { text: t.amount }), h('td', { class: 'mono', title: t.sourcePoolAddress, text: short(t.sourcePoolAddress, 6) }), h('td', { class: 'mono', title: t.destTokenAddress, text: short(t.destTokenAddress, 6) })))))
}
function proof(m) {
  const d = m.detail
  if (!d) return null
  if (m.version === '2.0') {
    return h('div', { class: 'card', id: 'verifiers' }, h('h2', { text: 'Verifiers (CCVs)' }), kv([
      ['CCVs', h('div', {}, (d.ccvs || []).map((c) => h('div', { class: 'mono', text: c })))],
      ['executor', h('span', { class: 'mono', text: d.executor || '—' })],
      ['verified', m.phases.some((p) => p.state === 'VERIFIED') ? h('span', { class: 'ok', text: 'results served by the indexer' })
        : h('span', { class: 'muted', text: d.verificationUnknown || 'not yet' })],
    ]))
  }
  return h('div', { class: 'card', id: 'root' }, h('h2', { text: 'Commit' }), d.root ? kv([
    ['merkle root', h('span', { class: 'mono', text: d.root.merkleRoot })],
    ['covers', 'sequence numbers ' + d.root.minSeqNr + '–' + d.root.maxSeqNr],
    ['blessed', m.phases.some((p) => p.state === 'BLESSED') ? h('span', { class: 'ok', text: 'yes (RMN)' }) : h('span', { class: 'muted', text: 'not yet' })],
  ]) : h('div', { class: 'muted', text: 'no commit report covers it yet' }))
}
function attempts(d, chain) {
  if (!d || d.attempts.length === 0) return null
  return h('div', { class: 'card' }, h('h2', { text: 'Executions on ' + chain }), h('table', { id: 'attempts' },
    d.attempts.map((a) => h('tr', {}, h('td', {}, badge(EXEC[a.state] || String(a.state))), h('td', { text: when(a.timestamp) }),
      h('td', { class: 'mono', title: a.txHash, 'data-tx': a.txHash, text: short(a.txHash) }), h('td', { text: 'block ' + a.blockNumber })))))
}
function failure(m) {
  if (!m.failure) return null
  return h('div', { class: 'problem', id: 'failure' }, h('div', { class: 'what', text: 'FAILURE: ' + m.failure.reason }),
    m.failure.receiverError ? h('div', { class: 'mono', text: 'receiver: ' + m.failure.receiverError }) : null,
    h('div', { class: 'hint' }, 'Fix the receiver, then execute it by hand: ', h('code', { class: 'cmd', id: 'manual-exec', text: m.manualExec }),
      ' (add --gas-limit N if it ran out of gas)'))
}
let lastText = ''
function draw(m) {
  const t = JSON.stringify(m)
  if (t === lastText) return
  lastText = t
  document.title = short(m.messageId) + ' ' + m.state + ' · ccip explorer'
  clear(page, h('h1', {}, 'Message ', h('span', { class: 'mono', id: 'message-id', text: m.messageId }), ' ', badge(m.state)),
    failure(m), h('div', { class: 'card' }, h('h2', { text: 'Phases' }), timeline(m)),
    h('div', { class: 'grid', style: 'margin-top:14px' }, details(m), proof(m), tokens(m.detail), attempts(m.detail, m.destChain)))
  document.body.setAttribute('data-state', m.state)
}
draw(INITIAL)
poll(async () => {
  const r = await api('/api/messages/' + INITIAL.messageId)
  showProblem(r.error)
  if (r.data) draw(r.data)
}, () => (FINAL.includes(document.body.getAttribute('data-state')) ? 4000 : 1000))
startHeader(3000)
`
