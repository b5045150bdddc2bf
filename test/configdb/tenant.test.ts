// One Engage tenant (seed 003: "EX Engage Connector can work only with a single Engage tenant"), chosen by
// EXEC_TENANT_ID as a DBID or a name: on a two-tenant lab DB every object read belongs to it, and so
// does the hybrid_integration transaction. Expectations come from the seeded tenant B, not the reader.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../../src/core/errors.ts';
import { readSnapshot, type EngageSnapshot } from '../../src/engage/configdb/index.ts';
import { SECOND_TENANT as B } from '../../src/lab/engage/configdb/index.ts';
import { seededDatabase, type SeededDb } from './helpers.ts';

const dbidsOf = (s: EngageSnapshot) => [
  ...s.persons.map((x) => `person ${x.dbid}`),
  ...s.skills.map((x) => `skill ${x.dbid}`),
  ...s.dns.map((x) => `dn ${x.dbid}`),
  ...s.agentGroups.map((x) => `group ${x.dbid}`),
  ...s.businessAttributes.map((x) => `attribute ${x.dbid}`),
  ...s.switches.map((x) => `switch ${x.dbid}`),
  ...s.folders.map((x) => `folder ${x.dbid}`),
];

describe('tenant (EXEC_TENANT_ID)', () => {
  let s: SeededDb;
  let all: EngageSnapshot;
  before(async () => {
    s = await seededDatabase('cfg_tenants', { agents: 30, seed: 4, secondTenant: true });
    all = await readSnapshot(s.db.client);
  });
  after(() => s.close());

  it("by DBID or by name: only that tenant's objects and its own transaction", async () => {
    const byDbid = await readSnapshot(s.db.client, { tenant: String(B.dbid) });
    const byName = await readSnapshot(s.db.client, { tenant: B.name });
    assert.deepEqual({ ...byName, readAt: '' }, { ...byDbid, readAt: '' });
    assert.deepEqual(
      byDbid.persons.map((p) => p.dbid),
      [...B.persons],
    );
    assert.deepEqual(
      byDbid.skills.map((k) => k.name),
      [B.skill.name],
    );
    assert.deepEqual(
      byDbid.dns.map((d) => d.number),
      [B.vq.number],
    );
    assert.deepEqual(
      byDbid.agentGroups.map((g) => [g.name, g.wfmQueueNumber, g.memberDbids]),
      [[B.group.name, B.vq.number, [...B.persons]]],
    );
    assert.deepEqual(
      byDbid.businessAttributes.flatMap((a) => a.values.map((v) => v.name)),
      [B.attribute.valueName],
    );
    assert.deepEqual(
      byDbid.switches.map((w) => w.name),
      [B.switch.name],
    );
    assert.deepEqual(
      byDbid.tenants.map((t) => t.name),
      [B.name],
    );
    assert.ok(byDbid.folders.length > 0 && byDbid.folders.every((f) => f.tenantDbid === B.dbid));
    assert.equal(byDbid.hybridIntegration?.tenantDbid, B.dbid);
    assert.equal(byDbid.hybridIntegration?.sections.general?.organization_id, B.orgId);
    assert.equal(byDbid.hybridIntegration?.sections.config_sync?.client_id, B.clientId);
  });

  it('the first tenant sees none of tenant B; without a tenant both are read', async () => {
    const first = await readSnapshot(s.db.client, { tenant: '1' });
    const b = new Set(dbidsOf(await readSnapshot(s.db.client, { tenant: B.name })));
    assert.ok(b.size > 8);
    assert.deepEqual(
      dbidsOf(first).filter((x) => b.has(x)),
      [],
    );
    assert.equal(first.hybridIntegration?.tenantDbid, 1);
    assert.notEqual(first.hybridIntegration?.sections.general?.organization_id, B.orgId);
    const everything = new Set(dbidsOf(all));
    assert.ok([...b, ...dbidsOf(first)].every((x) => everything.has(x)));
    assert.equal(everything.size, b.size + dbidsOf(first).length);
  });

  it('the folder filter applies inside the tenant: both tenants have an EX_EVOLUTION folder', async () => {
    const inB = await readSnapshot(s.db.client, { tenant: B.name, folderFilter: ['EX_EVOLUTION'] });
    assert.deepEqual(
      inB.persons.map((p) => p.dbid),
      [...B.persons],
    );
    const inFirst = await readSnapshot(s.db.client, { tenant: '1', folderFilter: ['EX_EVOLUTION'] });
    assert.ok(inFirst.persons.length > 0);
    assert.ok(!inFirst.persons.some((p) => (B.persons as readonly number[]).includes(p.dbid)));
  });

  for (const wanted of ['3', 'tenant_b', 'Nobody']) {
    it(`EXEC_TENANT_ID=${wanted}: refused, naming the variable and the tenants there are`, async () => {
      await assert.rejects(
        readSnapshot(s.db.client, { tenant: wanted }),
        (err: Error) =>
          err instanceof ConfigError &&
          err.problems.length === 1 &&
          err.problems[0]!.startsWith(`EXEC_TENANT_ID: "${wanted}" is neither the DBID nor the name`) &&
          err.problems[0]!.includes('2 "Tenant_B"'),
      );
    });
  }
});
