// `exec-connector plan` and `preflight` as an operator runs them: the real executable, a seeded lab
// Config DB on PostgreSQL, the cloud emulator.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, test } from 'node:test';
import { startRig, type Rig } from './harness.ts';

let rig: Rig;
before(async () => {
  rig = await startRig(60, 'excs_cli');
});
after(async () => {
  await rig.close();
});

function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/exec-connector.js', ...args],
      { env: { ...process.env, EXEC_GC_API_URL: rig.emulator.url, EXEC_GC_AUTH_URL: rig.emulator.url } },
      (err, out, errOut) => resolve({ code: err ? Number(err.code ?? 1) : 0, out, err: errOut }),
    );
  });
}

test('preflight lists the seeded problems and exits 1', async () => {
  const r = await cli(['preflight', '--database-url', rig.db.url]);
  assert.equal(r.code, 1, r.err);
  for (const code of ['no-valid-email', 'vq-without-group', 'dangling-queue-link', 'ambiguous-queue-link']) {
    assert.match(r.out, new RegExp(code), code);
  }
  assert.match(r.out, /\d+ error\(s\), \d+ warning\(s\)\./);
});

test('plan shows what a first sync would create, grouped and counted, and changes nothing', async () => {
  const r = await cli(['plan', '--database-url', rig.db.url, '--no-store', '--limit', '5']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /\+ source "EX Engage Connector": create/);
  assert.match(r.out, /Plan: \d+ to create, 0 to change, 0 to deactivate/);
  assert.match(r.out, /… and \d+ more/);
  const json = await cli(['plan', '--database-url', rig.db.url, '--no-store', '--json']);
  const parsed = JSON.parse(json.out) as { counts: Record<string, number> };
  assert.ok((parsed.counts.createUser ?? 0) > 40);
  assert.equal((await rig.org()).users.length, 0, 'plan creates nothing');
});
