// Folder filtering (seed 003 "Selecting Engage Objects … using Folder Filtering"): folders named at
// any level, subfolders included, for Persons, Skills, DNs and Agent Groups; never for business
// attributes. Expectations come from the seeded layout, not from the reader's own code.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readSnapshot, type EngageSnapshot } from '../../src/engage/configdb/index.ts';
import { ConfigError } from '../../src/core/errors.ts';
import { seededDatabase, type SeededDb } from './helpers.ts';

describe('folder filtering', () => {
  let s: SeededDb;
  let all: EngageSnapshot;
  before(async () => {
    s = await seededDatabase('cfg_folders', { agents: 80, seed: 9 });
    all = await readSnapshot(s.db.client);
  });
  after(() => s.close());

  const under = (path: string[], names: string[]) => path.some((n) => names.includes(n));

  for (const names of [['EX_EVOLUTION'], ['EX_PILOT'], ['EX_EVOLUTION', 'EX_PILOT'], ['Sales Team']]) {
    it(`${names.join(', ')}: exactly the objects in those folders or below them`, async () => {
      const f = await readSnapshot(s.db.client, { folderFilter: names });
      assert.deepEqual(f.scope.folderFilter, names);
      const expect = <T extends { dbid: number; folderPath: string[] }>(xs: T[]) =>
        xs.filter((x) => under(x.folderPath, names)).map((x) => x.dbid);
      assert.deepEqual(
        f.persons.map((p) => p.dbid),
        expect(all.persons),
      );
      assert.deepEqual(
        f.skills.map((p) => p.dbid),
        expect(all.skills),
      );
      assert.deepEqual(
        f.dns.map((p) => p.dbid),
        expect(all.dns),
      );
      assert.deepEqual(
        f.agentGroups.map((p) => p.dbid),
        expect(all.agentGroups),
      );
      assert.ok(f.persons.length > 0 && f.persons.length < all.persons.length);
      // The objects read are the same objects, field for field.
      for (const p of f.persons)
        assert.deepEqual(
          p,
          all.persons.find((x) => x.dbid === p.dbid),
        );
      // Business attributes, switches and the transaction are never filtered.
      assert.deepEqual(f.businessAttributes, all.businessAttributes);
      assert.deepEqual(f.switches, all.switches);
      assert.deepEqual(f.hybridIntegration, all.hybridIntegration);
      // Only places that in-scope persons or DNs refer to.
      const referenced = new Set([...f.persons.map((p) => p.placeDbid), ...f.dns.map((d) => d.placeDbid)]);
      assert.ok(f.places.every((p) => referenced.has(p.dbid)));
    });
  }

  it('EX_EVOLUTION holds the subfolders Sales Team and Support Team, the VQs of both switches', async () => {
    const f = await readSnapshot(s.db.client, { folderFilter: ['EX_EVOLUTION'] });
    const paths = new Set(f.persons.map((p) => p.folderPath.join('/')));
    assert.deepEqual([...paths].sort(), [
      'EX_EVOLUTION',
      'EX_EVOLUTION/Sales Team',
      'EX_EVOLUTION/Support Team',
    ]);
    const vqSwitches = new Set(f.dns.filter((d) => d.type === 5).map((d) => d.switchName));
    assert.deepEqual([...vqSwitches].sort(), ['SIP_Switch', 'VQ-Switch']);
    assert.ok(!f.dns.some((d) => d.number === 'VQ_Report_All'));
    assert.ok(
      f.dns.some((d) => d.typeName === 'Extension'),
      'extensions of in-scope agents',
    );
  });

  it('names are exact: a name in another case or matching no folder is refused, naming it', async () => {
    await assert.rejects(
      readSnapshot(s.db.client, { folderFilter: ['EX_EVOLUTION', 'ex_evolution', 'No Such Folder'] }),
      (err: Error) =>
        err instanceof ConfigError &&
        err.problems.length === 2 &&
        err.problems.every((p) => p.startsWith('EXCS_SYNC_CUSTOMER_FOLDER_NAME: folder ')) &&
        err.problems.some((p) => p.includes('"ex_evolution" matches no folder')) &&
        err.problems.some((p) => p.includes('"No Such Folder" matches no folder')),
    );
  });

  it('preflight mode reports an unmatched name as a finding and reads the rest', async () => {
    const f = await readSnapshot(s.db.client, {
      folderFilter: ['EX_EVOLUTION', 'EX_EVOLUTON'],
      unmatchedFolders: 'report',
    });
    const unmatched = f.findings.filter((x) => x.code === 'unmatched-folder');
    assert.deepEqual(
      unmatched.map((x) => x.name),
      ['EX_EVOLUTON'],
    );
    const only = await readSnapshot(s.db.client, { folderFilter: ['EX_EVOLUTION'] });
    assert.deepEqual(
      f.persons.map((p) => p.dbid),
      only.persons.map((p) => p.dbid),
    );
  });

  it('an empty name list is refused, never read as "no filtering"', async () => {
    await assert.rejects(readSnapshot(s.db.client, { folderFilter: [] }), /lists no folder name/);
    assert.equal(
      (await readSnapshot(s.db.client, { folderFilter: null })).persons.length,
      all.persons.length,
    );
  });
});
