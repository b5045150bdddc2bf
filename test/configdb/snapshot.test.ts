// One snapshot per pass: a change committed while a snapshot is being read does not show in it
// (REPEATABLE READ), shows in the next one, and its history record is after the snapshot's cursor.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readChangesSince, readSnapshot, type ConfigDbClient } from '../../src/engage/configdb/index.ts';
import { deletePerson, setGroupMember, createSkill } from '../../src/lab/engage/configdb/index.ts';
import { seededDatabase, type SeededDb } from './helpers.ts';

/** A client whose snapshot transaction runs `between` (on other connections) after its first query. */
function interleaving(inner: ConfigDbClient, between: () => Promise<void>): ConfigDbClient {
  return {
    dialect: inner.dialect,
    query: inner.query.bind(inner),
    transaction(mode, fn) {
      return inner.transaction(mode, async (tx) => {
        let done = false;
        return fn({
          dialect: tx.dialect,
          async query<R>(sql: string, params?: readonly unknown[]) {
            const r = await tx.query<R>(sql, params);
            if (!done) {
              done = true;
              await between();
            }
            return r;
          },
        });
      });
    },
  };
}

describe('snapshot consistency', () => {
  let s: SeededDb;
  before(async () => {
    s = await seededDatabase('cfg_snapshot', { agents: 40, seed: 2 });
  });
  after(() => s.close());

  it('does not see changes committed during the read; the next snapshot and the change feed do', async () => {
    const before = await readSnapshot(s.db.client);
    const victim = before.agentGroups.find((g) => g.memberDbids.length > 0);
    assert.ok(victim);
    const member = victim.memberDbids[0]!;
    const outsider = before.persons.find((p) => p.isAgent && !victim.memberDbids.includes(p.dbid))!;
    let skill = 0;
    const during = await readSnapshot(
      interleaving(s.db.client, async () => {
        await deletePerson(s.db.client, member);
        await setGroupMember(s.db.client, victim.dbid, outsider.dbid, true);
        skill = await createSkill(s.db.client, 'Added_During_Read');
      }),
    );
    assert.ok(skill > 0, 'the interleaved changes ran');
    // Nothing of the concurrent changes is visible, in any table.
    assert.deepEqual({ ...during, readAt: '' }, { ...before, readAt: '' });
    const next = await readSnapshot(s.db.client);
    assert.equal(
      next.persons.find((p) => p.dbid === member),
      undefined,
    );
    const g = next.agentGroups.find((x) => x.dbid === victim.dbid)!;
    assert.ok(!g.memberDbids.includes(member) && g.memberDbids.includes(outsider.dbid));
    assert.ok(next.skills.some((x) => x.dbid === skill));
    const feed = await readChangesSince(s.db.client, during.cursor);
    const seen = feed.changes.map((c) => `${c.operation} ${c.objectType} ${c.dbid}`);
    for (const x of [`delete Person ${member}`, `change AgentGroup ${victim.dbid}`, `add Skill ${skill}`]) {
      assert.ok(seen.includes(x), `${x} in ${seen.join(', ')}`);
    }
    assert.ok(next.cursor.historyId >= feed.cursor.historyId);
  });
});
