// End to end: a seeded lab Config DB (1000 agents) on real PostgreSQL, EXCS on real Redis, the cloud
// emulator; the org after the initial sync is compared field by field with an expectation built from the
// seeded rows by ./expectation.ts, independently of the reader and the mapping rules.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { auditProblems, orgDifferences } from './compare.ts';
import { buildExpectation } from './expectation.ts';
import { initialSync, startRig, TENANT, type Rig } from './harness.ts';

let rig: Rig;
before(async () => {
  rig = await startRig(1000, 'excs_e2e');
});
after(async () => {
  await rig.close();
});

test('the initial sync of 1000 agents matches the seeds rules, with no rejected call', async () => {
  const { sync } = await rig.startExcs();
  await initialSync(sync);
  const want = await buildExpectation(rig.sql, TENANT);
  assert.ok(want.users.length > 900, `expectation has ${want.users.length} users`);
  assert.ok(want.queues.length >= 50, `${want.queues.length} queues`);
  assert.ok(want.queues.reduce((n, q) => n + q.members.length, 0) > 500, 'queues have members');
  assert.ok(want.users.some((u) => u.roles.includes('Supervisor')) && want.users.some((u) => !u.active));
  const org = await rig.org();
  assert.deepEqual(orgDifferences(org, want), []);
  assert.deepEqual(auditProblems(await rig.audit(), org), []);
  assert.equal(org.sources.length, 1);
  // Persons without an e-mail are skipped without failing the sync.
  assert.equal(sync.engine.status.syncStatus.status, 'Success');
  assert.ok(sync.engine.status.skipped.some((s) => s.type === 'user'));
});

test('a second pass finds nothing to do', async () => {
  const { sync } = rig.excs as NonNullable<Rig['excs']>;
  const { plan } = await sync.engine.preview(true);
  assert.deepEqual(plan.ops, []);
});

test('/status in the seed shape, settings and the mapping API with its version', async () => {
  const url = rig.excs?.running.url as string;
  const status = (await (await fetch(`${url}/status`)).json()) as {
    status: { code: number; message: string; corrId: string };
    data: { syncStatus: { timeStamp: string; status: string }; counts: Record<string, number> };
  };
  assert.equal(status.status.code, 0);
  assert.match(
    status.status.message,
    /^Latest database updates for orgId:6662cb10-0d4d-4710-b979-db69011e66fd have been successfully processed on /,
  );
  assert.equal(status.data.syncStatus.status, 'Success');
  assert.ok(!Number.isNaN(Date.parse(status.data.syncStatus.timeStamp)));
  assert.ok((status.data.counts.users ?? 0) > 900);

  const general = (await (await fetch(`${url}/api/v1/settings/general`)).json()) as {
    data: { settings: Record<string, string> };
  };
  assert.equal(general.data.settings.base_service_url, rig.emulator.url);
  const bad = await fetch(`${url}/api/v1/settings/nope`);
  assert.equal(bad.status, 404);

  const org = await rig.org();
  const res = await fetch(`${url}/api/v1/mappings/users?dbid=1001`);
  const etag = res.headers.get('etag') as string;
  const users = (await res.json()) as {
    data: {
      version: number;
      users: {
        dbid: number;
        cloudId: string;
        userName: string;
        active: boolean;
        isAgent: boolean;
        employeeId: string;
      }[];
    };
  };
  assert.equal(users.data.users.length, 1);
  const u = users.data.users[0];
  assert.equal(org.users.find((x) => x.id === u?.cloudId)?.externalId.startsWith('1001_'), true);
  assert.equal(typeof users.data.version, 'number');
  assert.equal(
    (await fetch(`${url}/api/v1/mappings/users`, { headers: { 'if-none-match': etag } })).status,
    304,
  );
  const queues = (await (
    await fetch(`${url}/api/v1/mappings/queues?number=VQ_Sales_Leads&switch=VQ-Switch`)
  ).json()) as { data: { queues: { cloudId: string }[] } };
  assert.equal(
    org.queues.find((q) => q.id === queues.data.queues[0]?.cloudId)?.name,
    'VQ_Sales_Leads__VQ-Switch__Engage-external',
  );
  const source = (await (await fetch(`${url}/api/v1/mappings/source`)).json()) as {
    data: { cloudId: string };
  };
  assert.equal(source.data.cloudId, org.sources[0]?.id);
  const ext = (await (await fetch(`${url}/api/v1/mappings/extensions`)).json()) as {
    data: { extensions: unknown[] };
  };
  assert.ok(ext.data.extensions.length > 0);
  const badFilter = await fetch(`${url}/api/v1/mappings/users?dbid=abc`);
  assert.equal(badFilter.status, 400);
});
