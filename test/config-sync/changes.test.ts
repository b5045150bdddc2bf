// Change detection and the seeds' modification and deletion rules, one test per rule, each driven by the
// lab mutator (the way an administrator changes Engage) and observed in the emulator's org. The service
// polls the Config DB history; nothing here triggers a pass by hand except the org-side cases, which need
// a full pass (the periodic reconcile).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createCloudClient, type CloudClient } from '../../src/cloud/index.ts';
import { CfgObjectType } from '../../src/engage/configdb/enums.ts';
import {
  createBusinessAttributeValue,
  createPerson,
  deleteObject,
  deletePerson,
  setGroupMember,
  setPersonRoles,
  setPersonState,
  setSkillLevel,
  updatePerson,
} from '../../src/lab/engage/configdb/index.ts';
import { buildExpectation } from './expectation.ts';
import { initialSync, startRig, TENANT, until, type EmulatorOrg, type Rig } from './harness.ts';

let rig: Rig;
let cloud: CloudClient;
const CHANGE_TIMEOUT = 30_000; // the seeds' near-real-time bound; a failure, never a measurement

before(async () => {
  rig = await startRig(100, 'excs_changes');
  const { sync } = await rig.startExcs({ pollMs: 200 });
  await initialSync(sync);
  cloud = createCloudClient({
    apiUrl: rig.emulator.url,
    authUrl: rig.emulator.url,
    clientId: rig.emulator.clientId,
    clientSecret: rig.emulator.clientSecret,
    rateLimitPerMinute: 1_000_000,
  });
});
after(async () => {
  await cloud.close();
  await rig.close();
});

/** An enabled agent (not a supervisor) with an e-mail userName, member of at least one queue. */
async function queueMember(
  skip: number[] = [],
): Promise<{ dbid: number; user: EmulatorOrg['users'][number] }> {
  const org = await rig.org();
  const members = new Set(org.queues.flatMap((q) => q.members));
  const u = org.users.find(
    (x) =>
      x.active &&
      members.has(x.id) &&
      !skip.includes(Number(x.externalId.split('_')[0])) &&
      x.roles.includes('User') && // an agent: non-agents may sit in static groups too
      !x.roles.includes('Supervisor'),
  );
  assert.ok(u, 'a queue member exists');
  return { dbid: Number(u.externalId.split('_')[0]), user: u };
}

const userById = async (id: string) => (await rig.org()).users.find((u) => u.id === id);
const queuesOf = async (id: string) =>
  (await rig.org()).queues.filter((q) => q.members.includes(id)).map((q) => q.name);
const used: number[] = [];

test('a renamed person: displayName follows', async () => {
  const { dbid, user } = await queueMember(used);
  used.push(dbid);
  await updatePerson(rig.lab.client, dbid, { firstName: 'Renamed' });
  await until(
    'displayName',
    async () => (await userById(user.id))?.displayName.startsWith('Renamed '),
    CHANGE_TIMEOUT,
  );
});

test('a disabled person: the user becomes inactive and leaves its queues', async () => {
  const { dbid, user } = await queueMember(used);
  used.push(dbid);
  await setPersonState(rig.lab.client, dbid, 'disabled');
  await until('inactive', async () => (await userById(user.id))?.active === false, CHANGE_TIMEOUT);
  await until('out of queues', async () => (await queuesOf(user.id)).length === 0, CHANGE_TIMEOUT);
});

test('a deleted person: user kept but inactive, removed from every queue; re-created: same user, active, new externalId', async () => {
  const { dbid, user } = await queueMember(used);
  used.push(dbid);
  assert.ok((await queuesOf(user.id)).length > 0);
  const record = await deletePerson(rig.lab.client, dbid);
  await until('inactive', async () => (await userById(user.id))?.active === false, CHANGE_TIMEOUT);
  await until('out of every queue', async () => (await queuesOf(user.id)).length === 0, CHANGE_TIMEOUT);
  assert.ok(await userById(user.id), 'the user is never deleted');

  const newDbid = await createPerson(rig.lab.client, record);
  assert.notEqual(newDbid, dbid);
  const back = await until(
    'active again',
    async () => {
      const u = await userById(user.id);
      return u?.active && u.externalId.startsWith(`${newDbid}_`) ? u : undefined;
    },
    CHANGE_TIMEOUT,
  );
  assert.equal(back.userName, user.userName);
  const org = await rig.org();
  assert.equal(org.users.filter((u) => u.userName.toLowerCase() === user.userName.toLowerCase()).length, 1);
});

