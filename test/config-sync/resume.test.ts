// A sync killed with SIGKILL at random points and started again ends with exactly the org of an
// uninterrupted one: nothing created twice, no call rejected by the emulator.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, test } from 'node:test';
import { auditProblems, orgDifferences } from './compare.ts';
import { buildExpectation } from './expectation.ts';
import { seededRandom } from '../harness/index.ts';
import { startRig, TENANT, until, type Rig } from './harness.ts';

let rig: Rig;
before(async () => {
  rig = await startRig(300, 'excs_resume');
});
after(async () => {
  await rig.close();
});

function startChild(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/config-sync/fixtures/excs-child.ts'], {
    env: {
      ...process.env,
      TENANT_NAME: TENANT,
      EXEC_REDIS_HOST: String(rig.vars.EXEC_REDIS_HOST),
      EXEC_REDIS_PORT: String(rig.vars.EXEC_REDIS_PORT),
      EXEC_REDIS_KEY_PREFIX: String(rig.vars.EXEC_REDIS_KEY_PREFIX),
      CONFIG_DB_URL: rig.db.url,
      RATE_LIMIT: '3000',
      // A killed writer's lease lapses soon, so the next child takes over without a long wait.
      LEASE_TTL_MS: '1000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', (d: Buffer) => resolve({ child, url: d.toString().trim() }));
    child.once('exit', (code) => reject(new Error(`EXCS child exited with ${code} before starting`)));
  });
}

const kill = (c: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    c.once('exit', () => resolve());
    c.kill('SIGKILL');
  });

test('killed with SIGKILL mid-sync three times, then left to finish: the same org, nothing twice', async () => {
  const requestsAtKill: number[] = [];
  const random = seededRandom('SIGKILL points');
  for (let i = 0; i < 3; i++) {
    const { child } = await startChild();
    // Kill once the sync has made some progress since the last start, at a random point after that.
    const before = (await rig.audit()).requests.length;
    await until('progress', async () => (await rig.audit()).requests.length > before + 5, 60_000);
    await new Promise((r) => setTimeout(r, random.int(200, 1700)));
    await kill(child);
    requestsAtKill.push((await rig.audit()).requests.length);
  }
  const { child, url } = await startChild();
  try {
    await until(
      'sync done',
      async () => {
        const s = (await (await fetch(`${url}/status`)).json()) as {
          data: { syncStatus: { status: string }; initialSyncDone: boolean };
        };
        return s.data.initialSyncDone && s.data.syncStatus.status === 'Success';
      },
      120_000,
    );
  } finally {
    await kill(child);
  }
  const want = await buildExpectation(rig.sql, TENANT);
  const org = await rig.org();
  assert.ok(
    requestsAtKill[0] && requestsAtKill[0] < want.users.length,
    'the first kill came before the sync could finish',
  );
  assert.deepEqual(orgDifferences(org, want), []);
  assert.deepEqual(auditProblems(await rig.audit(), org), []);
});
