// Every administrator change of the mutator shows in the next snapshot and in readChangesSince,
// recorded the way Configuration Server records history (object type, DBID, operation).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CfgObjectType,
  readChangesSince,
  readHistoryCursor,
  readLastModifiedOf,
  readSnapshot,
  type ChangeCursor,
  type EngageSnapshot,
} from '../../src/engage/configdb/index.ts';
import {
  createAgentGroup,
  createBusinessAttributeValue,
  createDn,
  createPerson,
  createSkill,
  deleteObject,
  deletePerson,
  findFolder,
  moveToFolder,
  renameObject,
  setGroupMember,
  setObjectState,
  setPersonRoles,
  setPersonState,
  setSkillLevel,
  setTransactionOption,
  updatePerson,
} from '../../src/lab/engage/configdb/index.ts';
import { seededDatabase, type SeededDb } from './helpers.ts';

const { Person, Skill, DN, AgentGroup, EnumeratorValue, Folder } = CfgObjectType;

describe('lab Config DB mutator and readChangesSince', () => {
  let s: SeededDb;
  let cursor: ChangeCursor;
  before(async () => {
    s = await seededDatabase('cfg_mutator', { agents: 40, seed: 5 });
    cursor = await readHistoryCursor(s.db.client);
  });
  after(() => s.close());

  /** The changes since the last call, as "op type dbid" strings; advances the cursor. */
  async function changes(): Promise<string[]> {
    const r = await readChangesSince(s.db.client, cursor);
    cursor = r.cursor;
    return r.changes.map((c) => `${c.operation} ${c.objectType} ${c.dbid}`);
  }
  const snap = (): Promise<EngageSnapshot> => readSnapshot(s.db.client);
  const person = (sn: EngageSnapshot, dbid: number) => sn.persons.find((p) => p.dbid === dbid);

  it('reports nothing when nothing changed', async () => {
    assert.deepEqual(await changes(), []);
  });

  it('create: a person with skills and group membership', async () => {
    const folder = await findFolder(s.db.client, Person, ['EX_EVOLUTION', 'Sales Team']);
    const dbid = await createPerson(s.db.client, {
      userName: 'new.agent@contoso.example',
      firstName: 'New',
      lastName: 'Agent',
      folderDbid: folder,
      skills: [{ skillDbid: 201, level: 7 }],
      groupDbids: [302],
    });
    assert.deepEqual(await changes(), [
      `add Person ${dbid}`,
      `change Folder ${folder}`,
      'change AgentGroup 302',
    ]);
    const sn = await snap();
    const p = person(sn, dbid);
    assert.deepEqual(p?.folderPath, ['EX_EVOLUTION', 'Sales Team']);
    assert.deepEqual(p?.skillLevels, [{ skillDbid: 201, skillName: 'Sales', level: 7 }]);
    assert.ok(sn.agentGroups.find((g) => g.dbid === 302)?.memberDbids.includes(dbid));
    assert.ok(p?.lastModified);
  });

  it('rename, disable and enable a person', async () => {
    await updatePerson(s.db.client, 1002, { lastName: 'Renamed', email: 'renamed@contoso.example' });
    await setPersonState(s.db.client, 1002, 'disabled');
    assert.deepEqual(await changes(), ['change Person 1002', 'change Person 1002']);
    let p = person(await snap(), 1002);
    assert.equal(p?.lastName, 'Renamed');
    assert.equal(p?.email, 'renamed@contoso.example');
    assert.equal(p?.state, 'disabled');
    await setPersonState(s.db.client, 1002, 'enabled');
    await changes();
    p = person(await snap(), 1002);
    assert.equal(p?.state, 'enabled');
  });

  it('delete and re-create a person: gone, then back with a new DBID and the same links', async () => {
    const before = person(await snap(), 1003);
    assert.ok(before);
    const record = await deletePerson(s.db.client, 1003);
    const deleted = await changes();
    assert.ok(deleted.includes('delete Person 1003'));
    let sn = await snap();
    assert.equal(person(sn, 1003), undefined);
    assert.ok(sn.agentGroups.every((g) => !g.memberDbids.includes(1003)));
    const dbid = await createPerson(s.db.client, record);
    assert.ok(dbid > 1003);
    assert.ok((await changes()).includes(`add Person ${dbid}`));
    sn = await snap();
    const again = person(sn, dbid);
    assert.equal(again?.userName, before.userName);
    assert.deepEqual(again?.skillLevels, before.skillLevels);
    assert.deepEqual(again?.folderPath, before.folderPath);
    assert.deepEqual(again?.htccRoles, before.htccRoles);
  });

  it('move between folders: the person and both folders are recorded', async () => {
    const sales = await findFolder(s.db.client, Person, ['EX_EVOLUTION', 'Sales Team']);
    const pilot = await findFolder(s.db.client, Person, ['Regions', 'EMEA', 'EX_PILOT']);
    await moveToFolder(s.db.client, Person, 1001, pilot);
    assert.deepEqual(
      (await changes()).sort(),
      [`change Folder ${pilot}`, `change Folder ${sales}`, 'change Person 1001'].sort(),
    );
    assert.deepEqual(person(await snap(), 1001)?.folderPath, ['Regions', 'EMEA', 'EX_PILOT']);
  });

  it('skills and levels, group membership, roles', async () => {
    await setSkillLevel(s.db.client, 1004, 208, 999);
    await setGroupMember(s.db.client, 303, 1004, true);
    await setPersonRoles(s.db.client, 1004, { htccRoles: 'agent,supervisor' });
    assert.deepEqual(await changes(), ['change Person 1004', 'change AgentGroup 303', 'change Person 1004']);
    let sn = await snap();
    assert.equal(person(sn, 1004)?.skillLevels.find((l) => l.skillDbid === 208)?.level, 999);
    assert.ok(sn.agentGroups.find((g) => g.dbid === 303)?.memberDbids.includes(1004));
    assert.deepEqual(person(sn, 1004)?.htccRoles, ['agent', 'supervisor']);
    await setSkillLevel(s.db.client, 1004, 208, null);
    await setGroupMember(s.db.client, 303, 1004, false);
    await setPersonRoles(s.db.client, 1004, { isAgent: false, htccRoles: null });
    await changes();
    sn = await snap();
    assert.equal(
      person(sn, 1004)?.skillLevels.find((l) => l.skillDbid === 208),
      undefined,
    );
    assert.ok(!sn.agentGroups.find((g) => g.dbid === 303)?.memberDbids.includes(1004));
    assert.equal(person(sn, 1004)?.isAgent, false);
    assert.deepEqual(person(sn, 1004)?.annex, {});
  });

  it('skills, VQ DNs, agent groups and business attribute values: create, rename, delete', async () => {
    const skill = await createSkill(s.db.client, 'Portuguese');
    const vqFolder = await findFolder(s.db.client, DN, ['EX_EVOLUTION'], 102);
    const vq = await createDn(s.db.client, {
      switchDbid: 102,
      number: 'VQ_New',
      type: 5,
      folderDbid: vqFolder,
    });
    const ag = await createAgentGroup(s.db.client, {
      name: 'AG_New',
      wfmQueueNumber: 'VQ_New',
      memberDbids: [1005],
    });
    const value = await createBusinessAttributeValue(s.db.client, 401, 'Transferred');
    assert.deepEqual(await changes(), [
      `add Skill ${skill}`,
      `add DN ${vq}`,
      `change Folder ${vqFolder}`,
      `add AgentGroup ${ag}`,
      `add EnumeratorValue ${value}`,
      'change Enumerator 401',
    ]);
    let sn = await snap();
    assert.equal(sn.skills.find((x) => x.dbid === skill)?.name, 'Portuguese');
    assert.equal(sn.dns.find((x) => x.dbid === vq)?.switchName, 'VQ-Switch');
    const scoped = await readSnapshot(s.db.client, { folderFilter: ['EX_EVOLUTION'] });
    assert.deepEqual(scoped.dns.find((x) => x.dbid === vq)?.folderPath, ['EX_EVOLUTION']);
    await setObjectState(s.db.client, DN, vq, 'disabled');
    assert.equal((await snap()).dns.find((x) => x.dbid === vq)?.state, 'disabled');
    assert.equal(sn.agentGroups.find((x) => x.dbid === ag)?.wfmQueueNumber, 'VQ_New');
    assert.ok(
      sn.businessAttributes.find((b) => b.dbid === 401)?.values.some((v) => v.name === 'Transferred'),
    );
    await renameObject(s.db.client, Skill, skill, 'Portuguese_BR');
    await renameObject(s.db.client, EnumeratorValue, value, 'Transferred_Out');
    await deleteObject(s.db.client, DN, vq);
    await deleteObject(s.db.client, AgentGroup, ag);
    const c = await changes();
    for (const x of [
      `change Skill ${skill}`,
      `change EnumeratorValue ${value}`,
      `delete DN ${vq}`,
      `delete AgentGroup ${ag}`,
    ]) {
      assert.ok(c.includes(x), `${x} in ${c.join(', ')}`);
    }
    sn = await snap();
    assert.equal(sn.skills.find((x) => x.dbid === skill)?.name, 'Portuguese_BR');
    assert.equal(
      sn.dns.find((x) => x.dbid === vq),
      undefined,
    );
    assert.equal(
      sn.agentGroups.find((x) => x.dbid === ag),
      undefined,
    );
    assert.ok(!c.some((x) => x.includes(String(Folder)) && x.startsWith('add')));
  });

  it('transaction options, and a VQ change sets its Last modified time', async () => {
    await setTransactionOption(s.db.client, 'config_sync', 'supervisor_role_names', 'Supervisor,Quality');
    assert.deepEqual(await changes(), [`change Transaction 1`]);
    assert.equal(
      (await snap()).hybridIntegration?.sections.config_sync?.supervisor_role_names,
      'Supervisor,Quality',
    );
    const vq = (await snap()).dns.find((d) => d.number === 'VQ_Billing');
    assert.ok(vq);
    assert.equal(vq.lastModified, null);
    await renameObject(s.db.client, DN, vq.dbid, 'Billing alias');
    const t = await readLastModifiedOf(s.db.client, DN, vq.dbid);
    assert.ok(t && Math.abs(Date.parse(t) - Date.now()) < 60_000, `last modified ${t}`);
    assert.equal((await snap()).dns.find((d) => d.dbid === vq.dbid)?.lastModified, t);
  });

  it('reads changes in pages without losing any', async () => {
    await changes();
    for (let i = 0; i < 5; i++) await setSkillLevel(s.db.client, 1006, 201, i);
    const first = await readChangesSince(s.db.client, cursor, 3);
    const second = await readChangesSince(s.db.client, first.cursor, 3);
    assert.equal(first.changes.length, 3);
    assert.equal(second.changes.length, 2);
    assert.ok(second.changes[0]!.historyId > first.changes[2]!.historyId);
  });
});
