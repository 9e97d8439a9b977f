/** The explorer's one stylesheet, inlined in every page (nothing is fetched but the JSON API). */
export const STYLE = `
:root { color-scheme: light dark; --bg: #fbfbfd; --fg: #1d2330; --muted: #6b7385; --line: #e2e5ec;
  --card: #fff; --accent: #375bd2; --ok: #1a7f4b; --bad: #c0322b; --warn: #b26b00; --info: #2f6fb3; }
@media (prefers-color-scheme: dark) { :root { --bg: #12151c; --fg: #e6e9f0; --muted: #9aa3b5; --line: #2a303c;
  --card: #1a1e27; --accent: #7d9bff; --ok: #4cc38a; --bad: #ff6b62; --warn: #f0a83a; --info: #6aa8ff; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; background: var(--bg); color: var(--fg); }
header { display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center; padding: 10px 20px;
  border-bottom: 1px solid var(--line); background: var(--card); }
header .brand { font-weight: 700; margin-right: 8px; }
header nav a { margin-right: 14px; color: var(--fg); text-decoration: none; padding: 3px 0; }
header nav a.here { border-bottom: 2px solid var(--accent); }
#health { margin-left: auto; color: var(--muted); font-size: 12.5px; display: flex; gap: 10px; flex-wrap: wrap; }
main { padding: 16px 20px 40px; max-width: 1300px; }
h1 { font-size: 20px; margin: 4px 0 14px; } h2 { font-size: 16px; margin: 22px 0 8px; }
a { color: var(--accent); }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
table { border-collapse: collapse; width: 100%; background: var(--card); border: 1px solid var(--line); }
th, td { text-align: left; padding: 6px 9px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: 12.5px; }
tr.new td { animation: flash 2s ease-out; }
@keyframes flash { from { background: rgba(55, 91, 210, .18); } to { background: transparent; } }
.badge { display: inline-block; padding: 1px 7px; border-radius: 9px; font-size: 12px; font-weight: 600;
  border: 1px solid currentColor; white-space: nowrap; }
.s-SUCCESS, .s-active, .ok { color: var(--ok); } .s-FAILURE, .s-cursed, .bad { color: var(--bad); }
.s-disabled, .muted { color: var(--muted); } .s-SENT, .s-SOURCE_FINALIZED { color: var(--info); }
.s-COMMITTED, .s-BLESSED, .s-VERIFIED { color: var(--warn); }
form.filters { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; margin-bottom: 12px; }
form.filters label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); gap: 2px; }
input, select, button { font: inherit; padding: 4px 7px; border: 1px solid var(--line); border-radius: 5px;
  background: var(--card); color: var(--fg); }
button { cursor: pointer; } button.primary { background: var(--accent); color: #fff; border-color: var(--accent); }
.problem { border: 1px solid var(--bad); border-left-width: 5px; background: var(--card); padding: 12px 16px;
  margin: 0 0 14px; border-radius: 4px; }
.problem .what { font-weight: 700; color: var(--bad); } .problem .hint { margin-top: 4px; }
.problem code { background: rgba(128,128,128,.15); padding: 1px 5px; border-radius: 3px; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(330px, 1fr)); gap: 14px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 4px 14px 12px; min-width: 0; }
.card td { overflow-wrap: anywhere; }
.kv { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; }
.kv > div:nth-child(odd) { color: var(--muted); } .kv > div { overflow-wrap: anywhere; }
ol.timeline { list-style: none; padding: 0; margin: 0; }
ol.timeline li { display: grid; grid-template-columns: 18px 170px 230px 1fr; gap: 8px; padding: 7px 0;
  border-bottom: 1px dashed var(--line); align-items: baseline; }
ol.timeline li .dot { width: 11px; height: 11px; border-radius: 50%; background: var(--ok); display: inline-block; }
ol.timeline li.pending { color: var(--muted); } ol.timeline li.pending .dot { background: var(--line); }
ol.timeline li.failed .dot { background: var(--bad); }
.gauge { display: flex; align-items: center; gap: 6px; font-size: 12px; white-space: nowrap; }
.gauge .bar { width: 110px; height: 9px; background: var(--line); border-radius: 5px; overflow: hidden; }
.gauge .fill { height: 100%; background: var(--ok); }
.gauge.low .fill { background: var(--bad); } .gauge.mid .fill { background: var(--warn); }
svg.chart { width: 100%; max-width: 760px; height: auto; background: var(--card); border: 1px solid var(--line); border-radius: 6px; }
svg.chart text { fill: var(--muted); font-size: 11px; } svg.chart rect.bar { fill: var(--accent); }
.cmd { display: inline-block; background: rgba(128,128,128,.15); padding: 3px 8px; border-radius: 4px; }
.more { margin-top: 10px; } .empty { padding: 18px; color: var(--muted); text-align: center; }
`
