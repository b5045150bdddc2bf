// The admin API (faults, org, seed, reset, audit), pre-signed uploads, the org viewer and the state file.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startWithClient, type EmulatorClient } from './helpers.ts';

describe('faults', () => {
  let c: EmulatorClient;
  before(async () => {
    c = await startWithClient({ rateLimitPerMinute: 'off' });
  });
  after(async () => c.emu.stop());

  it('error rate with a chosen status, per path pattern', async () => {
    await c.admin('PUT', 'faults', {
      rules: [{ path: '/api/v2/routing/skills*', errorRate: 1, errorStatus: 502 }],
    });
    const hit = await c.call('GET', '/api/v2/routing/skills');
    assert.equal(hit.status, 502);
    assert.equal(hit.body.status, 502);
    assert.equal((await c.call('GET', '/api/v2/routing/queues')).status, 200, 'other paths unaffected');
    const listed = await c.admin('GET', 'faults');
    assert.equal((listed.body.rules as { used: number }[])[0]?.used, 1);
  });

  it('a 429 storm with Retry-After, then back to normal when cleared', async () => {
    await c.admin('PUT', 'faults', { rules: [{ storm429Seconds: 60, retryAfterSeconds: 2 }] });
    const r = await c.call('GET', '/api/v2/routing/queues');
    assert.equal(r.status, 429);
    assert.equal(r.headers.get('retry-after'), '2');
    assert.equal(r.body.code, 'too.many.requests.retry.after');
    await c.admin('PUT', 'faults', { rules: [] });
    assert.equal((await c.call('GET', '/api/v2/routing/queues')).status, 200);
  });

  it('dropped connections: before processing nothing happens, after processing the change is made', async () => {
    await c.admin('PUT', 'faults', {
      rules: [{ path: '/api/v2/routing/wrapupcodes', method: 'POST', dropRate: 1, times: 1 }],
    });
    await assert.rejects(c.call('POST', '/api/v2/routing/wrapupcodes', { name: 'Lost' }));
    await c.admin('PUT', 'faults', {
      rules: [{ path: '/api/v2/routing/wrapupcodes', method: 'POST', dropAfterRate: 1, times: 1 }],
    });
    await assert.rejects(c.call('POST', '/api/v2/routing/wrapupcodes', { name: 'Made' }));
    const codes = (await c.admin('GET', 'org')).body.wrapupCodes as { name: string }[];
    assert.deepEqual(
      codes.map((x) => x.name),
      ['Made'],
    );
    const audit = (await c.admin('GET', 'audit')).body.requests as { fault?: string; status: number }[];
    assert.deepEqual(
      audit.filter((a) => a.fault?.startsWith('drop')).map((a) => [a.fault, a.status]),
      [
        ['drop', 0],
        ['dropAfter', 0],
      ],
    );
  });

  it('timeouts: the request hangs, then its connection is lost', async () => {
    await c.admin('PUT', 'faults', {
      rules: [{ path: '/api/v2/routing/queues', timeoutRate: 1, timeoutMs: 200 }],
    });
    const t0 = performance.now();
    await assert.rejects(c.call('GET', '/api/v2/routing/queues'));
    assert.ok(performance.now() - t0 >= 190);
    await c.admin('DELETE', 'faults');
  });

  it('added latency; invalid rules are refused with the field named', async () => {
    await c.admin('PUT', 'faults', { rules: [{ path: '/api/v2/authorization/*', latencyMs: 150 }] });
    const t0 = performance.now();
    assert.equal((await c.call('GET', '/api/v2/authorization/divisions/home')).status, 200);
    assert.ok(performance.now() - t0 >= 140);
    const bad = await c.admin('PUT', 'faults', { rules: [{ errorRate: 3 }] });
    assert.equal(bad.status, 400);
    assert.match(String(bad.body.message), /rules\.0\.errorRate/);
    await c.admin('DELETE', 'faults');
  });
});

