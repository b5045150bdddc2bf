// The console page: HTML, CSS and a small script, served by the emulator (kept in a module, so that the
// built dist/ is complete without copying assets). The script only draws the view the server computed
// (view.ts) and sends the operator's clicks to the demo's control API; it holds no org logic.

export const PAGE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>EX Org console</title><link rel="stylesheet" href="/__emulator/console/app.css"></head>
<body>
<header>
  <h1>EX Org console <small>(Genesys Cloud emulator)</small></h1>
  <p id="summary" aria-live="polite">loading…</p>
  <p id="link-state" class="link-state" role="status">connecting…</p>
</header>
<div class="layout">
<main>
  <section aria-labelledby="agents-h">
    <h2 id="agents-h">Agents</h2>
    <ul class="legend" aria-label="tile colours">
      <li data-tone="available">available</li><li data-tone="on-queue">on queue, idle</li>
      <li data-tone="interacting">interacting</li><li data-tone="not-responding">not responding</li>
      <li data-tone="busy">busy</li><li data-tone="away">away</li><li data-tone="offline">offline</li>
    </ul>
    <ul id="tiles" class="tiles" aria-label="agents"></ul>
  </section>
  <section aria-labelledby="convs-h">
    <h2 id="convs-h">Conversations <small>(latest 30)</small></h2>
    <p id="recordings-note" class="note"></p>
    <div id="convs"></div>
  </section>
  <section aria-labelledby="queues-h">
    <h2 id="queues-h">Queues</h2>
    <div id="queues" class="queues"></div>
  </section>
</main>
<aside>
  <section id="operator" aria-labelledby="operator-h" hidden>
    <h2 id="operator-h">Operator panel</h2>
    <div id="operations"></div>
    <p id="op-result" role="status" aria-live="polite"></p>
    <h3>Demo status</h3>
    <table id="stats" class="stats"><caption class="sr">per-service counters</caption></table>
  </section>
  <section aria-labelledby="health-h">
    <h2 id="health-h">Service health</h2>
    <ul id="health" class="health"></ul>
  </section>
