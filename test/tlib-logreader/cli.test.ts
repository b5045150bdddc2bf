// `exec-connector tlib convert <logfile>` as users run it: a spawned process, stdout, stderr, exit code.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { decodeJsonLine } from '../../src/engage/tlib/codec/decode.ts';
import { fixturePath } from './fixtures.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'tlib-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function convert(...args: string[]): Promise<{ code: number | null; out: string[]; err: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/exec-connector.js', 'tlib', 'convert', ...args], {
      cwd: ROOT,
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, out: out.split('\n').filter(Boolean), err: err.split('\n').filter(Boolean) }),
    );
  });
}

test('a clean SIP Server log: one JSON-link line per message, nothing on stderr, exit 0', async () => {
  const r = await convert(fixturePath('sipserver-own.log'));
  assert.equal(r.code, 0);
  assert.deepEqual(r.err, []);
  assert.equal(r.out.length, 8);
  const first = JSON.parse(r.out[0] as string) as Record<string, unknown>;
  assert.equal(first.message, 'EventRinging');
  assert.equal(first.server, 'SIPS_sg01_P');
  assert.equal(first.source, 'sipserver-own.log');
  assert.equal(first.line, 11);
  assert.equal(first.AttributeEventSequenceNumber, 0x10c9280); // hex in the log, a number here
  assert.equal(first.AttributeConnID, '006c02462a161006');
  assert.deepEqual(first.AttributeUserData, {
    RTargetAgentSelected: 'agent01',
    RRequestedSkills: { Skill1: 2, Sales: 10 },
    CallerName: '',
  });
  const request = JSON.parse(r.out[3] as string) as Record<string, unknown>;
  assert.equal(request.request, 'RequestQueryCall');
  assert.equal(request.message, undefined);
  for (const line of r.out) assert.ok(decodeJsonLine(line).ok, line);
});

test('client-side renderings come out reconstructed, with the server they name', async () => {
  const r = await convert(fixturePath('urs-client-side.log'), '--server', 'ignored-when-the-log-names-one');
  assert.equal(r.code, 0);
  const queued = JSON.parse(r.out[0] as string) as Record<string, unknown>;
  assert.equal(queued.message, 'EventQueued');
  assert.equal(queued.reconstructed, true);
  assert.equal(queued.server, 'TServer');
});

test('malformed blocks: one stderr line each with file and line number, the rest on stdout, exit 1', async () => {
  const file = fixturePath('cut-off.log');
  const r = await convert(file);
  assert.equal(r.code, 1);
  assert.equal(r.out.length, 1);
  assert.equal((JSON.parse(r.out[0] as string) as { message: string }).message, 'EventRetrieved');
  assert.equal(r.err.length, 5);
  [1, 8, 11, 13, 20].forEach((n, i) => assert.ok(r.err[i]?.startsWith(`${file}:${n}: `), r.err[i]));
  assert.match(r.err[0] as string, /cut off/);
});

test('a large CRLF log read in many chunks gives every message in order', async () => {
  const blocks: string[] = [];
  for (let i = 0; i < 6000; i++)
    blocks.push(
      `@10:00:00.0001 [0] 8.1.101.25 distribute_event: message EventRinging\r\n\tAttributeEventSequenceNumber\t${i.toString(16).padStart(16, '0')}\r\n\tAttributeConnID\t${(0x6c02462a160000 + i).toString(16).padStart(16, '0')}\r\n\tAttributeUserData\t[60] 00 02 00 00..\r\n\t\t'pad'\t'${'x'.repeat(300)}'\r\n\t\t'i'\t${i}\r\n16:45:24.600: SIPTR: Sending  [0,UDP] 406 bytes to 10.51.34.110:5060 >>>>>\r\n`,
    );
  const file = join(tmp, 'big.log');
  writeFileSync(file, blocks.join(''));
  const r = await convert(file, '--server', 'SIPS_A');
  assert.equal(r.code, 0);
  assert.deepEqual(r.err, []);
  assert.equal(r.out.length, 6000);
  r.out.forEach((line, i) => {
    const m = JSON.parse(line) as Record<string, unknown>;
    assert.equal(m.AttributeEventSequenceNumber, i);
    assert.equal(m.server, 'SIPS_A');
    assert.deepEqual(m.AttributeUserData, { pad: 'x'.repeat(300), i });
  });
});

test('a missing file is a one-line failure (exit 1); a missing argument a usage error (exit 2)', async () => {
  const missing = await convert(join(tmp, 'nope.log'));
  assert.equal(missing.code, 1);
  assert.equal(missing.err.length, 1);
  assert.match(missing.err[0] as string, /cannot read .*nope\.log: ENOENT/);
  assert.deepEqual(missing.out, []);
  const usage = await convert();
  assert.equal(usage.code, 2);
});
