// Replaying recordings (JSON lines, a SIP Server log) and the `lab engage sip` command.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { freePort, until } from '../harness/index.ts';
import {
  generateScenario,
  generateTopology,
  startSipServerSimulator,
  type SipSimulator,
} from '../../src/lab/engage/sip-server/index.ts';
import { rawClient, type RawClient } from './raw-client.ts';

const dir = mkdtempSync(join(tmpdir(), 'sip-replay-'));
const LINK = new Set(['EventLinkConnected', 'EventServerInfo', 'EventRegistered', 'EventACK']);

describe('replay', () => {
  let sim: SipSimulator;
  let client: RawClient;
  before(async () => {
    sim = await startSipServerSimulator({ adminPort: null });
    client = await rawClient(sim.primaryPort);
    client.send({ request: 'RequestStartCallMonitoring' });
    client.send({ request: 'RequestRegisterAddress', AttributeThisDN: '6001' });
    await client.until(
      (ls) =>
        ls.filter((l) => l['message'] === 'EventRegistered' || l['message'] === 'EventACK').length === 2,
    );
  });
  after(async () => {
    client?.close();
    await sim?.stop();
  });

  it('plays a JSON-lines recording in order with its own sequence numbers, skipping what is not an event', async () => {
    const events = generateScenario('answered-caller-hangs-up', {
      topology: generateTopology(),
      startUs: 1.7e15,
      timeScale: 0.001,
      callIndex: 1,
      runTag: 'feed',
    }).events;
    const monitored = events.filter((e) => e.dn === null);
    const file = join(dir, 'calls.jsonl');
    const lines = monitored.map((e, i) =>
      JSON.stringify({ ...e.body, AttributeEventSequenceNumber: 9000 + i, server: 'sip1', line: i + 1 }),
    );
    lines.splice(2, 0, '{"request":"RequestRegisterAddress","AttributeThisDN":"6001"}', 'garbage', '');
    writeFileSync(file, lines.join('\n') + '\n');
    const before = client.lines.length;
    const r = await sim.replay(file, 1000);
    assert.equal(r.events, monitored.length);
    assert.deepEqual(r.skipped, [{ line: 4, reason: 'not JSON' }]);
    await client.until((ls) => ls.length - before === monitored.length);
    const got = client.lines.slice(before);
    assert.deepEqual(
      got.map((l) => l['message']),
      monitored.map((e) => e.body.message),
    );
    assert.ok(
      got.every((l) => (l['AttributeEventSequenceNumber'] as number) < 9000 && l['server'] === undefined),
    );
    assert.equal(
      got[0]?.['AttributeTimeinuSecs'],
      monitored[0]?.body['AttributeTimeinuSecs'],
      'original times kept',
    );
  });

  it('plays the T-Lib messages of a SIP Server log', async () => {
    const file = join(dir, 'sips.log');
    const block = (seq: string, usecs: number) =>
      [
        `@16:45:24.59${usecs} [0] 8.1.101.25 distribute_event: message EventRinging`,
        '\tAttributeEventSequenceNumber\t' + seq,
        '\tAttributeConnID\t006c02462a161006',
        "\tAttributeThisDN\t'6001'",
        '\tAttributeUserData\t[14] 00 01 00 00..',
        "\t\t'DispositionCode'\t'Sale'",
        '\tAttributeTimeinuSecs\t' + usecs,
        '\tAttributeTimeinSecs\t1439853377 (23:16:17)',
      ].join('\r\n');
    const text = [
      '16:45:03.031: SIPTR: Received [0,UDP] 467 bytes from 10.51.34.110:5060 <<<<<',
      block('00000000010c9288', 10),
      '2015-08-17T23:16:17.458 Trc 04542 EventRinging sent to [24] (00000479 ICON 10.51.60.68:59022)',
      block('00000000010c9289', 20),
      '@16:45:25.0000 [0] 8.1.101.25 distribute_event: message EventRinging',
      '\tAttributeConnID\tzz',
      '',
    ].join('\r\n');
    writeFileSync(file, text);
    const before = client.lines.filter((l) => !LINK.has(String(l['message']))).length;
    const r = await sim.replay(file, 0);
    assert.equal(r.events, 2);
    assert.equal(r.skipped.length, 1);
    assert.match(r.skipped[0]?.reason ?? '', /is not a ConnID/);
    await client.until((ls) => ls.filter((l) => !LINK.has(String(l['message']))).length - before === 2);
    const got = client.lines.filter((l) => l['message'] === 'EventRinging').slice(-2);
    assert.deepEqual(
      got.map((l) => l['AttributeTimeinuSecs']),
      [10, 20],
    );
    assert.deepEqual(got[0]?.['AttributeUserData'], { DispositionCode: 'Sale' });
  });
});

describe('exec-connector lab engage sip', () => {
  it('serves the pair and the admin API until SIGTERM', async () => {
    const [p, b, a] = [await freePort(), await freePort(), await freePort()];
    const child = spawn(
      process.execPath,
      [
        fileURLToPath(new URL('../../bin/exec-connector.js', import.meta.url)),
        'lab',
        'engage',
        'sip',
        '--port',
        String(p),
        '--backup-port',
        String(b),
        '--admin-port',
        String(a),
        '--time-scale',
        '0.001',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      await until('the admin API line', () => out.includes('admin API') || child.exitCode !== null, 30_000);
      assert.match(out, new RegExp(`primary 127\\.0\\.0\\.1:${p}, backup 127\\.0\\.0\\.1:${b}`));
      const res = await fetch(`http://127.0.0.1:${a}/calls`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"scenario":"internal"}',
      });
      assert.equal(res.status, 201);
      assert.match(((await res.json()) as { callUuid: string }).callUuid, /^[0-9A-Z]{32}$/);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0);
    assert.match(out, /stopped/);
  });
});
