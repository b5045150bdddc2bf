// GET /: the org at a glance. A static page that polls /__emulator/org every second and draws users with
// live presence and routing status, queues with members, and each conversation as a participant timeline.
import type { FastifyInstance } from 'fastify';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Genesys Cloud emulator: org</title>
<style>
body{font:13px system-ui,sans-serif;margin:16px;color:#222}h1{font-size:18px}h2{font-size:15px;margin-top:24px}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left}
.Available,.Idle{background:#d7f5dd}.OnQueue,.Interacting,.Communicating{background:#d6e6ff}.Busy,.Meeting,.NotResponding{background:#ffe0d6}
.Away,.Break,.Meal,.Training{background:#fff4c2}.Offline,.OffQueue{background:#eee}
.conv{margin:10px 0;border:1px solid #ccc;padding:6px}.row{display:flex;align-items:center;height:20px}
.label{width:260px;overflow:hidden;white-space:nowrap}.lane{position:relative;flex:1;height:14px;background:#f6f6f6}
.bar{position:absolute;height:14px;border-radius:3px}.external,.phone{background:#8bc34a}.ivr{background:#ffb300}
.routing{background:#9575cd}.user{background:#42a5f5}.held{outline:2px dashed #e53935}.open{opacity:.7}
</style></head><body>
<h1>Genesys Cloud emulator: the org</h1><div id="summary"></div>
<h2>Users</h2><table id="users"></table><h2>Queues</h2><table id="queues"></table>
<h2>Conversations (latest 30)</h2><div id="convs"></div>
<script>
const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'})[c]);
async function draw() {
  const org = await (await fetch('/__emulator/org')).json();
  const users = new Map(org.users.map((u) => [u.id, u]));
  const queues = new Map(org.queues.map((q) => [q.id, q]));
  document.getElementById('summary').textContent = org.users.length + ' users, ' + org.queues.length + ' queues, ' +
    org.skills.length + ' skills, ' + org.wrapupCodes.length + ' wrap-up codes, ' + org.conversations.length + ' conversations, ' + org.uploads.length + ' uploads';
  document.getElementById('users').innerHTML = '<tr><th>user</th><th>externalId</th><th>presence</th><th>routing status</th><th>skills</th></tr>' +
    org.users.slice(0, 500).map((u) => '<tr><td>' + esc(u.displayName) + (u.active ? '' : ' (inactive)') + '</td><td>' + esc(u.externalId) +
      '</td><td class="' + esc(u.presence?.systemPresence) + '">' + esc(u.presence?.systemPresence ?? '-') +
      '</td><td class="' + esc(u.routingStatus?.status) + '">' + esc(u.routingStatus?.status ?? '-') + '</td><td>' +
      esc(u.skills.map((s) => s.name + ':' + s.proficiency).join(', ')) + '</td></tr>').join('');
  document.getElementById('queues').innerHTML = '<tr><th>queue</th><th>peerId</th><th>members</th></tr>' +
    org.queues.map((q) => '<tr><td>' + esc(q.name) + '</td><td>' + esc(q.peerId) + '</td><td>' +
      esc(q.members.map((id) => users.get(id)?.displayName ?? id).join(', ')) + '</td></tr>').join('');
  const now = Date.now();
  document.getElementById('convs').innerHTML = org.conversations.slice(-30).reverse().map((c) => {
    const t0 = Date.parse(c.startTime);
    const open = c.participants.some((p) => !p.endTime);
    const t1 = open ? now : Math.max(...c.participants.map((p) => Date.parse(p.endTime)));
    const span = Math.max(1, t1 - t0);
    const rows = c.participants.map((p) => {
      const a = Date.parse(p.startTime), b = p.endTime ? Date.parse(p.endTime) : now;
      const who = p.purpose === 'user' ? users.get(p.userId)?.displayName : p.purpose === 'routing' ? queues.get(p.queueId)?.name : p.phoneNumber;
      return '<div class="row"><div class="label">' + esc(p.purpose) + ' ' + esc(who ?? '') + ' · ' + esc(p.state) +
        (p.disconnectType ? ' (' + esc(p.disconnectType) + ')' : '') + '</div><div class="lane"><div class="bar ' + esc(p.purpose) +
        (p.held ? ' held' : '') + (p.endTime ? '' : ' open') + '" style="left:' + ((a - t0) / span * 100) + '%;width:' +
        Math.max(0.5, (b - a) / span * 100) + '%"></div></div></div>';
    }).join('');
    return '<div class="conv"><b>' + esc(c.interactionId) + '</b> ' + esc(c.id) + ' · ' + c.events.length + ' events' + rows + '</div>';
  }).join('');
}
draw().catch(console.error); setInterval(() => draw().catch(console.error), 1000);
</script></body></html>`;

export function registerViewer(app: FastifyInstance): void {
  app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').send(PAGE));
}
