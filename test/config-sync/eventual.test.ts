// Config sync against an eventually consistent org with concurrent writers: reads lag writes by 2 s
// (--consistency-delay 2000) and 5% of the user-modifying calls meet a 409 version conflict. The sync
// still converges (a second pass at the latest): the org as the seeds' rules want it, no duplicate, and
// no call rejected other than the injected conflicts, which were all retried.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setSkillLevel, updatePerson } from '../../src/lab/engage/configdb/index.ts';
import { auditProblems, orgDifferences } from './compare.ts';
import { buildExpectation } from './expectation.ts';
import { startRig, TENANT, until, type Rig } from './harness.ts';

let rig: Rig;
before(async () => {
  rig = await startRig(150, 'excs_eventual', {}, { consistencyDelayMs: 2000, eventOrderSeed: 1 });
  const res = await fetch(`${rig.emulator.url}/__emulator/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ presets: [{ name: 'versionConflicts', rate: 0.05 }] }),
  });
  assert.equal(res.status, 200);
});
after(async () => {
  await rig.close();
});

const converged = async (label: string, sync: NonNullable<Rig['excs']>['sync']) => {
  const want = await buildExpectation(rig.sql, TENANT);
  await until(
    label,
    async () => sync.engine.status.initialSyncDone && orgDifferences(await rig.org(), want).length === 0,
    180_000,
  );
  return want;
};

test('converges with reads 2 s behind and 409s on 5% of user writes: org as expected, no duplicate', async () => {
  const { sync } = await rig.startExcs({ pollMs: 500 });
  const first = await converged('the initial sync', sync);
  assert.ok(first.users.length > 100, `expectation has ${first.users.length} users`);
  // An administrator changes 80 agents (skill levels and names): user writes, some of them conflicting.
  const { rows } = await rig.sql.query<{ person_dbid: number; skill_dbid: number }>(
    `SELECT DISTINCT ON (person_dbid) person_dbid, skill_dbid FROM cfg_skill_level ORDER BY person_dbid LIMIT 80`,
  );
  assert.ok(rows.length >= 60, `${rows.length} persons with skills`);
  for (const r of rows) {
    await setSkillLevel(rig.lab.client, r.person_dbid, r.skill_dbid, 1);
    await updatePerson(rig.lab.client, r.person_dbid, { lastName: `Renamed${r.person_dbid}` });
  }
  const want = await converged('the changes', sync);
  // Once reads have caught up, a full pass finds nothing left to do.
  await new Promise((r) => setTimeout(r, 2100));
  const { plan } = await sync.engine.preview(true);
  assert.deepEqual(plan.ops, []);
  const audit = await rig.audit();
  const conflicts = audit.requests.filter((r) => r.fault === 'conflict');
  assert.ok(conflicts.length > 0, 'some user writes met a version conflict');
  const org = await rig.org();
  assert.deepEqual(orgDifferences(org, want), []);
  const injected = new Set(conflicts);
  assert.deepEqual(auditProblems({ requests: audit.requests.filter((r) => !injected.has(r)) }, org), []);
  assert.equal(org.sources.length, 1);
});
