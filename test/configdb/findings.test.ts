// Bad data never stops the read: each problem is one finding naming the object, the rest is read.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readSnapshot, type EngageSnapshot } from '../../src/engage/configdb/index.ts';
import { seededDatabase, type SeededDb } from './helpers.ts';

describe('bad data in the Config DB', () => {
  let s: SeededDb;
  let snap: EngageSnapshot;
  before(async () => {
    s = await seededDatabase('cfg_findings', { agents: 30, seed: 4, badData: true });
    snap = await readSnapshot(s.db.client);
  });
  after(() => s.close());

  const findings = (code: string, dbid: number) =>
    snap.findings.filter((f) => f.code === code && f.dbid === dbid);

  it('a dangling group member: a finding, the member left out, the group still read', () => {
    assert.equal(findings('dangling-reference', 390).length, 1);
    assert.match(findings('dangling-reference', 390)[0]!.message, /AG_Broken_Links.*999999/);
    assert.deepEqual(snap.agentGroups.find((g) => g.dbid === 390)?.memberDbids, []);
  });

  it('a skill level naming a missing skill: a finding, the level kept with no skill name', () => {
    assert.match(findings('dangling-reference', 1001)[0]?.message ?? '', /skill DBID 99999/);
    const p = snap.persons.find((x) => x.dbid === 1001);
    assert.ok(p?.skillLevels.some((l) => l.skillDbid === 99_999 && l.skillName === null));
  });

  it('WFM_queue_number of the wrong type or shape: findings, the link left empty', () => {
    assert.match(findings('annex-wrong-type', 390)[0]?.message ?? '', /VQ_Billing@@VQ-Switch/);
    assert.equal(snap.agentGroups.find((g) => g.dbid === 390)?.wfmQueueNumber, null);
    assert.match(findings('annex-wrong-shape', 391)[0]?.message ?? '', /hybrid\/WFM_queue_number.*section/);
    assert.equal(findings('annex-wrong-shape', 391)[0]?.name, 'AG_Wrong_Annex');
    assert.equal(snap.agentGroups.find((g) => g.dbid === 391)?.wfmQueueNumber, null);
  });

  it('a non-numeric skill_level_min_value: a finding, the value passed on as it is', () => {
    assert.equal(findings('annex-wrong-type', 1).length, 1);
    assert.equal(snap.hybridIntegration?.sections.config_sync?.skill_level_min_value, 'low');
  });

  it('nothing else is reported and everything else is read', () => {
    assert.equal(snap.findings.length, 5, JSON.stringify(snap.findings, null, 1));
    assert.equal(snap.persons.filter((p) => p.isAgent).length, 30);
  });
});
