// Folder filtering end to end (SYNC_CUSTOMER_OBJECTS_ONLY + SYNC_CUSTOMER_FOLDER_NAME): only persons, skills
// and queues under the named folders (any depth, subfolders included) reach the org, checked against a
// recursive folder query of its own; a person moved out of the folders is handled as deleted.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CfgObjectType } from '../../src/engage/configdb/enums.ts';
import { moveToFolder } from '../../src/lab/engage/configdb/index.ts';
import { offlinePreflight } from '../../src/services/config-sync/offline.ts';
import { initialSync, startRig, until, type Rig } from './harness.ts';

const FOLDERS = ['EX_EVOLUTION', 'EX_PILOT'];
let rig: Rig;

before(async () => {
  rig = await startRig(80, 'excs_folders');
  rig.vars.EXCS_SYNC_CUSTOMER_OBJECTS_ONLY = true;
  rig.vars.EXCS_SYNC_CUSTOMER_FOLDER_NAME = FOLDERS.join(', ');
  const { sync } = await rig.startExcs({ pollMs: 200 });
  await initialSync(sync);
});
after(async () => {
  await rig.close();
});

async function inScope(objectType: number): Promise<Set<number>> {
  const { rows } = await rig.sql.query<{ dbid: number }>(
    `WITH RECURSIVE f(dbid) AS (
       SELECT dbid FROM cfg_folder WHERE name = ANY($1::text[]) AND type = $2
       UNION SELECT c.dbid FROM cfg_folder c JOIN f ON c.parent_dbid = f.dbid)
     SELECT o.object_dbid AS dbid FROM cfg_folder_obj o JOIN f ON o.folder_dbid = f.dbid WHERE o.object_type = $2`,
    [FOLDERS, objectType],
  );
  return new Set(rows.map((r) => r.dbid));
}

test('only objects under the named folders, at any depth, are synced', async () => {
  const org = await rig.org();
  const persons = await inScope(CfgObjectType.Person);
  const all = await rig.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM cfg_person');
  assert.ok(persons.size > 0 && persons.size < (all.rows[0]?.n ?? 0), 'the seed has persons on both sides');
  for (const u of org.users)
    assert.ok(persons.has(Number(u.externalId.split('_')[0])), `${u.externalId} is in scope`);
  const pilot = await rig.sql.query<{ dbid: number }>(
    `SELECT o.object_dbid AS dbid FROM cfg_folder_obj o JOIN cfg_folder f ON f.dbid = o.folder_dbid
      WHERE f.name = 'EX_PILOT' AND o.object_type = 3`,
  );
  assert.ok(
    pilot.rows.some((r) => org.users.some((u) => u.externalId.startsWith(`${r.dbid}_`))),
    'a folder three levels deep counts',
  );
  const skills = await inScope(CfgObjectType.Skill);
  const { rows: skillRows } = await rig.sql.query<{ dbid: number; name: string }>(
    'SELECT dbid, name FROM cfg_skill',
  );
  const wantSkills = skillRows
    .filter((s) => skills.has(s.dbid))
    .map((s) => s.name)
    .sort();
  assert.deepEqual(org.skills.map((s) => s.name).sort(), wantSkills);
  const dns = await inScope(CfgObjectType.DN);
  for (const q of org.queues) assert.ok(dns.has(Number(q.peerId)), `${q.name} is in scope`);
  assert.ok(org.wrapupCodes.length > 0, 'business attributes are never filtered');
});

test('a person moved out of the folders: the user becomes inactive and leaves its queues', async () => {
  const org = await rig.org();
  const members = new Set(org.queues.flatMap((q) => q.members));
  const u = org.users.find((x) => x.active && members.has(x.id));
  assert.ok(u);
  const { rows } = await rig.sql.query<{ dbid: number }>(
    `SELECT dbid FROM cfg_folder WHERE name = 'Back Office' AND type = 3`,
  );
  await moveToFolder(
    rig.lab.client,
    CfgObjectType.Person,
    Number(u.externalId.split('_')[0]),
    rows[0]?.dbid ?? null,
  );
  await until(
    'inactive and out of queues',
    async () => {
      const o = await rig.org();
      const now = o.users.find((x) => x.id === u.id);
      return now && !now.active && !o.queues.some((q) => q.members.includes(u.id));
    },
    30_000,
  );
});

test('a misspelt folder name stops EXCS at start and is a preflight error, naming it; the org is left alone', async () => {
  const before = (await rig.org()).users.filter((u) => u.active).length;
  await rig.stopExcs();
  rig.vars.EXCS_SYNC_CUSTOMER_FOLDER_NAME = 'EX_EVOLUTON, EX_PILOT';
  try {
    await assert.rejects(rig.startExcs({ pollMs: 200 }), (err: Error) =>
      /folder "EX_EVOLUTON" matches no folder/.test(err.message),
    );
    const { findings } = await offlinePreflight({
      databaseUrl: rig.db.url,
      env: {
        EXCS_SYNC_CUSTOMER_OBJECTS_ONLY: 'true',
        EXCS_SYNC_CUSTOMER_FOLDER_NAME: 'EX_EVOLUTON, EX_PILOT',
      },
    });
    const unmatched = findings.filter((f) => f.code === 'unmatched-folder');
    assert.deepEqual(
      unmatched.map((f) => [f.severity, f.name]),
      [['error', 'EX_EVOLUTON']],
    );
    assert.equal((await rig.org()).users.filter((u) => u.active).length, before);
  } finally {
    rig.vars.EXCS_SYNC_CUSTOMER_FOLDER_NAME = FOLDERS.join(', ');
  }
});
