// Issue 16 item 1: the API token guards every /api/* route however the path is spelt (the router decodes
// `%61` to `a`; a guard on the raw URL let `/%61pi/v1/settings/…` through without a token), in the
// services' HTTP server and in the cloud emulator alike. Item 8: a slow request body is cut off.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createHttpServer } from '../../src/core/http/server.ts';
import { isUnder, normalisedPath } from '../../src/core/http/route-path.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { startCloudEmulator, type CloudEmulator } from '../../src/lab/cloud-emulator/index.ts';

const TOKEN = 'a-long-enough-api-token';

/** Sends `path` byte for byte (fetch would normalise `//api` and `/%61pi`): status code of the answer. */
function rawGet(base: string, path: string, headers: Record<string, string> = {}): Promise<number> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const sock = connect(Number(u.port), u.hostname);
    let data = '';
    sock.setEncoding('utf8');
    sock.on('data', (d: string) => {
      data += d;
      const m = /^HTTP\/1\.1 (\d{3})/.exec(data);
      if (m) {
        sock.destroy();
        resolve(Number(m[1]));
      }
    });
    sock.on('error', reject);
    const extra = Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    sock.write(`GET ${path} HTTP/1.1\r\nHost: x\r\n${extra}Connection: close\r\n\r\n`);
  });
}

const HOSTILE_SERVICE_PATHS = [
  '/api/v1/settings/agent_state_sync',
  '/%61pi/v1/settings/agent_state_sync',
  '/ap%69/v1/settings/agent_state_sync',
  '/%61%70%69/v1/plan',
  '/%61%70%69/v1/settings/general?x=1',
  '//api/v1/settings/agent_state_sync',
  '/API/v1/settings/agent_state_sync',
  '/Api/v1/plan',
  '/api//v1/settings/agent_state_sync',
  '/api%2Fv1/settings/agent_state_sync',
  '/%2561pi/v1/plan',
  '/api/v1/nowhere',
  '/api',
];

describe('the bearer token on /api/* of the services, however spelt', () => {
  let app: FastifyInstance;
  let base: string;
  before(async () => {
    app = createHttpServer({ service: 'test', logger: silentLogger(), apiToken: TOKEN });
    app.get<{ Params: { section: string } }>('/api/v1/settings/:section', async (req) => ({
      section: req.params.section,
      settings: { client_secret: 'the-org-secret' },
    }));
    app.get('/api/v1/plan', async () => ({ ops: [] }));
    app.get('/status', async () => ({ ok: true }));
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  after(() => app.close());

  for (const path of HOSTILE_SERVICE_PATHS) {
    it(`GET ${path} without a token is 401`, async () => {
      assert.equal(await rawGet(base, path), 401);
      assert.equal(await rawGet(base, path, { authorization: 'Bearer wrong-token-wrong-token' }), 401);
    });
  }

  it('the encoded spellings are routed, and served with the token', async () => {
    for (const path of ['/%61pi/v1/settings/agent_state_sync', '/ap%69/v1/settings/general']) {
      assert.equal(await rawGet(base, path, { authorization: `Bearer ${TOKEN}` }), 200, path);
    }
  });

  it('leaves /health and /status open, and /apix is not /api', async () => {
    assert.equal(await rawGet(base, '/health'), 200);
    assert.equal(await rawGet(base, '/status'), 200);
    assert.equal(await rawGet(base, '/apix/v1/plan'), 404);
  });
});

describe('normalisedPath', () => {
  const table: [string, string][] = [
    ['/api/v1/x', '/api/v1/x'],
    ['/%61pi/v1/x?q=1', '/api/v1/x'],
    ['//API//v1', '/api/v1'],
    ['/%2561pi', '/api'],
    ['/\\api\\v1', '/api/v1'],
    ['/%E0%A4%A/api', '/%e0%a4%a/api'],
  ];
  for (const [raw, want] of table) it(`${raw} → ${want}`, () => assert.equal(normalisedPath(raw), want));
  it('isUnder is by path segment', () => {
    assert.ok(isUnder('/api', '/api'));
    assert.ok(isUnder('/api/v1', '/api'));
    assert.ok(!isUnder('/apix', '/api'));
  });
});

describe('the cloud emulator: a token on every /api/v2 route, however spelt', () => {
  let emu: CloudEmulator;
  before(async () => {
    emu = await startCloudEmulator({ port: 0 });
  });
  after(() => emu.stop());

  for (const path of [
    '/api/v2/users',
    '/%61pi/v2/users',
    '/ap%69/v2/routing/queues',
    '/%61%70%69/v2/scim/v2/users',
    '//api/v2/users',
    '/API/v2/users',
    '/api/V2/routing/skills',
    '/api%2Fv2/users',
  ]) {
    it(`GET ${path} without a token is 401`, async () => {
      assert.equal(await rawGet(emu.url, path), 401);
    });
  }

  it('an admin path spelt another way is still the admin API (no faults, not audited as API)', async () => {
    await fetch(`${emu.url}/__emulator/reset`, { method: 'POST' });
    assert.equal(await rawGet(emu.url, '/__emul%61tor/org'), 200);
    const audit = (await (await fetch(`${emu.url}/__emulator/audit`)).json()) as { requests: unknown[] };
    assert.deepEqual(audit.requests, []);
  });
});

describe('request timeouts (item 8)', () => {
  it('answers 408 and closes a connection whose body never finishes', async () => {
    const app = createHttpServer({ service: 'test', logger: silentLogger(), requestTimeoutMs: 300 });
    app.post('/echo', async (req) => ({ got: req.body }));
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const u = new URL(base);
      const started = Date.now();
      const answer = await new Promise<string>((resolve, reject) => {
        const sock = connect(Number(u.port), u.hostname);
        let data = '';
        sock.setEncoding('utf8');
        sock.on('data', (d: string) => (data += d));
        sock.on('close', () => resolve(data));
        sock.on('error', reject);
        sock.write(
          'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":',
        );
      });
      const took = Date.now() - started;
      assert.match(answer, /^HTTP\/1\.1 408/);
      assert.ok(took < 5000, `closed after ${took} ms`);
    } finally {
      await app.close();
    }
  });
});