test('a skill level change: proficiency recomputed by the seeds rule', async () => {
  const { dbid, user } = await queueMember(used);
  used.push(dbid);
  const { rows } = await rig.sql.query<{ skill_dbid: number }>(
    'SELECT skill_dbid FROM cfg_skill_level WHERE person_dbid = $1 LIMIT 1',
    [dbid],
  );
  const skill = rows[0]?.skill_dbid as number;
  await setSkillLevel(rig.lab.client, dbid, skill, 2);
  const want = await buildExpectation(rig.sql, TENANT);
  const expected = want.users.find((u) => u.externalId.startsWith(`${dbid}_`))?.skills;
  await until(
    'proficiency',
    async () => {
      const u = await userById(user.id);
      const got = Object.fromEntries((u?.skills ?? []).map((s) => [s.name, s.proficiency]));
      return (
        JSON.stringify(Object.entries(got).sort()) === JSON.stringify(Object.entries(expected ?? {}).sort())
      );
    },
    CHANGE_TIMEOUT,
  );
});

test('group membership: a person added to a linked agent group joins the queue', async () => {
  const { rows } = await rig.sql.query<{ group_dbid: number; vq: string }>(
    `SELECT g.dbid AS group_dbid, k.prop_value AS vq FROM cfg_group g
       JOIN cfg_flex_prop s ON s.object_type = 5 AND s.object_dbid = g.dbid AND s.prop_name = 'hybrid' AND s.parent_dbid IS NULL
       JOIN cfg_flex_prop k ON k.parent_dbid = s.dbid AND k.prop_name = 'WFM_queue_number'
      WHERE NOT EXISTS (SELECT 1 FROM cfg_flex_prop v WHERE v.object_type = 5 AND v.object_dbid = g.dbid AND v.prop_name = 'virtual')
        AND (k.prop_value LIKE '%@%' OR k.prop_value = 'VQ_Billing') ORDER BY g.dbid LIMIT 1`,
  );
  const g = rows[0];
  assert.ok(g);
  const org = await rig.org();
  const queue = org.queues.find((q) => q.name.startsWith(`${g.vq.split('@')[0]}__`));
  assert.ok(queue);
  const candidate = org.users.find((u) => u.active && !queue.members.includes(u.id));
  assert.ok(candidate);
  await setGroupMember(rig.lab.client, g.group_dbid, Number(candidate.externalId.split('_')[0]), true);
  await until(
    'member added',
    async () => (await rig.org()).queues.find((q) => q.id === queue.id)?.members.includes(candidate.id),
    CHANGE_TIMEOUT,
  );
});

test('agent → supervisor adds the Supervisor role; back to agent removes nothing', async () => {
  const { dbid, user } = await queueMember(used);
  used.push(dbid);
  assert.ok(!user.roles.includes('Supervisor'));
  await setPersonRoles(rig.lab.client, dbid, { isAgent: true, htccRoles: 'agent,supervisor' });
  await until(
    'Supervisor role',
    async () => (await userById(user.id))?.roles.includes('Supervisor'),
    CHANGE_TIMEOUT,
  );
  await setPersonRoles(rig.lab.client, dbid, { isAgent: true, htccRoles: 'agent' });
  await updatePerson(rig.lab.client, dbid, { lastName: 'Demoted' });
  await until(
    'next change applied',
    async () => (await userById(user.id))?.displayName.endsWith(' Demoted'),
    CHANGE_TIMEOUT,
  );
  assert.ok((await userById(user.id))?.roles.includes('Supervisor'), 'nothing removed');
});