describe('admin org, seed, reset; uploads; viewer; state file', () => {
  let c: EmulatorClient;
  const dir = mkdtempSync(join(tmpdir(), 'cloud-emu-'));
  before(async () => {
    c = await startWithClient({ statePath: join(dir, 'org.json') });
  });
  after(async () => {
    await c.emu.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts with a realistic org and seeds more', async () => {
    const org = (await c.admin('GET', 'org')).body;
    assert.ok((org.roles as { name: string }[]).some((r) => r.name === 'Supervisor'));
    assert.equal((org.presenceDefinitions as unknown[]).length, 10);
    assert.deepEqual(org.users, []);
    const seeded = await c.admin('POST', 'seed', {
      roles: [{ name: 'EX Auditor' }],
      programs: [{ name: 'Sales program' }],
      transcription: { transcription: 'EnabledGlobally' },
      presenceDefinitions: [{ systemPresence: 'Away', languageLabels: { en_US: 'Lunch' } }],
    });
    assert.equal(seeded.status, 200);
    const programId = (seeded.body.programs as { id: string }[])[0]?.id as string;
    const q = await c.call('POST', '/api/v2/routing/queues', { name: 'VQ_1', peerId: '301' });
    assert.equal(
      (await c.admin('POST', 'seed', { programMappings: [{ programId, queueIds: [q.body.id] }] })).status,
      200,
    );
    const mappings = await c.call('GET', `/api/v2/speechandtextanalytics/programs/${programId}/mappings`);
    assert.deepEqual(
      (mappings.body.queues as { id: string }[]).map((x) => x.id),
      [q.body.id],
    );
    assert.equal(
      (await c.call('GET', '/api/v2/routing/settings/transcription')).body.transcription,
      'EnabledGlobally',
    );
    assert.equal((await c.admin('POST', 'seed', { colours: [] })).status, 400);
  });

  it('pre-signed uploads: signature, headers and MD5 enforced; the bytes readable through the admin API', async () => {
    const data = Buffer.from('recording bytes');
    const md5 = createHash('md5').update(data).digest('base64');
    const bad = await c.call('POST', '/api/v2/uploads/recordings', { fileName: '.hidden' });
    assert.equal(bad.status, 400);
    const up = await c.call('POST', '/api/v2/uploads/recordings', {
      fileName: 'calls/rec-1.zip',
      contentMd5: md5,
      contentType: 'application/zip',
    });
    const url = up.body.url as string;
    const headers = up.body.headers as Record<string, string>;
    assert.equal(
      (await fetch(url.replace(/signature=[^&]+/, 'signature=x'), { method: 'PUT', headers, body: data }))
        .status,
      403,
    );
    assert.equal(
      (await fetch(url, { method: 'PUT', headers, body: Buffer.from('other bytes') })).status,
      400,
    );
    assert.equal((await fetch(url, { method: 'PUT', headers, body: data })).status, 200);
    const key = encodeURIComponent(up.body.uploadKey as string);
    const stored = await fetch(`${c.emu.url}/__emulator/uploads/${key}`);
    assert.deepEqual(Buffer.from(await stored.arrayBuffer()), data);
    const uploads = (await c.admin('GET', 'org')).body.uploads as { size?: number }[];
    assert.equal(uploads[0]?.size, data.length);
  });

  it('serves the console page', async () => {
    const page = await fetch(`${c.emu.url}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /__emulator\/console\/app\.js/);
  });

  it('keeps the org in the state file across restarts; reset goes back to the seeded org', async () => {
    await c.call('POST', '/api/v2/routing/skills', { name: 'Persisted' });
    const url = c.emu.url;
    await c.emu.stop();
    c = await startWithClient({ statePath: join(dir, 'org.json') });
    assert.notEqual(c.emu.url, url);
    const skills = (await c.admin('GET', 'org')).body.skills as { name: string }[];
    assert.deepEqual(
      skills.map((s) => s.name),
      ['Persisted'],
    );
    await c.admin('POST', 'reset');
    assert.deepEqual((await c.admin('GET', 'org')).body.skills, []);
  });
});