</aside>
</div>
<script type="module" src="/__emulator/console/app.js"></script>
</body></html>`;

export const PAGE_CSS = `
:root{--fg:#1b1b1b;--muted:#555;--line:#c8c8c8;--bg:#fff;--panel:#f5f5f5;
--available:#1b7f3b;--on-queue:#1565c0;--interacting:#6a1b9a;--not-responding:#b71c1c;--busy:#b35c00;--away:#8a6d00;--offline:#616161}
*{box-sizing:border-box}
body{font:14px/1.4 system-ui,sans-serif;margin:0;color:var(--fg);background:var(--bg)}
header{padding:10px 16px;border-bottom:1px solid var(--line);display:flex;gap:16px;align-items:baseline;flex-wrap:wrap}
h1{font-size:19px;margin:0}h1 small,h2 small{font-weight:normal;color:var(--muted)}
h2{font-size:16px;margin:18px 0 8px}h3{font-size:14px;margin:14px 0 6px}
.link-state{margin-left:auto;color:var(--muted)}.link-state.live{color:var(--available)}.link-state.down{color:var(--not-responding)}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 320px;gap:16px;padding:0 16px 24px}
@media (max-width:900px){.layout{grid-template-columns:1fr}}
aside section{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:4px 12px 10px;margin-top:14px}
.legend{display:flex;flex-wrap:wrap;gap:10px;list-style:none;padding:0;margin:0 0 8px;font-size:12px}
.legend li::before{content:"";display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px;background:var(--tone)}
[data-tone="available"]{--tone:var(--available)}[data-tone="on-queue"]{--tone:var(--on-queue)}
[data-tone="interacting"]{--tone:var(--interacting)}[data-tone="not-responding"]{--tone:var(--not-responding)}
[data-tone="busy"]{--tone:var(--busy)}[data-tone="away"]{--tone:var(--away)}[data-tone="offline"]{--tone:var(--offline)}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:6px;list-style:none;padding:0;margin:0}
.tile{border-left:6px solid var(--tone);background:var(--panel);padding:4px 6px;border-radius:4px;min-height:50px}
.tile .name{font-weight:600;display:flex;align-items:center;gap:4px}.tile .name .n{white-space:nowrap;overflow:hidden;text-overflow:ellipsis;min-width:0}
.tile .state{font-size:12px;color:var(--muted)}.tile.inactive{opacity:.6}
.tile .call{flex:none;font-size:11px;color:#fff;background:var(--interacting);border-radius:3px;padding:0 4px}
.conv{border:1px solid var(--line);border-radius:6px;padding:6px 8px;margin:8px 0}
.conv header{padding:0;border:0;gap:8px;font-size:13px}.conv .live{color:var(--interacting);font-weight:600}
.row{display:grid;grid-template-columns:260px minmax(0,1fr);gap:8px;align-items:center;min-height:22px}
.row .who{font-size:12px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.lane{position:relative;height:14px;background:#ececec;border-radius:3px}
.bar{position:absolute;top:0;height:14px;border-radius:3px}
.bar.external,.bar.phone{background:#2e7d32}.bar.ivr{background:#ef6c00}.bar.routing{background:#5e35b1}.bar.user{background:#1565c0}
.bar.open{background-image:repeating-linear-gradient(45deg,transparent 0 6px,rgba(255,255,255,.35) 6px 12px)}
.bar.held{outline:2px dashed #b71c1c;outline-offset:1px}
.recs{grid-column:2;display:flex;flex-wrap:wrap;gap:6px;font-size:12px}.recs audio{height:28px;max-width:260px}
.queues{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:8px}
.queue{border:1px solid var(--line);border-radius:6px;padding:6px 8px}.queue h3{margin:0 0 4px}
.queue ul{list-style:none;padding:0;margin:0;font-size:12px;columns:2}.queue li{overflow-wrap:anywhere;break-inside:avoid}.queue li::before{content:"● ";color:var(--tone)}
.note{color:var(--muted);font-size:12px}
.health{list-style:none;padding:0;margin:0}.health li{margin:4px 0}
.health .UP{color:var(--available);font-weight:600}.health .DOWN,.health .unreachable{color:var(--not-responding);font-weight:600}
.health .deps{font-size:12px;color:var(--muted);overflow-wrap:anywhere}
.op{margin:6px 0;display:flex;gap:6px;align-items:center;flex-wrap:wrap}.op label{font-size:12px}
.op input{width:70px}.op select{max-width:180px}
button{font:inherit;padding:3px 10px;border:1px solid #1565c0;background:#fff;color:#0d47a1;border-radius:4px;cursor:pointer}
button:hover,button:focus-visible{background:#e3f2fd}button:disabled{opacity:.5;cursor:wait}
fieldset{border:1px solid var(--line);border-radius:4px;margin:8px 0;padding:4px 8px}legend{font-size:12px;font-weight:600}
.stats{border-collapse:collapse;font-size:12px;width:100%}.stats th,.stats td{border-bottom:1px solid var(--line);padding:2px 4px;text-align:right}
.stats th:first-child,.stats td:first-child{text-align:left}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
:focus-visible{outline:2px solid #1565c0;outline-offset:2px}
`;

export const PAGE_SCRIPT = `
const $ = (id) => document.getElementById(id);
function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v; else if (k === 'text') el.textContent = v;
    else if (k === 'style') el.setAttribute('style', v); else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const kid of kids.flat()) if (kid !== null && kid !== undefined) el.append(kid);
  return el;
}
const time = (iso) => iso ? new Date(iso).toLocaleTimeString() : '';
const dur = (ms) => ms < 60000 ? Math.round(ms / 1000) + ' s' : Math.floor(ms / 60000) + ' min ' + Math.round((ms % 60000) / 1000) + ' s';

const drawn = { tiles: new Map(), convs: new Map(), queues: '', health: '', controlUrl: undefined };

function drawTiles(tiles) {
  const list = $('tiles');
  const seen = new Set();
  tiles.forEach((t, i) => {
    seen.add(t.id);
    const key = JSON.stringify(t);
    let el = drawn.tiles.get(t.id);
    if (!el || el.dataset.key !== key) {
      const fresh = h('li', { class: 'tile' + (t.active ? '' : ' inactive'), 'data-id': t.id, 'data-tone': t.tone,
          'data-presence': t.presence, 'data-routing': t.routingStatus, title: t.externalId ? 'Engage ' + t.externalId : null },
        h('span', { class: 'name' }, h('span', { class: 'n', text: t.name }), t.onCall ? h('span', { class: 'call', text: 'on call' }) : null),
        h('span', { class: 'state', text: t.presence + ' · ' + t.routingStatus + (t.since ? ' · since ' + time(t.since) : '') }));
      fresh.dataset.key = key;
      if (el) el.replaceWith(fresh);
      el = fresh;
      drawn.tiles.set(t.id, el);
    }
    if (list.children[i] !== el) list.insertBefore(el, list.children[i] || null);
  });
  for (const [id, el] of drawn.tiles) if (!seen.has(id)) { el.remove(); drawn.tiles.delete(id); }
}

function recordingItems(recs) {
  return recs.map((r) => h('span', { class: 'rec' },
    h('audio', { controls: true, preload: 'none', src: r.audioUrl, 'aria-label': 'recording ' + r.fileName }),
    ' ' + r.fileName + (r.language ? ' (' + r.language + ')' : '')));
}

function convElement(c) {
  const events = Object.entries(c.eventCounts).map(([k, n]) => k.replace(/Events$/, '') + ' ' + n).join(', ');
  const rows = c.rows.map((r) => h('div', { class: 'row', 'data-purpose': r.purpose },
    h('div', { class: 'who', text: r.purpose + ' · ' + r.label + ' · ' + r.state + (r.disconnectType ? ' (' + r.disconnectType + ')' : '') +
      (r.wrapupCode ? ' · wrap-up ' + r.wrapupCode : '') }),
    h('div', { class: 'lane', role: 'img', 'aria-label': r.purpose + ' ' + r.label + ' from ' + r.left + '% for ' + r.width + '% of the call' },
      h('div', { class: 'bar ' + r.purpose + (r.held ? ' held' : '') + (r.open ? ' open' : ''), style: 'left:' + r.left + '%;width:' + r.width + '%' })),
    r.recordings.length ? h('div', { class: 'recs' }, recordingItems(r.recordings)) : null));
  return h('article', { class: 'conv', 'data-id': c.id, 'data-interaction-id': c.interactionId, 'data-live': String(c.live) },
    h('header', {}, h('strong', { text: c.interactionId }), h('span', { text: time(c.startTime) + ' · ' + dur(c.durationMs) }),
      c.live ? h('span', { class: 'live', text: 'live' }) : h('span', { text: 'ended' }), h('span', { class: 'note', text: events })),
    rows, c.otherRecordings.length ? h('div', { class: 'recs' }, recordingItems(c.otherRecordings)) : null);
}

function drawConversations(view) {
  const box = $('convs');
  const seen = new Set();
  view.conversations.forEach((c, i) => {
    seen.add(c.id);
    const key = JSON.stringify(c);
    let el = drawn.convs.get(c.id);
    if (!el || el.dataset.key !== key) {
      const fresh = convElement(c);
      fresh.dataset.key = key;
      if (el) el.replaceWith(fresh);
      el = fresh;
      drawn.convs.set(c.id, el);
    }
    if (box.children[i] !== el) box.insertBefore(el, box.children[i] || null);
  });
  for (const [id, el] of drawn.convs) if (!seen.has(id)) { el.remove(); drawn.convs.delete(id); }
  $('recordings-note').textContent = view.recordingsAvailable ? (view.summary.recordings + ' recordings; each plays beside its segment') :
    'recordings: the recording path is not in this build';
}

function drawQueues(queues) {
  const key = JSON.stringify(queues);
  if (key === drawn.queues) return;
  drawn.queues = key;
  $('queues').replaceChildren(...queues.map((q) => h('section', { class: 'queue', 'data-id': q.id, 'aria-label': 'queue ' + q.name },
    h('h3', { text: q.name }),
    h('p', { class: 'note', text: q.members.length + ' members' + (q.peerId ? ' · Engage DN ' + q.peerId : '') }),
    h('ul', { 'aria-label': 'members of ' + q.name }, q.members.map((m) => h('li', { 'data-tone': m.tone, text: m.name + (m.joined ? '' : ' (not joined)') }))),
    h('p', { class: 'note', text: 'wrap-up codes: ' + (q.wrapupCodes.join(', ') || 'none') }))));
}

function drawHealth(services) {
  const key = JSON.stringify(services);
  if (key === drawn.health) return;
  drawn.health = key;
  $('health').replaceChildren(...(services.length ? services.map((s) => h('li', { 'data-service': s.name },
    h('strong', { text: s.name + ' ' }), h('span', { class: s.status, text: s.status }),
    h('div', { class: 'deps', text: s.dependencies.map((d) => d.name + ' ' + d.status + (d.detail ? ' (' + d.detail + ')' : '')).join(' · ') })))
    : [h('li', { class: 'note', text: 'no services linked (PUT /__emulator/console/links)' })]));
}

function draw(view) {
  const s = view.summary;
  $('summary').textContent = s.users + ' users (' + s.onQueue + ' on queue) · ' + s.queues + ' queues · ' + s.wrapupCodes + ' wrap-up codes · ' +
    s.conversations + ' conversations (' + s.liveConversations + ' live)' + (s.recordings === null ? '' : ' · ' + s.recordings + ' recordings');
  drawTiles(view.tiles);
  drawConversations(view);
  drawQueues(view.queues);
  drawHealth(view.services);
  if (view.controlUrl !== drawn.controlUrl) { drawn.controlUrl = view.controlUrl; void loadOperations(); }
}

async function control(path, body) {
  const res = await fetch(drawn.controlUrl + path, body === undefined ? {} :
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(json.error || ('HTTP ' + res.status));
  return json;
}

function operationForm(op) {
  let input = null;
  const id = 'op-' + op.id;
  if (op.input && op.input.kind === 'number')
    input = h('input', { id, type: 'number', min: op.input.min, max: op.input.max, step: op.input.step || 'any', value: op.input.value });
  if (op.input && op.input.kind === 'choice')
    input = h('select', { id }, op.input.choices.map((c) => h('option', { value: c, text: c })));
  const button = h('button', { type: 'submit', 'data-op': op.id, text: op.label });
  const form = h('form', { class: 'op' }, input ? h('label', { for: id, text: op.input.label }) : null, input, button);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    button.disabled = true;
    try {
      const r = await control('/operations/' + encodeURIComponent(op.id), input ? { value: input.value } : {});
      $('op-result').textContent = op.label + ': ' + (r.result || 'done');
    } catch (err) {
      $('op-result').textContent = op.label + ' failed: ' + err.message;
    } finally { button.disabled = false; }
  });
  return form;
}

async function loadOperations() {
  const panel = $('operator');
  if (!drawn.controlUrl) { panel.hidden = true; return; }
  try {
    const { operations } = await control('/operations');
    const groups = new Map();
    for (const op of operations) groups.set(op.group, [...(groups.get(op.group) || []), op]);
    $('operations').replaceChildren(...[...groups].map(([g, ops]) => h('fieldset', {}, h('legend', { text: g }), ops.map(operationForm))));
    panel.hidden = false;
  } catch (err) {
    panel.hidden = false;
    $('op-result').textContent = 'control API unreachable: ' + err.message;
  }
}

async function pollStats() {
  if (!drawn.controlUrl) return;
  try {
    const { services } = await control('/status');
    const cols = ['in', 'out', 'lagMs', 'rateLimited', 'rejected'];
    $('stats').replaceChildren(h('caption', { class: 'sr', text: 'per-service counters' }),
      h('tr', {}, h('th', { text: 'service' }), ...['events in', 'out', 'lag ms', '429s', 'rejected'].map((t) => h('th', { scope: 'col', text: t }))),
      ...services.map((s) => h('tr', { 'data-service': s.name }, h('th', { scope: 'row', text: s.name + (s.note ? ' (' + s.note + ')' : '') }),
        ...cols.map((c) => h('td', { text: s[c] === null || s[c] === undefined ? '–' : String(s[c]) })))));
  } catch { /* the next poll tries again */ }
}
setInterval(pollStats, 2000);

function connect() {
  const source = new EventSource('/__emulator/console/stream');
  source.addEventListener('view', (e) => {
    $('link-state').textContent = 'live';
    $('link-state').className = 'link-state live';
    draw(JSON.parse(e.data));
  });
  source.onerror = () => {
    $('link-state').textContent = 'reconnecting…';
    $('link-state').className = 'link-state down';
  };
}
connect();
`;