test('a deleted VQ: the queue is kept, its members removed', async () => {
  const org = await rig.org();
  const q = org.queues.find((x) => x.members.length > 0);
  assert.ok(q);
  await deleteObject(rig.lab.client, CfgObjectType.DN, Number(q.peerId));
  await until(
    'members removed',
    async () => (await rig.org()).queues.find((x) => x.id === q.id)?.members.length === 0,
    CHANGE_TIMEOUT,
  );
  assert.ok(
    (await rig.org()).queues.some((x) => x.id === q.id),
    'queue kept',
  );
});

test('a new disposition value: one more wrap-up code, on every queue; a deleted skill stays in the org', async () => {
  await createBusinessAttributeValue(rig.lab.client, 401, 'Callback_Promised');
  const code = await until(
    'wrap-up code',
    async () => (await rig.org()).wrapupCodes.find((c) => c.name === 'Callback_Promised'),
    CHANGE_TIMEOUT,
  );
  await until(
    'on every queue',
    async () => (await rig.org()).queues.every((q) => q.wrapupCodes.includes(code.id)),
    CHANGE_TIMEOUT,
  );

  const skills = (await rig.org()).skills.length;
  const { rows } = await rig.sql.query<{ dbid: number }>(`SELECT dbid FROM cfg_skill WHERE name = 'Chat'`);
  await deleteObject(rig.lab.client, CfgObjectType.Skill, rows[0]?.dbid as number);
  const sync = rig.excs?.sync;
  await until(
    'change seen',
    async () => (sync?.engine.status.lastPass?.kind === 'incremental' ? true : undefined),
    CHANGE_TIMEOUT,
  );
  await sync?.engine.runPass('incremental');
  assert.equal((await rig.org()).skills.length, skills);
  assert.ok((await rig.org()).skills.some((s) => s.name === 'Chat'));
});

test('mapped fields changed in the EX Org are put back; other fields are left alone', async () => {
  const { user } = await queueMember(used);
  await cloud.scim.patchUser(user.id, [{ op: 'replace', value: { displayName: 'Edited In Cloud' } }]);
  const manual = await cloud.routing.createSkill({ name: 'Manual_Skill' });
  const current = (await userById(user.id))?.skills ?? [];
  const ids = new Map((await rig.org()).skills.map((s) => [s.name, s.id]));
  await cloud.routing.setUserSkills(user.id, [
    ...current.map((s) => ({ id: ids.get(s.name) as string, proficiency: s.proficiency })),
    { id: manual.id as string, proficiency: 1 },
  ]);
  await rig.excs?.sync.engine.runPass('full');
  const u = await userById(user.id);
  assert.equal(u?.displayName, user.displayName);
  assert.ok(
    u?.skills.some((s) => s.name === 'Manual_Skill'),
    'a skill the connector does not own is kept',
  );
});

test('an object deleted in the EX Org is not re-created while the mapping store remembers it', async () => {
  const org = await rig.org();
  const q = org.queues.find((x) => x.members.length > 0) ?? org.queues[0];
  assert.ok(q);
  await cloud.routing.deleteQueue(q.id);
  await rig.excs?.sync.engine.runPass('full');
  await rig.excs?.sync.engine.runPass('full');
  assert.ok(!(await rig.org()).queues.some((x) => x.name.toLowerCase() === q.name.toLowerCase()));
});

test('a new person in Engage becomes a user', async () => {
  const dbid = await createPerson(rig.lab.client, {
    userName: 'new.hire@contoso.example',
    firstName: 'New',
    lastName: 'Hire',
    isAgent: true,
    enabled: true,
  });
  const u = await until(
    'created',
    async () => (await rig.org()).users.find((x) => x.externalId === `${dbid}_new.hire@contoso.example`),
    CHANGE_TIMEOUT,
  );
  assert.equal(u.displayName, 'New Hire');
  assert.deepEqual([...u.roles].sort(), ['Employee', 'User']);
});
