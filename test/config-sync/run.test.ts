// `exec-connector run excs` as deployed (environment only), on a Config DB holding bad data and name
// clashes: the sync completes, each problem has a log line, and /api/v1/preflight lists them.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, test } from 'node:test';
import { freePort } from '../harness/index.ts';
import { startRig, TENANT, until, type Rig } from './harness.ts';

let rig: Rig;
let child: ChildProcess | undefined;
let url = '';
const lines: string[] = [];

before(async () => {
  rig = await startRig(30, 'excs_run', { badData: true, nameClashes: true });
  const db = new URL(rig.db.url);
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, ['bin/exec-connector.js', 'run', 'excs'], {
    env: {
      PATH: process.env.PATH,
      EXEC_TENANT_ID: '1',
      TENANT_NAME: TENANT,
      EXEC_ORG_ID: '6662cb10-0d4d-4710-b979-db69011e66fd',
      EXEC_REDIS_HOST: String(rig.vars.EXEC_REDIS_HOST),
      EXEC_REDIS_PORT: String(rig.vars.EXEC_REDIS_PORT),
      EXEC_REDIS_KEY_PREFIX: String(rig.vars.EXEC_REDIS_KEY_PREFIX),
      EXCS_PORT: String(port),
      EXCS_CONFIG_DB_HOST: db.hostname,
      EXCS_CONFIG_DB_PORT: db.port,
      EXCS_CONFIG_DB_USER: db.username,
      EXCS_CONFIG_DB_PASSWORD: 'unused-with-trust-auth',
      EXCS_CONFIG_DB_NAME: db.pathname.slice(1),
      EXCS_POLL_INTERVAL_MS: '500',
      LOG_CONSOLE_LEVEL: 'INFO',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const s of [child.stdout, child.stderr]) {
    s?.setEncoding('utf8');
    s?.on('data', (d: string) => lines.push(...d.split('\n').filter(Boolean)));
  }
});
after(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child?.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  await rig.close();
});

test('run excs syncs a Config DB with bad data to Success, one log line per problem', async () => {
  const status = await until(
    'initial sync',
    async () => {
      try {
        const s = (await (await fetch(`${url}/status`)).json()) as {
          status: { message: string };
          data: { initialSyncDone: boolean; syncStatus: { status: string }; counts: { users: number } };
        };
        return s.data.initialSyncDone ? s : undefined;
      } catch {
        return undefined;
      }
    },
    120_000,
  );
  assert.equal(status.data.syncStatus.status, 'Success', lines.slice(-5).join('\n'));
  assert.ok(status.data.counts.users > 20);
  const health = await fetch(`${url}/health`);
  assert.equal(health.status, 200);
  const log = lines.join('\n');
  assert.match(log, /not synced: no valid e-mail address/);
  assert.match(log, /differ only by case|map to the same Genesys Cloud userName/);
  assert.match(log, /AG_Broken_Links|VQ_Billing@@VQ-Switch/);
  assert.doesNotMatch(log, /exec-lab-secret/, 'secrets never in logs');

  const pf = (await (await fetch(`${url}/api/v1/preflight`)).json()) as {
    data: { findings: { code: string }[] };
  };
  const codes = new Set(pf.data.findings.map((f) => f.code));
  for (const c of ['name-clash', 'no-valid-email', 'config-db', 'dangling-queue-link'])
    assert.ok(codes.has(c), c);
  const plan = (await (await fetch(`${url}/api/v1/plan`)).json()) as {
    data: { operations: unknown[]; text: string[] };
  };
  assert.deepEqual(plan.data.operations, []);
  assert.match(plan.data.text.join('\n'), /No changes/);
});
