// The console's HTTP side on a real emulator: the page and its assets, the links (validated), the view
// with a linked service's real /health, and the live stream sending a new view after a change.
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { after, before, describe, it } from 'node:test';
import { startCloudEmulator, type CloudEmulator } from '../../src/lab/cloud-emulator/index.ts';
import type { ConsoleView } from '../../src/lab/cloud-emulator/console/view.ts';

describe('the console', () => {
  let emu: CloudEmulator;
  const svc = Fastify();
  let svcUrl = '';

  before(async () => {
    emu = await startCloudEmulator({ port: 0, rateLimitPerMinute: 'off' });
    svc.get('/health', async (_req, reply) =>
      reply.code(503).send({
        status: { code: 50300, message: 'Unhealthy', corrId: 'x' },
        data: {
          status: 'DOWN',
          dependencies: { redis: { status: 'UP' }, sip: { status: 'DOWN', detail: 'no link' } },
        },
      }),
    );
    svcUrl = await svc.listen({ host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await emu.stop();
    await svc.close();
  });

  const put = (body: unknown) =>
    fetch(`${emu.url}/__emulator/console/links`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('serves the page, its script and style', async () => {
    const page = await fetch(`${emu.url}/`);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    const html = await page.text();
    assert.match(html, /<main>/);
    assert.match(html, /src="\/__emulator\/console\/app\.js"/);
    const js = await fetch(`${emu.url}/__emulator/console/app.js`);
    assert.match(js.headers.get('content-type') ?? '', /javascript/);
    assert.match(await js.text(), /new EventSource\('\/__emulator\/console\/stream'\)/);
    const css = await fetch(`${emu.url}/__emulator/console/app.css`);
    assert.match(css.headers.get('content-type') ?? '', /text\/css/);
  });

  it('validates the links and shows a linked service’s health', async () => {
    const bad = await put({ services: [{ name: 'x', url: 'ftp://127.0.0.1/' }], controlUrl: 'nope' });
    assert.equal(bad.status, 400);
    const message = ((await bad.json()) as { message: string }).message;
    assert.match(message, /services\.0\.url/);
    assert.match(message, /controlUrl/);
    const ok = await put({
      services: [
        { name: 'excp-1', url: svcUrl },
        { name: 'gone', url: 'http://127.0.0.1:1' },
      ],
      controlUrl: 'http://127.0.0.1:3601',
    });
    assert.equal(ok.status, 200);
    const view = (await (await fetch(`${emu.url}/__emulator/console/view`)).json()) as ConsoleView;
    assert.equal(view.controlUrl, 'http://127.0.0.1:3601');
    assert.deepEqual(
      view.services.map((s) => [s.name, s.status, s.dependencies.map((d) => `${d.name} ${d.status}`)]),
      [
        ['excp-1', 'DOWN', ['redis UP', 'sip DOWN']],
        ['gone', 'unreachable', []],
      ],
    );
  });

  it('streams a view at once and a new one after a change', async () => {
    const ac = new AbortController();
    const res = await fetch(`${emu.url}/__emulator/console/stream`, { signal: ac.signal });
    assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
    const reader = res.body!.getReader();
    let buf = '';
    const nextView = async (): Promise<ConsoleView> => {
      for (;;) {
        const end = buf.indexOf('\n\n');
        if (end >= 0) {
          const frame = buf.slice(0, end);
          buf = buf.slice(end + 2);
          const data = /^event: view\ndata: (.*)$/s.exec(frame)?.[1];
          if (data) return JSON.parse(data) as ConsoleView;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        buf += Buffer.from(value).toString();
      }
    };
    try {
      const first = await nextView();
      const codes = first.summary.wrapupCodes;
      await fetch(`${emu.url}/__emulator/seed`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ wrapupCodes: ['Streamed'] }),
      });
      let later = await nextView();
      while (later.summary.wrapupCodes === codes) later = await nextView();
      assert.equal(later.summary.wrapupCodes, codes + 1);
    } finally {
      ac.abort();
    }
  });
});
